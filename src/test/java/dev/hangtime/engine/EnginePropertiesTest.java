package dev.hangtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.EngineEvent.UserAction.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The engine's safety properties over generated event sequences, on a virtual clock. */
class EnginePropertiesTest {

    private static final SafetyThresholds T = SafetyThresholds.DEFAULTS;

    /** One scripted thing that happens after {@code afterMs} of host time. */
    sealed interface Op {
        long afterMs();
    }

    record SampleOp(long afterMs, double angleDeg, boolean calibrated, boolean secured, boolean fault,
                    int skippedSequence) implements Op {
    }

    record TickOp(long afterMs) implements Op {
    }

    record ActionOp(long afterMs, Kind kind) implements Op {
    }

    record LinkOp(long afterMs, boolean lost) implements Op {
    }

    private static Routine routine() {
        return new Routine("prop", "", new RoutineLimits(45, 120_000,
                Optional.of(new RoutineLimits.Continuous(35, 40_000))), List.of(
                new RoutineStep.Tilt(20, 30, ""), new RoutineStep.Hold(20_000, 40_000, ""),
                new RoutineStep.Tilt(30, 40, ""), new RoutineStep.Hold(10_000, 20_000, ""),
                new RoutineStep.Rest(10_000, ""), new RoutineStep.Upright("")));
    }

    /** Replays ops from a secured, started session; calls back after every step. */
    private static final class Replay {
        final SessionEngine engine = new SessionEngine(EngineConfig.of(routine(), ProfileLimits.none()));
        SessionState state;
        long now = 50_000;
        int sequence;
        long deviceTime = 9_000;
        long lastSampleAt = Long.MIN_VALUE;
        boolean linkUp = true;

        Replay() {
            state = engine.initialState(now);
        }

        StepResult apply(Op op) {
            now += op.afterMs();
            EngineEvent event;
            if (op instanceof SampleOp) {
                SampleOp s = (SampleOp) op;
                sequence = (sequence + 1 + s.skippedSequence()) & 0xFFFF;
                deviceTime += op.afterMs();
                event = new EngineEvent.SampleReceived(new Sample(sequence, deviceTime, now, s.angleDeg(), 0,
                        s.calibrated(), s.secured(), false, s.fault()));
                lastSampleAt = now;
            } else if (op instanceof TickOp) {
                event = new EngineEvent.Tick();
            } else if (op instanceof ActionOp) {
                event = new EngineEvent.UserAction(((ActionOp) op).kind());
            } else {
                boolean lost = ((LinkOp) op).lost();
                linkUp = !lost;
                event = lost ? new EngineEvent.LinkLost("test") : new EngineEvent.LinkRestored();
            }
            StepResult r = engine.step(state, event, now);
            state = r.state();
            return r;
        }

        /** Horizontal, secured, fresh, Start pressed. */
        Replay started() {
            apply(new SampleOp(100, 0, true, true, false, 0));
            StepResult r = apply(new ActionOp(10, Kind.START));
            assertTrue(r.state().sessionActive(), "precondition: the session starts");
            return this;
        }
    }

    // ------------------------------------------------------------------ generators

    private static Arbitrary<Op> cleanSample(Arbitrary<Double> angles) {
        return Combinators.combine(Arbitraries.longs().between(5, 250), angles)
                .as((dt, a) -> new SampleOp(dt, a, true, true, false, 0));
    }

