package dev.hangtime.engine;

/**
 * The engine's safety constants, each documented in docs/ROUTINES.md "Engine thresholds" with why
 * it has its value. Use {@link #DEFAULTS} and change only what a test or a table needs.
 *
 * @param staleTimeoutMs          a sample older than this is stale: never "within limits", and while
 *                                inverted a HIGH alarm (default 500 ms)
 * @param timeAdvisoryMs          advisory this long before a time limit (default 15 s)
 * @param angleAdvisoryDeg        advisory this many degrees below the angle limit (default 5°)
 * @param clearHysteresisDeg      an angle alarm clears only this far back inside its threshold (1°)
 * @param invertedEnterDeg        "inverted" begins at or above this angle (10°)
 * @param invertedExitDeg         and ends below this one (5°): the 5° band stops noise from chattering
 * @param uprightBelowDeg         at or below this angle the user is upright (-30°)
 * @param maxPlausibleRateDegPerS faster than this between two samples is implausible (90°/s)...
 * @param minImplausibleJumpDeg   ...when the step is also at least this big (3°), so sensor noise at
 *                                100 Hz is not mistaken for motion
 * @param implausibleHoldMs       the implausible-motion alarm clears this long after the last jump (2 s)
 * @param gapAlarmLevel           lost samples in the leaky gap counter that raise SEQUENCE_GAPS (10);
 *                                it clears below half of that
 * @param gapLeakPerS             the counter leaks this many samples per second (2)
 * @param checkInSteepDeg         check-ins happen at or above this angle (45°)
 * @param checkInMotionlessMs     after this long without motion there (60 s: table makers advise
 *                                limiting inversion without movement to one or two minutes)
 * @param checkInMotionDeg        moving more than this from the anchor counts as motion (1°)
 * @param checkInEscalateMs       an unanswered check-in becomes HIGH after this (20 s)
 * @param heartbeatPeriodMs       heartbeats go out on ticks at this period during a session (250 ms)
 * @param heartbeatTimeoutMs      pushed to the device: its watchdog fires after this (1000 ms)
 * @param noticeMs                how long a refusal notice ("secure your ankles first") shows (10 s)
 */
public record SafetyThresholds(long staleTimeoutMs, long timeAdvisoryMs, double angleAdvisoryDeg,
                               double clearHysteresisDeg, double invertedEnterDeg, double invertedExitDeg,
                               double uprightBelowDeg, double maxPlausibleRateDegPerS,
                               double minImplausibleJumpDeg, long implausibleHoldMs, double gapAlarmLevel,
                               double gapLeakPerS, double checkInSteepDeg, long checkInMotionlessMs,
                               double checkInMotionDeg, long checkInEscalateMs, long heartbeatPeriodMs,
                               int heartbeatTimeoutMs, long noticeMs) {

    /** The documented defaults. */
    public static final SafetyThresholds DEFAULTS = new SafetyThresholds(500, 15_000, 5.0, 1.0, 10.0, 5.0,
            -30.0, 90.0, 3.0, 2_000, 10.0, 2.0, 45.0, 60_000, 1.0, 20_000, 250, 1_000, 10_000);

    public SafetyThresholds {
        positive("staleTimeoutMs", staleTimeoutMs);
        positive("timeAdvisoryMs", timeAdvisoryMs);
        positive("angleAdvisoryDeg", angleAdvisoryDeg);
        positive("clearHysteresisDeg", clearHysteresisDeg);
        positive("maxPlausibleRateDegPerS", maxPlausibleRateDegPerS);
        positive("minImplausibleJumpDeg", minImplausibleJumpDeg);
        positive("implausibleHoldMs", implausibleHoldMs);
        positive("gapAlarmLevel", gapAlarmLevel);
        positive("gapLeakPerS", gapLeakPerS);
        positive("checkInMotionlessMs", checkInMotionlessMs);
        positive("checkInMotionDeg", checkInMotionDeg);
        positive("checkInEscalateMs", checkInEscalateMs);
        positive("heartbeatPeriodMs", heartbeatPeriodMs);
        positive("noticeMs", noticeMs);
        if (!(invertedExitDeg < invertedEnterDeg)) {
            throw new IllegalArgumentException("invertedExitDeg must be below invertedEnterDeg for hysteresis");
        }
        if (!(uprightBelowDeg < invertedExitDeg)) {
            throw new IllegalArgumentException("uprightBelowDeg must be below invertedExitDeg");
        }
        if (heartbeatTimeoutMs < 100 || heartbeatTimeoutMs > 65_535 || heartbeatTimeoutMs <= heartbeatPeriodMs) {
            // PROTOCOL.md §4.1 Set Limits: 100..65535 ms; and it must outlast several heartbeats
            throw new IllegalArgumentException("heartbeatTimeoutMs must be 100..65535 and above the heartbeat period");
        }
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** A copy with another stale timeout. */
    public SafetyThresholds withStaleTimeoutMs(long ms) {
        return new SafetyThresholds(ms, timeAdvisoryMs, angleAdvisoryDeg, clearHysteresisDeg, invertedEnterDeg,
                invertedExitDeg, uprightBelowDeg, maxPlausibleRateDegPerS, minImplausibleJumpDeg, implausibleHoldMs,
                gapAlarmLevel, gapLeakPerS, checkInSteepDeg, checkInMotionlessMs, checkInMotionDeg,
                checkInEscalateMs, heartbeatPeriodMs, heartbeatTimeoutMs, noticeMs);
    }

    /** A copy with other check-in timings. */
    public SafetyThresholds withCheckIn(double steepDeg, long motionlessMs, long escalateMs) {
        return new SafetyThresholds(staleTimeoutMs, timeAdvisoryMs, angleAdvisoryDeg, clearHysteresisDeg,
                invertedEnterDeg, invertedExitDeg, uprightBelowDeg, maxPlausibleRateDegPerS, minImplausibleJumpDeg,
                implausibleHoldMs, gapAlarmLevel, gapLeakPerS, steepDeg, motionlessMs, checkInMotionDeg,
                escalateMs, heartbeatPeriodMs, heartbeatTimeoutMs, noticeMs);
    }
}
