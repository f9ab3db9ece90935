package dev.hangtime.engine;

import java.util.Objects;

/**
 * A maximum angle and who set it.
 *
 * @param maxAngleDeg degrees from horizontal (positive = head-down)
 * @param source      who set it
 * @param because     plain words naming the rule, completing "limited to 30° by ...", e.g.
 *                    "your beginner profile (first two weeks, until 2025-01-20)"
 */
public record AngleLimit(double maxAngleDeg, LimitSource source, String because) {
    public AngleLimit {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(because, "because");
        if (!Double.isFinite(maxAngleDeg)) {
            throw new IllegalArgumentException("maxAngleDeg must be a finite number of degrees, was " + maxAngleDeg);
        }
    }

    /** E.g. "Angle limited to 30° by your beginner profile (first two weeks)". */
    public String explain() {
        return "Angle limited to " + Words.degrees(maxAngleDeg) + " by " + because;
    }
}