    private static Arbitrary<Op> anyOp() {
        Arbitrary<Op> sample = Combinators.combine(Arbitraries.longs().between(0, 400),
                Arbitraries.doubles().between(-40, 100).withSpecialValue(Double.NaN),
                Arbitraries.of(true, true, true, false), Arbitraries.of(true, true, true, false),
                Arbitraries.of(false, false, false, true), Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(30, Arbitraries.integers().between(0, 3)), net.jqwik.api.Tuple.of(1, Arbitraries.just(40_000))))
                .as(SampleOp::new);
        Arbitrary<Op> tick = Arbitraries.longs().between(0, 900).map(TickOp::new);
        Arbitrary<Op> action = Combinators.combine(Arbitraries.longs().between(0, 50), Arbitraries.of(Kind.class))
                .as(ActionOp::new);
        Arbitrary<Op> link = Combinators.combine(Arbitraries.longs().between(0, 2_000), Arbitraries.of(true, false))
                .as(LinkOp::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, sample), net.jqwik.api.Tuple.of(6, tick),
                net.jqwik.api.Tuple.of(1, action), net.jqwik.api.Tuple.of(1, link));
    }

    @Provide
    Arbitrary<List<Op>> anything() {
        return anyOp().list().ofMinSize(1).ofMaxSize(300);
    }

    /** A random walk of clean samples: steps under 3° so nothing is implausible, never upright. */
    @Provide
    Arbitrary<List<double[]>> walk() {
        Arbitrary<double[]> step = Combinators.combine(Arbitraries.doubles().between(-2.9, 2.9),
                Arbitraries.longs().between(5, 250)).as((da, dt) -> new double[] {da, dt});
        return step.list().ofMinSize(1).ofMaxSize(1_500);
    }

    @Provide
    Arbitrary<List<Op>> invertingSamples() {
        return cleanSample(Arbitraries.doubles().between(10, 44)).list().ofMinSize(1).ofMaxSize(200);
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 400)
    void anySampleAboveTheMaxAngleYieldsAHighAlarmAtThatSample(@ForAll("anything") List<Op> ops) {
        Replay replay = new Replay().started();
        for (Op op : ops) {
            StepResult r = replay.apply(op);
            if (op instanceof SampleOp && ((SampleOp) op).angleDeg() > 45) {
                assertTrue(r.state().activeAlarms().stream().anyMatch(a -> a.reason() == AlarmReason.ANGLE_LIMIT
                        && a.priority() == AlarmPriority.HIGH), () -> "no HIGH angle alarm after " + op);
                assertNotEquals(LimitStatus.WITHIN_LIMITS, r.display().limitStatus());
            }
        }
    }

    @Property(tries = 300)
    void whileInvertedSilenceLongerThanTheStaleTimeoutYieldsAHighAlarmByTheNextTick(
            @ForAll("invertingSamples") List<Op> samples, @ForAll @LongRange(min = 1, max = 400) long tickPeriod,
            @ForAll @LongRange(min = 0, max = 2_000) long offset) {
        Replay replay = new Replay().started();
        for (double a = 2.5; a <= 12.5; a += 2.5) { // inverted from 10° on
            replay.apply(new SampleOp(100, a, true, true, false, 0));
        }
        for (Op op : samples) {
            replay.apply(op);
        }
        assertTrue(replay.state.inverted(), "precondition: inverted");
        long last = replay.lastSampleAt;
        StepResult r = replay.apply(new TickOp(offset % tickPeriod));
        while (replay.now - last <= T.staleTimeoutMs()) {
            r = replay.apply(new TickOp(tickPeriod));
        }
        // the first tick after the stale timeout
        assertTrue(r.state().activeAlarms().stream().anyMatch(a -> a.reason() == AlarmReason.SENSOR_SILENT
                && a.priority() == AlarmPriority.HIGH), () -> "no HIGH silence alarm at " + (replay.now - last) + " ms");
        assertTrue(r.display().dataStale());
    }

    @Property(tries = 400)
    void theEngineNeverReportsWithinLimitsOnAStaleSample(@ForAll("anything") List<Op> ops) {
        Replay replay = new Replay().started();
        for (Op op : ops) {
            StepResult r = replay.apply(op);
            if (r.display().limitStatus() == LimitStatus.WITHIN_LIMITS) {
                long age = replay.now - replay.lastSampleAt;
                assertTrue(replay.linkUp, "within limits with the link down");
                assertTrue(age <= T.staleTimeoutMs(), () -> "within limits on a sample " + age + " ms old");
                assertTrue(!r.display().dataStale() && r.display().sampleAgeMs() <= T.staleTimeoutMs());
            }
        }
    }

    @Property(tries = 300)
    void summaryTimeInvertedEqualsTheIntegralOverInvertedSamplesWithinOneSamplePeriod(
            @ForAll("walk") List<double[]> walk) {
        Replay replay = new Replay().started(); // sample 0 at 0°
        boolean modelInverted = false; // the documented hysteresis: in at >= 10°, out below 5°
        double angle = 0;
        long expected = 0;
        long longestPeriod = 0;
        for (double[] step : walk) {
            long dt = (long) step[1];
            if (modelInverted) {
                expected += dt; // the interval belongs to the sample that starts it
            }
            angle = Math.max(-25, Math.min(89, angle + step[0]));
            replay.apply(new SampleOp(dt, angle, true, true, false, 0));
            longestPeriod = Math.max(longestPeriod, dt);
            if (!modelInverted && angle >= T.invertedEnterDeg()) {
                modelInverted = true;
            } else if (modelInverted && angle < T.invertedExitDeg()) {
                modelInverted = false;
            }
            assertEquals(modelInverted, replay.state.inverted());
        }
        SessionSummary summary = replay.state.summary();
        long integral = expected;
        assertTrue(Math.abs(summary.timeInvertedMs() - integral) <= longestPeriod,
                () -> "summary " + summary.timeInvertedMs() + " ms, integral " + integral + " ms");
        assertEquals(summary.timeInvertedMs(), summary.band0To30Ms() + summary.band30To60Ms() + summary.band60To90Ms());
    }

    @Property(tries = 200)
    void replayingTheSameEventsGivesTheSameResults(@ForAll("anything") List<Op> ops) {
        Replay a = new Replay().started();
        Replay b = new Replay().started();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (Op op : ops) {
            StepResult ra = a.apply(op);
            StepResult rb = b.apply(op);
            first.add(ra.display() + " " + ra.commands() + " " + ra.alarmsRaised() + " " + ra.alarmsCleared());
            second.add(rb.display() + " " + rb.commands() + " " + rb.alarmsRaised() + " " + rb.alarmsCleared());
        }
        assertEquals(first, second);
        assertEquals(a.state.summary(), b.state.summary());
    }
}
