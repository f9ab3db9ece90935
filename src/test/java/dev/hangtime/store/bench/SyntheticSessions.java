package dev.hangtime.store.bench;

import dev.hangtime.engine.Alarm;
import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.AlarmReason;
import dev.hangtime.engine.AngleLimit;
import dev.hangtime.engine.DurationLimit;
import dev.hangtime.engine.EffectiveLimits;
import dev.hangtime.engine.LimitSource;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.SessionOutcome;
import dev.hangtime.engine.SessionSummary;
import dev.hangtime.store.SessionRecorder;
import dev.hangtime.store.SessionStart;
import dev.hangtime.store.StoredSample;
import dev.hangtime.store.SampleFlags;
import dev.hangtime.store.StoredSummary;
import dev.hangtime.store.SummaryRecomputation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Realistic synthetic sessions for the benchmarks: at 50 Hz, 10 s upright (-60°), a 20 s tilt to the
 * hold angle, a hold with breathing sway and sensor noise, a 15 s return, 20 s rest near horizontal and
 * the way back upright; hold angle and length vary with the session's index, one session in 25 brushes
 * the advisory margin. Deterministic in the index, so every run builds the same file.
 */
final class SyntheticSessions {

    static final long PERIOD_MS = 20;

    private SyntheticSessions() {
    }

    /** What was generated for one session. */
    record Generated(long samples, SessionSummary summary) {
    }

    static SessionStart start(long index, Instant startedAt) {
        String routine = index % 2 == 0 ? "morning: gentle inversion" : "evening: breathing + decompression";
        EffectiveLimits limits = new EffectiveLimits(
                new AngleLimit(45.0, LimitSource.PROFILE, "your profile (level 2)"),
                new DurationLimit(300_000, LimitSource.ROUTINE, "the routine '" + routine + "'"), Optional.empty());
        return new SessionStart(routine, "regular, level 2", limits, "synthetic table, firmware 1.0", startedAt);
    }

    /**
     * Records one session of about {@code targetSamples} samples into {@code recorder} and finishes it
     * with the summary recomputed from exactly those samples.
     */
    static Generated record(SessionRecorder recorder, long index, long targetSamples) {
        return record(recorder, index, targetSamples, true);
    }

    /**
     * As {@link #record(SessionRecorder, long, long)}; with {@code storeSamples} false the samples are
     * generated (the summary is still theirs) but not stored: a summary-only session for the history
     * benchmark.
     */
    static Generated record(SessionRecorder recorder, long index, long targetSamples, boolean storeSamples) {
        Random random = new Random(index);
        long startMs = recorder.startedAtMs();
        double holdDeg = 25 + (index % 5) * 4 + random.nextDouble() * 2;
        boolean advisory = index % 25 == 0;
        long holdSamples = Math.max(50, targetSamples - (10 + 20 + 15 + 20 + 10) * 50);
        SummaryRecomputation summary = new SummaryRecomputation();
        long i = 0;
        long raisedAt = -1;
        Alarm alarm = null;
        for (; i < targetSamples; i++) {
            double angle = angleAt(i, holdSamples, holdDeg, advisory) + random.nextGaussian() * 0.08;
            angle = Math.round(angle * 100) / 100.0; // the wire's 0.01° resolution
            long receivedAtMs = startMs + i * PERIOD_MS + random.nextInt(3);
            Sample sample = new Sample((int) (i & 0xFFFF), 10_000 + i * PERIOD_MS, receivedAtMs, angle,
                    0, true, true, false, false);
            if (storeSamples) {
                recorder.recordSample(sample);
            }
            summary.accept(new StoredSample(i, sample.sequence(), sample.deviceTimeMs(), receivedAtMs, angle, 0,
                    SampleFlags.CALIBRATED | SampleFlags.USER_SECURED));
            if (advisory && alarm == null && angle >= 40.5) {
                alarm = new Alarm(AlarmReason.ANGLE_APPROACHING_LIMIT, AlarmPriority.MEDIUM,
                        "Ease back: " + Math.round(angle) + "° is close to your 45° limit", receivedAtMs);
                recorder.recordAlarmRaised(alarm, receivedAtMs);
                raisedAt = receivedAtMs;
            } else if (alarm != null && raisedAt > 0 && angle < 39.0) {
                recorder.recordAlarmCleared(alarm, receivedAtMs);
                raisedAt = 0;
            }
        }
        List<dev.hangtime.store.StoredAlarmEvent> events = alarm == null ? List.of()
                : List.of(new dev.hangtime.store.StoredAlarmEvent(alarm.raisedAtMs(), "RAISED", alarm.reason().name(),
                        alarm.priority().name(), alarm.message(), alarm.raisedAtMs()));
        StoredSummary s = summary.summary(events);
        long endMs = startMs + i * PERIOD_MS;
        SessionSummary engineSummary = new SessionSummary(SessionOutcome.COMPLETE, startMs, endMs, s.totalTimeInvertedMs(),
                s.band0To30Ms(), s.band30To60Ms(), s.band60To90Ms(), s.maxAngleDeg(), s.inversions(), s.alarmsLow(),
                s.alarmsMedium(), s.alarmsHigh(), 4, 4, s.withinLimits(), s.missingSamples(), s.discardedSamples());
        recorder.finish(engineSummary);
        return new Generated(storeSamples ? i : 0, engineSummary);
    }

    /** The planned trajectory, degrees, for sample {@code i}. */
    private static double angleAt(long i, long holdSamples, double holdDeg, boolean advisory) {
        long upright = 10 * 50;
        long tilt = 20 * 50;
        long back = 15 * 50;
        long rest = 20 * 50;
        double peak = advisory ? 41.5 : holdDeg;
        if (i < upright) {
            return -60;
        }
        i -= upright;
        if (i < tilt) {
            return -60 + (peak + 60) * i / tilt;
        }
        i -= tilt;
        if (i < holdSamples) {
            double sway = 1.2 * Math.sin(i * 2 * Math.PI / (50 * 5.0)); // a breath every 5 s
            return (advisory && i > holdSamples / 3 ? holdDeg : peak) + sway;
        }
        i -= holdSamples;
        if (i < back) {
            return holdDeg - holdDeg * i / back;
        }
        i -= back;
        if (i < rest) {
            return 1.0;
        }
        i -= rest;
        return Math.max(-60, 1.0 - 61.0 * i / (10 * 50));
    }
}
