package dev.hangtime.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules a routine must follow to be run, beyond what each record's constructor checks. Pure;
 * used by the engine (which refuses a routine that breaks them) and by the YAML loader (which reports
 * each violation at the line of the field its {@link Violation#path} names).
 */
public final class RoutineRules {

    /** Narrower than this, a band cannot be held with a real sensor's noise and a person's breathing. */
    public static final double MIN_BAND_WIDTH_DEG = 2.0;
    /** Full inversion: no routine may ask for more. */
    public static final double FULL_INVERSION_DEG = 90.0;

    private RoutineRules() {
    }

    /**
     * One broken rule.
     *
     * @param path    the YAML field it concerns, as in docs/ROUTINES.md: "steps", "steps[2].tilt.max",
     *                "limits.maxAngle", "limits.maxContinuous.above"
     * @param message plain words saying what is wrong and what would be right
     */
    public record Violation(String path, String message) {
        public Violation {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Checks a routine.
     *
     * @param routine          the routine
     * @param tableMaxAngleDeg the steepest angle the table reaches, degrees; NaN when not known
     * @return every broken rule, in the order of the file; empty when the routine is runnable
     */
    public static List<Violation> check(Routine routine, double tableMaxAngleDeg) {
        List<Violation> out = new ArrayList<>();
        RoutineLimits limits = routine.limits();
        List<RoutineStep> steps = routine.steps();

        if (Double.isFinite(tableMaxAngleDeg) && limits.maxAngleDeg() > tableMaxAngleDeg) {
            out.add(new Violation("limits.maxAngle", "maxAngle " + Words.degrees(limits.maxAngleDeg())
                    + " is beyond what the table reaches (" + Words.degrees(tableMaxAngleDeg) + ")"));
        }
        limits.continuous().ifPresent(c -> {
            if (c.aboveAngleDeg() > limits.maxAngleDeg()) {
                out.add(new Violation("limits.maxContinuous.above", "the continuous limit above "
                        + Words.degrees(c.aboveAngleDeg()) + " can never apply: maxAngle is "
                        + Words.degrees(limits.maxAngleDeg())));
            }
            if (c.maxMs() > limits.maxTimeInvertedMs()) {
                out.add(new Violation("limits.maxContinuous.duration", "the continuous limit "
                        + Words.duration(c.maxMs()) + " is longer than maxTimeInverted ("
                        + Words.duration(limits.maxTimeInvertedMs()) + ") and can never apply"));
            }
        });

        if (steps.isEmpty()) {
            out.add(new Violation("steps", "a routine needs steps: at least a tilt, a hold, a rest and upright"));
            return out;
        }

        boolean anyTilt = false;
        for (int i = 0; i < steps.size(); i++) {
            RoutineStep step = steps.get(i);
            String at = "steps[" + i + "]";
            boolean last = i == steps.size() - 1;
            if (step instanceof RoutineStep.Tilt) {
                anyTilt = true;
                RoutineStep.Tilt tilt = (RoutineStep.Tilt) step;
                if (tilt.minAngleDeg() <= 0) {
                    out.add(new Violation(at + ".tilt.min", "a tilt band must be head-down: min must be above 0°, was "
                            + Words.degrees(tilt.minAngleDeg())));
                }
                if (tilt.maxAngleDeg() > FULL_INVERSION_DEG) {
                    out.add(new Violation(at + ".tilt.max", "max " + Words.degrees(tilt.maxAngleDeg())
                            + " is beyond full inversion (90°)"));
                } else if (tilt.maxAngleDeg() > limits.maxAngleDeg()) {
                    out.add(new Violation(at + ".tilt.max", "max " + Words.degrees(tilt.maxAngleDeg())
                            + " is above the routine's maxAngle (" + Words.degrees(limits.maxAngleDeg()) + ")"));
                } else if (Double.isFinite(tableMaxAngleDeg) && tilt.maxAngleDeg() > tableMaxAngleDeg) {
                    out.add(new Violation(at + ".tilt.max", "max " + Words.degrees(tilt.maxAngleDeg())
                            + " is beyond what the table reaches (" + Words.degrees(tableMaxAngleDeg) + ")"));
                }
                if (tilt.maxAngleDeg() - tilt.minAngleDeg() < MIN_BAND_WIDTH_DEG) {
                    out.add(new Violation(at + ".tilt", "the band " + Words.band(tilt.minAngleDeg(), tilt.maxAngleDeg())
                            + " is narrower than " + Words.degrees(MIN_BAND_WIDTH_DEG)
                            + ": nobody can hold it with a real sensor"));
                }
            } else if (step instanceof RoutineStep.Hold) {
                RoutineStep.Hold hold = (RoutineStep.Hold) step;
                if (i == 0 || !(steps.get(i - 1) instanceof RoutineStep.Tilt)) {
                    out.add(new Violation(at + ".hold", "a hold must come right after a tilt: it holds that tilt's band"));
                }
                if (hold.maxMs() > limits.maxTimeInvertedMs()) {
                    out.add(new Violation(at + ".hold.max", "max " + Words.duration(hold.maxMs())
                            + " is longer than the routine's maxTimeInverted ("
                            + Words.duration(limits.maxTimeInvertedMs()) + ")"));
                }
            } else if (step instanceof RoutineStep.Upright) {
                if (!last) {
                    out.add(new Violation(at + ".upright", "upright ends the session, so it must be the last step"));
                }
            }
            if (last && !(step instanceof RoutineStep.Upright)) {
                out.add(new Violation(at, "the last step must be upright: a session ends only through a return"));
            }
            if (last && step instanceof RoutineStep.Upright
                    && (i == 0 || !(steps.get(i - 1) instanceof RoutineStep.Rest))) {
                out.add(new Violation(at + ".upright", "upright must follow a rest near horizontal"
                        + " (pause before coming upright)"));
            }
        }
        if (!anyTilt) {
            out.add(new Violation("steps", "the routine never tilts: add a tilt step"));
        }
        long minimumHold = routine.minimumHoldMs();
        if (minimumHold > limits.maxTimeInvertedMs()) {
            out.add(new Violation("limits.maxTimeInverted", "the holds need at least "
                    + Words.duration(minimumHold) + " inverted, more than maxTimeInverted ("
                    + Words.duration(limits.maxTimeInvertedMs()) + ")"));
        }
        return out;
    }

    /**
     * Why this routine cannot be run within these effective limits (a beginner profile capped at
     * 30° cannot run a routine that tilts to 60°); empty when it can.
     */
    public static List<String> conflicts(Routine routine, EffectiveLimits limits) {
        List<String> out = new ArrayList<>();
        double steepest = routine.steepestTiltDeg();
        AngleLimit angle = limits.maxAngle();
        if (steepest > angle.maxAngleDeg()) {
            out.add("The routine '" + routine.name() + "' tilts to " + Words.degrees(steepest)
                    + ", but the angle is limited to " + Words.degrees(angle.maxAngleDeg()) + " by " + angle.because() + ".");
        }
        DurationLimit time = limits.maxTimeInverted();
        long minimumHold = routine.minimumHoldMs();
        if (minimumHold > time.maxMs()) {
            out.add("The routine '" + routine.name() + "' holds for at least " + Words.duration(minimumHold)
                    + ", but time inverted is limited to " + Words.duration(time.maxMs()) + " by " + time.because() + ".");
        }
        return out;
    }
}
