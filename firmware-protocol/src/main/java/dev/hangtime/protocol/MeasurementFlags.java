package dev.hangtime.protocol;

/** Bits of {@link Measurement#flags()} (PROTOCOL.md §3.1). Bits not named here are reserved. */
public final class MeasurementFlags {
    /** The angle sensor has been tared/calibrated since boot. */
    public static final int CALIBRATED = 1;
    /** The user is secured (ankle lock closed). */
    public static final int USER_SECURED = 1 << 1;
    /** The table has a motor that can return it to upright. */
    public static final int MOTORISED = 1 << 2;
    /** The sensor reports a fault: the angle must not be trusted. */
    public static final int SENSOR_FAULT = 1 << 3;
    /** The device holds an active session (after Start Session). */
    public static final int SESSION_ACTIVE = 1 << 4;
    /** The device's own buzzer is sounding (commanded, or its watchdog fired). */
    public static final int DEVICE_ALARM = 1 << 5;
    /** An optional angular-rate field follows the time-inverted field. */
    public static final int ANGULAR_RATE_PRESENT = 1 << 6;
    /** Every bit this version of the protocol defines. */
    public static final int KNOWN = (1 << 7) - 1;

    private MeasurementFlags() {
    }
}
