package dev.hangtime.protocol;

/** Bits of {@link Status#faults()} (PROTOCOL.md §3.2). */
public final class StatusFaults {
    public static final int SENSOR = 1;
    public static final int MOTOR = 1 << 1;
    public static final int LOW_BATTERY = 1 << 2;
    public static final int HEARTBEAT_LOST = 1 << 3;
    public static final int CALIBRATION_LOST = 1 << 4;

    private StatusFaults() {
    }
}
