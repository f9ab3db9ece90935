package dev.hangtime.protocol;

/**
 * One angle sample from the table (PROTOCOL.md §3.1). Fits one default-MTU notification.
 *
 * @param flags            status bits, see {@link MeasurementFlags}; only defined bits
 * @param sequence         0..65535, +1 per sample, wraps to 0; gaps mean lost samples
 * @param deviceTimeMs     device uptime clock in milliseconds, 0..2^32-1 (wraps after ~49 days)
 * @param angleCentiDeg    degrees from horizontal in 0.01° units, positive = head below feet,
 *                         -32768..32767 (so -327.68°..327.67°; real tables stay within ±95°)
 * @param timeInvertedMs   the device's own count of time inverted in this session, milliseconds,
 *                         0..2^32-1
 * @param angularRateDeciDegPerS optional angular speed in 0.1°/s (present when flag
 *                         {@link MeasurementFlags#ANGULAR_RATE_PRESENT} is set), else 0
 */
public record Measurement(int flags, int sequence, long deviceTimeMs, int angleCentiDeg,
                          long timeInvertedMs, int angularRateDeciDegPerS) implements Message {

    public Measurement {
        Ranges.checkU16("flags", flags);
        // PROTOCOL.md §7: a message holds only the bits this version defines; a decoder clears the others
        if ((flags & ~MeasurementFlags.KNOWN) != 0) {
            throw new IllegalArgumentException("flags 0x" + Integer.toHexString(flags)
                    + " has bits this protocol version does not define: 0x"
                    + Integer.toHexString(flags & ~MeasurementFlags.KNOWN));
        }
        Ranges.checkU16("sequence", sequence);
        Ranges.checkU32("deviceTimeMs", deviceTimeMs);
        Ranges.checkS16("angleCentiDeg", angleCentiDeg);
        Ranges.checkU32("timeInvertedMs", timeInvertedMs);
        Ranges.checkS16("angularRateDeciDegPerS", angularRateDeciDegPerS);
        if ((flags & MeasurementFlags.ANGULAR_RATE_PRESENT) == 0 && angularRateDeciDegPerS != 0) {
            throw new IllegalArgumentException("angularRateDeciDegPerS must be 0 without flag ANGULAR_RATE_PRESENT, was "
                    + angularRateDeciDegPerS);
        }
    }

    /** Angle in degrees from horizontal, positive = head-down. */
    public double angleDegrees() {
        return angleCentiDeg / 100.0;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public MessageType type() {
        return MessageType.MEASUREMENT;
    }
}
