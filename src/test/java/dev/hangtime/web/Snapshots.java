package dev.hangtime.web;

import dev.hangtime.session.DisplaySnapshot;
import dev.hangtime.session.DisplaySnapshot.AlarmView;
import dev.hangtime.session.DisplaySnapshot.Countdown;
import dev.hangtime.session.DisplaySnapshot.Gauge;
import dev.hangtime.session.DisplaySnapshot.LimitInForce;
import java.util.List;

/** Hand-made snapshots for tests of the display alone (the session tests make real ones). */
final class Snapshots {

    private Snapshots() {
    }

    static DisplaySnapshot holding(long seq, double angleDeg) {
        return new DisplaySnapshot(seq, "s-1", "beginner", "simulated table", true, seq * 20, "HOLDING", "Holding",
                angleDeg > 5, angleDeg, false, seq, 12L, System.currentTimeMillis(), "Hold at 25°",
                "Hold steady at 25°", List.of(new Countdown("hold", 42_000)), 18_000, 120_000L,
                new Gauge(30, 25, 20.0, 30.0),
                List.of(new LimitInForce("Angle", "30°", "your beginner profile"),
                        new LimitInForce("Time inverted", "2:00", "your beginner profile")),
                List.of(), "connected", false, List.of());
    }

    static DisplaySnapshot overLimit(long seq, double angleDeg) {
        DisplaySnapshot s = holding(seq, angleDeg);
        return new DisplaySnapshot(s.seq(), s.sessionId(), s.routineName(), s.device(), s.simulated(), s.clockMs(),
                "ALARM", "Alarm", true, angleDeg, false, s.sampleSeq(), s.sampleAgeMs(), s.sampleReceivedEpochMs(),
                s.stepName(), "Return to horizontal now", s.countdowns(), s.timeInvertedMs(), s.timeInvertedLimitMs(),
                s.gauge(), s.limits(),
                List.of(new AlarmView("ANGLE_LIMIT", "HIGH", "Return to horizontal now: 30° limit passed", seq * 20, false)),
                s.link(), false, List.of());
    }
}
