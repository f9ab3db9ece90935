package dev.hangtime.session;

import dev.hangtime.session.DisplaySnapshot.AlarmView;
import dev.hangtime.session.DisplaySnapshot.Countdown;
import dev.hangtime.session.DisplaySnapshot.Gauge;
import dev.hangtime.session.DisplaySnapshot.LimitInForce;
import java.util.List;

/** Hand-made snapshots for tests of the displays alone (the session loop tests make real ones). */
public final class TestSnapshots {

    private TestSnapshots() {
    }

    /** Holding at {@code angleDeg} in a beginner routine: 18 s inverted of 2:00, 42 s left to hold. */
    public static DisplaySnapshot holding(long seq, double angleDeg) {
        return new DisplaySnapshot(seq, "s-1", "beginner", "simulated table", true, seq * 20, "HOLDING", "Holding",
                angleDeg > 5, angleDeg, null, seq, 12L, System.currentTimeMillis(), "Hold at 25°",
                "Hold steady at 25°", "", List.of(new Countdown("hold", 42_000)), 18_000, 120_000L,
                new Gauge(30, 25, 20.0, 30.0),
                List.of(new LimitInForce("Angle", "30°", "your beginner profile"),
                        new LimitInForce("Time inverted", "2:00", "your beginner profile")),
                List.of(), null, "connected", false, List.of());
    }

    /** Past the 30° limit: a high alarm is up. */
    public static DisplaySnapshot overLimit(long seq, double angleDeg) {
        return withAlarm(holding(seq, angleDeg), "Return to horizontal now",
                new AlarmView("ANGLE_LIMIT", "HIGH", "Return to horizontal now: 30° limit passed", seq * 20, false));
    }

    /** An advisory: the time limit is near. */
    public static DisplaySnapshot advisory(long seq, double angleDeg) {
        return withAlarm(holding(seq, angleDeg), "Start coming back up soon",
                new AlarmView("TIME_LIMIT_NEAR", "MEDIUM", "15 seconds to your time limit", seq * 20, true));
    }

    /** The sensor went silent: no angle to show. */
    public static DisplaySnapshot silent(long seq) {
        DisplaySnapshot s = holding(seq, 0);
        return new DisplaySnapshot(s.seq(), s.sessionId(), s.routineName(), s.device(), s.simulated(), s.clockMs(),
                s.phase(), s.phaseLabel(), true, null, "sensor silent", null, null, null, s.stepName(),
                s.instruction(), s.notice(), s.countdowns(), s.timeInvertedMs(), s.timeInvertedLimitMs(), s.gauge(),
                s.limits(), s.alarms(), s.sounding(), s.link(), false, List.of());
    }

    /** A copy with another session clock time and time inverted. */
    public static DisplaySnapshot at(DisplaySnapshot s, long clockMs, long timeInvertedMs) {
        return new DisplaySnapshot(s.seq(), s.sessionId(), s.routineName(), s.device(), s.simulated(), clockMs,
                s.phase(), s.phaseLabel(), s.inverted(), s.angleDeg(), s.angleWithheld(), s.sampleSeq(),
                s.sampleAgeMs(), s.sampleReceivedEpochMs(), s.stepName(), s.instruction(), s.notice(), s.countdowns(),
                timeInvertedMs, s.timeInvertedLimitMs(), s.gauge(), s.limits(), s.alarms(), s.sounding(), s.link(),
                s.ended(), s.summary());
    }

    private static DisplaySnapshot withAlarm(DisplaySnapshot s, String instruction, AlarmView alarm) {
        return new DisplaySnapshot(s.seq(), s.sessionId(), s.routineName(), s.device(), s.simulated(), s.clockMs(),
                alarm.priority().equals("HIGH") ? "ALARM" : s.phase(), alarm.priority().equals("HIGH") ? "Alarm"
                : s.phaseLabel(), true, s.angleDeg(), null, s.sampleSeq(), s.sampleAgeMs(), s.sampleReceivedEpochMs(),
                s.stepName(), instruction, "", s.countdowns(), s.timeInvertedMs(), s.timeInvertedLimitMs(), s.gauge(),
                s.limits(), List.of(alarm), alarm.priority(), s.link(), false, List.of());
    }
}
