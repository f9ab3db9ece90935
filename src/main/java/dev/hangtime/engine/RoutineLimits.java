package dev.hangtime.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * A routine's own limits (one source of the effective limits).
 *
 * @param maxAngleDeg       degrees, 0 &lt; value &le; 90
 * @param maxTimeInvertedMs total time inverted in one session, milliseconds, positive
 * @param continuous        an optional cap on one continuous stay above an angle
 */
public record RoutineLimits(double maxAngleDeg, long maxTimeInvertedMs, Optional<Continuous> continuous) {

    public RoutineLimits {
        Objects.requireNonNull(continuous, "continuous");
        if (!(maxAngleDeg > 0 && maxAngleDeg <= 90)) {
            throw new IllegalArgumentException("maxAngleDeg must be in (0, 90], was " + maxAngleDeg);
        }
        if (maxTimeInvertedMs <= 0) {
            throw new IllegalArgumentException("maxTimeInvertedMs must be positive, was " + maxTimeInvertedMs);
        }
    }

    /**
     * At most {@code maxMs} at a time at or above {@code aboveAngleDeg}.
     *
     * @param aboveAngleDeg degrees, 0 &lt; value &le; 90
     * @param maxMs         milliseconds, positive
     */
    public record Continuous(double aboveAngleDeg, long maxMs) {
        public Continuous {
            if (!(aboveAngleDeg > 0 && aboveAngleDeg <= 90)) {
                throw new IllegalArgumentException("aboveAngleDeg must be in (0, 90], was " + aboveAngleDeg);
            }
            if (maxMs <= 0) {
                throw new IllegalArgumentException("maxMs must be positive, was " + maxMs);
            }
        }
    }
}
