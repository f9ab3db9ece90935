package dev.hangtime.engine;

import java.util.List;
import java.util.Objects;

/**
 * A routine: named steps and the routine's own limits. Build it from YAML with
 * {@code dev.hangtime.routine.RoutineLoader}, or directly in code; {@link RoutineRules#check}
 * says whether it is runnable, and {@link SessionEngine} refuses one that is not.
 *
 * @param name        short identifier, e.g. "morning"
 * @param description one or two sentences for people
 * @param limits      the routine's limits
 * @param steps       in order; a runnable routine ends with a rest and then upright
 */
public record Routine(String name, String description, RoutineLimits limits, List<RoutineStep> steps) {

    public Routine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(limits, "limits");
        steps = List.copyOf(steps);
    }

    /** The sum of the holds' minimum durations: the least time inverted the routine asks for, ms. */
    public long minimumHoldMs() {
        long total = 0;
        for (RoutineStep s : steps) {
            if (s instanceof RoutineStep.Hold) {
                total += ((RoutineStep.Hold) s).minMs();
            }
        }
        return total;
    }

    /** The sum of the holds' maximum durations, ms. */
    public long maximumHoldMs() {
        long total = 0;
        for (RoutineStep s : steps) {
            if (s instanceof RoutineStep.Hold) {
                total += ((RoutineStep.Hold) s).maxMs();
            }
        }
        return total;
    }

    /** The sum of the rests' durations, ms. */
    public long totalRestMs() {
        long total = 0;
        for (RoutineStep s : steps) {
            if (s instanceof RoutineStep.Rest) {
                total += ((RoutineStep.Rest) s).durationMs();
            }
        }
        return total;
    }

    /** The steepest angle any tilt step asks for, degrees (0 when there is no tilt). */
    public double steepestTiltDeg() {
        double steepest = 0;
        for (RoutineStep s : steps) {
            if (s instanceof RoutineStep.Tilt) {
                steepest = Math.max(steepest, ((RoutineStep.Tilt) s).maxAngleDeg());
            }
        }
        return steepest;
    }
}
