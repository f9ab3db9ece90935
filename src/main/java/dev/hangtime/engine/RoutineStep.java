package dev.hangtime.engine;

import java.util.Objects;

/**
 * One step of a routine. A routine is a list of these; see docs/ROUTINES.md for the YAML form.
 * Every step may carry a {@code note}: extra guidance shown and spoken with it ("" when none).
 */
public sealed interface RoutineStep {

    /** Extra guidance for this step, "" when none. */
    String note();

    /** A short name for the display, e.g. "Tilt to 20–30°". */
    String label();

    /**
     * Move to an angle band (from upright, from a rest, or from another band). Completes as soon as
     * a trusted sample is inside the band.
     *
     * @param minAngleDeg lower edge, degrees
     * @param maxAngleDeg upper edge, degrees, &ge; min
     */
    record Tilt(double minAngleDeg, double maxAngleDeg, String note) implements RoutineStep {
        public Tilt {
            Objects.requireNonNull(note, "note");
            if (!Double.isFinite(minAngleDeg) || !Double.isFinite(maxAngleDeg) || minAngleDeg > maxAngleDeg) {
                throw new IllegalArgumentException("tilt band must be finite with min <= max, was "
                        + minAngleDeg + ".." + maxAngleDeg);
            }
        }

        public String label() {
            return "Tilt to " + Words.band(minAngleDeg, maxAngleDeg);
        }
    }

    /**
     * Stay in the band of the tilt before it. Time counts only while inside the band. After
     * {@code minMs} the step completes when the user leaves the band; at {@code maxMs} (or when the
     * time limit is near) the display says to move on.
     *
     * @param minMs milliseconds, positive
     * @param maxMs milliseconds, &ge; min
     */
    record Hold(long minMs, long maxMs, String note) implements RoutineStep {
        public Hold {
            Objects.requireNonNull(note, "note");
            if (minMs <= 0 || maxMs < minMs) {
                throw new IllegalArgumentException("hold needs 0 < min <= max, was " + minMs + ".." + maxMs);
            }
        }

        public String label() {
            return minMs == maxMs ? "Hold " + Words.duration(minMs)
                    : "Hold " + Words.duration(minMs) + " to " + Words.duration(maxMs);
        }
    }

    /**
     * Rest near horizontal: not inverted and not yet upright. Time counts only while there.
     *
     * @param durationMs milliseconds, positive
     */
    record Rest(long durationMs, String note) implements RoutineStep {
        public Rest {
            Objects.requireNonNull(note, "note");
            if (durationMs <= 0) {
                throw new IllegalArgumentException("rest needs a positive duration, was " + durationMs);
            }
        }

        public String label() {
            return "Rest near horizontal for " + Words.duration(durationMs);
        }
    }

    /** Come upright. The last step of every routine; reaching upright ends the session. */
    record Upright(String note) implements RoutineStep {
        public Upright {
            Objects.requireNonNull(note, "note");
        }

        public String label() {
            return "Come upright";
        }
    }
}
