package dev.hangtime.simulator.scenario;

import java.time.Duration;
import java.util.Objects;

/** One movement of a user's script. */
public sealed interface ScriptStep {

    /**
     * Tilt the bed to an angle; the step ends when the bed gets there or stops against the tether
     * or the mechanical limit.
     *
     * @param toDeg        target angle, degrees from horizontal (positive = head-down)
     * @param speedDegPerS how fast, degrees per second (the table bounds it)
     */
    record Tilt(double toDeg, double speedDegPerS) implements ScriptStep {
    }

    /** Stay where you are for a while. */
    record Hold(Duration duration) implements ScriptStep {
        public Hold {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** Come back up: to horizontal, rest there, then to upright. */
    record ComeUp() implements ScriptStep {
    }
}
