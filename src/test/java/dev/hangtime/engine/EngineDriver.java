package dev.hangtime.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A hand-written test harness around {@link SessionEngine}: a virtual host clock, a sensor that
 * numbers its samples, and a log of every alarm and command with the time it happened. No sleeps.
 */
final class EngineDriver {

    /** An alarm or command with the host time of the step that produced it. */
    record Timed<T>(long atMs, T value) {
    }

    final SessionEngine engine;
    SessionState state;
    StepResult last;
    long now;
    long periodMs = 100;
    int sequence = -1;
    long deviceTimeMs = 5_000;
    boolean secured = true;
    boolean calibrated = true;
    boolean fault = false;
    boolean motorised = false;
    /** When set, a tick goes in halfway between samples, as the session loop's timer would. */
    boolean midTicks = false;
    final List<Timed<Alarm>> raised = new ArrayList<>();
    final List<Timed<Alarm>> cleared = new ArrayList<>();
    final List<Timed<TableCommand>> commands = new ArrayList<>();

    EngineDriver(EngineConfig config) {
        this(new SessionEngine(config));
    }

    EngineDriver(SessionEngine engine) {
        this.engine = engine;
        this.now = 1_000_000;
        this.state = engine.initialState(now);
    }

    /** The beginner-style routine: 20–30° held 60–90 s, rest 30 s, upright; limits 30°, 2 min. */
    static Routine beginnerRoutine() {
        return new Routine("beginner", "test", new RoutineLimits(30, 120_000, Optional.empty()), List.of(
                new RoutineStep.Tilt(20, 30, ""),
                new RoutineStep.Hold(60_000, 90_000, ""),
                new RoutineStep.Rest(30_000, ""),
                new RoutineStep.Upright("")));
    }

    /** Two bands (20–30°, 35–45°) with a continuous limit of 60 s above 35°; 50°, 5 min. */
    static Routine twoBandRoutine() {
        return new Routine("two-band", "test",
                new RoutineLimits(50, 300_000, Optional.of(new RoutineLimits.Continuous(35, 60_000))), List.of(
                new RoutineStep.Tilt(20, 30, ""),
                new RoutineStep.Hold(30_000, 40_000, ""),
                new RoutineStep.Tilt(35, 45, ""),
                new RoutineStep.Hold(30_000, 90_000, ""),
                new RoutineStep.Rest(20_000, ""),
                new RoutineStep.Upright("")));
    }

    static EngineDriver beginner() {
        return new EngineDriver(EngineConfig.of(beginnerRoutine(), ProfileLimits.none()));
    }

    static ProfileLimits profileCap(double maxAngleDeg, long maxTimeMs) {
        return new ProfileLimits(Optional.of(new AngleLimit(maxAngleDeg, LimitSource.PROFILE, "your test profile")),
                Optional.of(new DurationLimit(maxTimeMs, LimitSource.PROFILE, "your test profile")));
    }

    static PersonalCaps noCaps() {
        return new PersonalCaps(OptionalDouble.empty(), OptionalLong.empty());
    }

    StepResult feed(EngineEvent event) {
        last = engine.step(state, event, now);
        state = last.state();
        for (Alarm a : last.alarmsRaised()) {
            raised.add(new Timed<>(now, a));
        }
        for (Alarm a : last.alarmsCleared()) {
            cleared.add(new Timed<>(now, a));
        }
        for (TableCommand c : last.commands()) {
            commands.add(new Timed<>(now, c));
        }
        return last;
    }

    /** Advances the clock by one sample period and delivers a sample at that angle. */
    StepResult sample(double angleDeg) {
        if (midTicks) {
            now += periodMs / 2;
            feed(new EngineEvent.Tick());
            now -= periodMs / 2;
        }
        now += periodMs;
        deviceTimeMs += periodMs;
        sequence = (sequence + 1) & 0xFFFF;
        return feed(new EngineEvent.SampleReceived(new Sample(sequence, deviceTimeMs, now, angleDeg, 0,
                calibrated, secured, motorised, fault)));
    }

    /** Samples at one angle for {@code durationMs} (one per period). */
    StepResult hold(double angleDeg, long durationMs) {
        StepResult r = last;
        for (long t = 0; t < durationMs; t += periodMs) {
            r = sample(angleDeg);
        }
        return r;
    }

    /** Samples moving linearly from one angle to another over {@code durationMs}. */
    StepResult ramp(double fromDeg, double toDeg, long durationMs) {
        StepResult r = last;
        long n = durationMs / periodMs;
        for (long k = 1; k <= n; k++) {
            r = sample(fromDeg + (toDeg - fromDeg) * k / n);
        }
        return r;
    }

    StepResult tick(long advanceMs) {
        now += advanceMs;
        return feed(new EngineEvent.Tick());
    }

    StepResult action(EngineEvent.UserAction.Kind kind) {
        return feed(new EngineEvent.UserAction(kind));
    }

    StepResult start() {
        return action(EngineEvent.UserAction.Kind.START);
    }

    Optional<Alarm> active(AlarmReason reason) {
        return state.activeAlarms().stream().filter(a -> a.reason() == reason).findFirst();
    }

    List<Timed<Alarm>> raisedOf(AlarmReason reason) {
        return raised.stream().filter(t -> t.value().reason() == reason).toList();
    }

    <T extends TableCommand> List<Timed<TableCommand>> commandsOf(Class<T> type) {
        return commands.stream().filter(t -> type.isInstance(t.value())).toList();
    }

    /** Secured at horizontal, started, and tilted into the 20–30° band. */
    EngineDriver startedAndInBand() {
        hold(0, 500);
        start();
        ramp(0, 25, 2_500);
        return this;
    }
}
