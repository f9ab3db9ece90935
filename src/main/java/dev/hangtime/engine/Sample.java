package dev.hangtime.engine;

/**
 * One angle reading from the table, as the device layer hands it to the session loop.
 *
 * @param sequence             the sensor's 16-bit sample counter (PROTOCOL.md §3.1: 0..65535, wraps);
 *                             the engine compares successive values modulo 2^16 to find lost,
 *                             duplicated and late samples
 * @param deviceTimeMs         the sensor's own clock in milliseconds (may wrap or reset on reboot);
 *                             used only for the angular rate between two samples
 * @param receivedAtMs         the host clock in milliseconds when the sample arrived, from the same
 *                             injected clock that supplies {@code nowMs} to {@link SessionEngine#step};
 *                             the engine measures age (staleness) and time inverted on this clock
 * @param angleDeg             degrees from horizontal, positive = head below feet, 90 = vertical
 *                             head-down, negative = towards upright; NaN or infinite is treated as a
 *                             sensor fault
 * @param deviceTimeInvertedMs the device's own count of time inverted in this session, milliseconds
 *                             (informational: the engine keeps its own count)
 * @param calibrated           the sensor has been tared since boot; an uncalibrated angle is not trusted
 * @param userSecured          the ankle lock is closed. A table without an ankle sensor should report
 *                             what the user confirmed, never a constant {@code true}
 * @param motorised            the table has a motor that obeys Return-to-upright
 * @param sensorFault          the sensor says its angle must not be trusted
 */
public record Sample(int sequence, long deviceTimeMs, long receivedAtMs, double angleDeg,
                     long deviceTimeInvertedMs, boolean calibrated, boolean userSecured,
                     boolean motorised, boolean sensorFault) {

    /** True when the angle may be used for decisions: calibrated, no fault flag, a finite number. */
    public boolean angleTrustworthy() {
        return calibrated && !sensorFault && Double.isFinite(angleDeg);
    }
}
