package dev.hangtime.engine;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Limits the user set for themselves; they can only make the effective limits stricter.
 *
 * @param maxAngleDeg       degrees, when set: 0 &lt; value &le; 90
 * @param maxTimeInvertedMs per session, milliseconds, when set: positive
 */
public record PersonalCaps(OptionalDouble maxAngleDeg, OptionalLong maxTimeInvertedMs) {

    public PersonalCaps {
        if (maxAngleDeg.isPresent() && !(maxAngleDeg.getAsDouble() > 0 && maxAngleDeg.getAsDouble() <= 90)) {
            throw new IllegalArgumentException("personal maxAngleDeg must be in (0, 90], was " + maxAngleDeg.getAsDouble());
        }
        if (maxTimeInvertedMs.isPresent() && maxTimeInvertedMs.getAsLong() <= 0) {
            throw new IllegalArgumentException("personal maxTimeInvertedMs must be positive, was "
                    + maxTimeInvertedMs.getAsLong());
        }
    }

    /** No personal caps. */
    public static PersonalCaps none() {
        return new PersonalCaps(OptionalDouble.empty(), OptionalLong.empty());
    }
}
