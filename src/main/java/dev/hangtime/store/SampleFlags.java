package dev.hangtime.store;

/**
 * Bits of the {@code sample.flags} column (docs/STORE.md). The store's own numbering, part of the file
 * format: it mirrors the engine's Sample booleans, not the wire format, so a change to the protocol's
 * flag bits never changes the meaning of old files.
 */
public final class SampleFlags {
    /** The angle sensor was calibrated (tared) when the sample was taken. */
    public static final int CALIBRATED = 1;
    /** The user was secured (ankle lock closed). */
    public static final int USER_SECURED = 1 << 1;
    /** The table is motorised (can return to upright on command). */
    public static final int MOTORISED = 1 << 2;
    /** The sensor reported a fault: the angle was not to be trusted. */
    public static final int SENSOR_FAULT = 1 << 3;

    private SampleFlags() {
    }

    public static int of(boolean calibrated, boolean userSecured, boolean motorised, boolean sensorFault) {
        return (calibrated ? CALIBRATED : 0) | (userSecured ? USER_SECURED : 0)
                | (motorised ? MOTORISED : 0) | (sensorFault ? SENSOR_FAULT : 0);
    }
}
