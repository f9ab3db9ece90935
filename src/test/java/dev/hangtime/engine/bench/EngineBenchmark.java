package dev.hangtime.engine.bench;

import dev.hangtime.engine.Display;
import dev.hangtime.engine.EngineConfig;
import dev.hangtime.engine.EngineEvent;
import dev.hangtime.engine.Phase;
import dev.hangtime.engine.ProfileLimits;
import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineLimits;
import dev.hangtime.engine.RoutineStep;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.SessionEngine;
import dev.hangtime.engine.SessionState;
import dev.hangtime.engine.StepResult;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine cost per sample (goal: at most 1 µs): a session holding at 20–30° receives 50 Hz samples
 * with sensor noise, one {@link SessionEngine#step} each. The 60 s of pre-built samples replay from a
 * snapshot of the state taken when the hold began (states are immutable, so the snapshot is exact).
 * Run: see BENCHMARKS.md "Engine".
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class EngineBenchmark {

    private static final int SAMPLES = 3_000; // 60 s at 50 Hz
    private static final long PERIOD_MS = 20;

    private SessionEngine engine;
    private SessionState holding;
    private SessionState state;
    private EngineEvent.SampleReceived[] events;
    private long[] times;
    private int next;
    private long tickAt;

    @Setup
    public void setUp() {
        Routine routine = new Routine("bench", "", new RoutineLimits(40, 600_000, Optional.empty()), List.of(
                new RoutineStep.Tilt(20, 30, ""), new RoutineStep.Hold(240_000, 300_000, ""),
                new RoutineStep.Rest(30_000, ""), new RoutineStep.Upright("")));
        engine = new SessionEngine(EngineConfig.of(routine, ProfileLimits.none()));
        long now = 1_000_000;
        int seq = 0;
        SessionState s = engine.initialState(now);
        s = engine.step(s, sample(seq++, now += PERIOD_MS, 0), now).state();
        s = engine.step(s, new EngineEvent.UserAction(EngineEvent.UserAction.Kind.START), now).state();
        for (int a = 1; a <= 25; a++) { // tilt into the band at 50°/s
            s = engine.step(s, sample(seq++, now += PERIOD_MS, a), now).state();
        }
        if (s.phase() != Phase.HOLDING || !s.activeAlarms().isEmpty()) {
            throw new IllegalStateException("benchmark set-up is not holding quietly: " + s);
        }
        holding = s;
        SplittableRandom noise = new SplittableRandom(42);
        events = new EngineEvent.SampleReceived[SAMPLES];
        times = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            now += PERIOD_MS;
            times[i] = now;
            events[i] = sample(seq++, now, 25 + noise.nextDouble(-0.5, 0.5));
        }
        state = holding;
        next = 0;
        tickAt = times[0] + 10;
    }

    private static EngineEvent.SampleReceived sample(int seq, long now, double angle) {
        return new EngineEvent.SampleReceived(new Sample(seq & 0xFFFF, now, now, angle, 0, true, true, false, false));
    }

    /** One sample through the engine. */
    @Benchmark
    public Display stepPerSample() {
        if (next == SAMPLES) {
            next = 0;
            state = holding;
        }
        StepResult r = engine.step(state, events[next], times[next]);
        next++;
        state = r.state();
        return r.display();
    }

    /** One timer tick (10 ms after a sample) through the engine, for comparison. */
    @Benchmark
    public Display stepPerTick() {
        StepResult r = engine.step(holding, new EngineEvent.Tick(), tickAt);
        return r.display();
    }
}
