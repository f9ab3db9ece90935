package dev.hangtime.store;

import dev.hangtime.engine.AngleLimit;
import dev.hangtime.engine.DurationLimit;
import dev.hangtime.engine.EffectiveLimits;
import dev.hangtime.engine.LimitSource;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.SessionOutcome;
import dev.hangtime.engine.SessionSummary;
import java.time.Instant;
import java.util.Optional;

/**
 * Deterministic test sessions: a 50 Hz sample generator whose every field is a function of the sample's
 * index, so a test (or a child process) can regenerate exactly what was recorded and compare.
 */
public final class TestSessions {

    /** 50 Hz: PROTOCOL.md's nominal measurement rate. */
    public static final long PERIOD_MS = 20;
    /** Device clock at the first sample. */
    public static final long DEVICE_TIME_ZERO_MS = 3_600_000;
    public static final Instant START = Instant.parse("2025-03-01T06:30:00Z");

    private TestSessions() {
    }

    /**
     * The i-th sample of a session started at {@code startMs}: the angle climbs 0° → 40° over the first
     * 2 s (100 samples), holds near 40° with a ±0.37° wobble, and the sequence number wraps at 65536.
     */
    public static Sample sample(long i, long startMs) {
        // whole centidegrees, as the wire carries them (PROTOCOL.md §3.1), so the store round-trips them exactly
        long angleCentiDeg = i < 100 ? i * 40 : 4_000 + (i * 37) % 75 - 37;
        double angleDeg = angleCentiDeg / 100.0;
        long timeInvertedMs = i < 25 ? 0 : (i - 25) * PERIOD_MS; // the device's own count from 10°
        return new Sample((int) (i % 65_536), DEVICE_TIME_ZERO_MS + i * PERIOD_MS, startMs + i * PERIOD_MS,
                angleDeg, timeInvertedMs, true, true, i % 2 == 0, false);
    }

    public static EffectiveLimits limits() {
        return new EffectiveLimits(
                new AngleLimit(45.0, LimitSource.PROFILE, "your beginner profile (first two weeks)"),
                new DurationLimit(180_000, LimitSource.ROUTINE, "the routine 'morning: gentle inversion'"),
                Optional.empty());
    }

    public static SessionStart start(Instant startedAt) {
        return new SessionStart("morning: gentle inversion", "beginner, week 1 of 2", limits(),
                "simulated table (serial), firmware 1.0", startedAt);
    }

    /** A finished-session summary as the engine would report it. */
    public static SessionSummary summary(SessionOutcome outcome, long startedAtMs, long endedAtMs) {
        return new SessionSummary(outcome, startedAtMs, endedAtMs, 181_000, 41_000, 140_000, 0, 40.37, 1, 2, 1, 0,
                3, 3, true, 0, 0);
    }
}
