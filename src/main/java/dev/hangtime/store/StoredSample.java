package dev.hangtime.store;

/**
 * One sample as read back from the store.
 *
 * @param ordinal        position in the session, 0-based, assigned by the store in recording order
 *                       (unlike {@code sequence} it never wraps, so it orders a session of any length)
 * @param sequence       the device's sequence number (0..65535, wraps)
 * @param deviceTimeMs   the device's clock, milliseconds
 * @param receivedAtMs   host wall-clock time of reception, milliseconds since the epoch
 * @param angleDeg       degrees from horizontal, positive = head below feet; stored at 0.001° resolution
 * @param timeInvertedMs the device's own count of time inverted in this session, milliseconds
 * @param flags          {@link SampleFlags} bits
 */
public record StoredSample(long ordinal, int sequence, long deviceTimeMs, long receivedAtMs, double angleDeg,
                           long timeInvertedMs, int flags) {

    public boolean calibrated() {
        return (flags & SampleFlags.CALIBRATED) != 0;
    }

    public boolean userSecured() {
        return (flags & SampleFlags.USER_SECURED) != 0;
    }

    public boolean motorised() {
        return (flags & SampleFlags.MOTORISED) != 0;
    }

    public boolean sensorFault() {
        return (flags & SampleFlags.SENSOR_FAULT) != 0;
    }
}
