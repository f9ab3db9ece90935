package dev.hangtime.store;

/**
 * How sample values are packed into integer columns (docs/STORE.md "sample"). SQLite stores small
 * integers in 1–4 bytes but every REAL in 8, so the angle is kept in millidegrees and the reception time
 * as an offset from the session's start: about 30 bytes a sample instead of about 50.
 */
final class SampleCodec {

    private SampleCodec() {
    }

    /**
     * Degrees to the stored millidegrees, or null for an angle that is not a finite number (the engine
     * treats NaN and infinity as a sensor fault; the record keeps that there was no angle). 0.001° is ten
     * times finer than the protocol's 0.01° (PROTOCOL.md §3.1), so every angle the wire can carry
     * round-trips exactly through {@link #angleDeg}.
     */
    static Long angleMdeg(double angleDeg) {
        return Double.isFinite(angleDeg) ? Math.round(angleDeg * 1000.0) : null;
    }

    /** Stored millidegrees to degrees; a NULL column reads as NaN. */
    static double angleDeg(long angleMdeg, boolean wasNull) {
        return wasNull ? Double.NaN : angleMdeg / 1000.0;
    }
}
