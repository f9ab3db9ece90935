package dev.hangtime.engine;

import java.util.Objects;

/**
 * A maximum continuous time above an angle (one stay, not the session total) and who set it.
 *
 * @param aboveAngleDeg the stay counts while the angle is at or above this, degrees
 * @param maxMs         milliseconds, positive
 * @param source        who set it
 * @param because       plain words naming the rule
 */
public record ContinuousLimit(double aboveAngleDeg, long maxMs, LimitSource source, String because) {
    public ContinuousLimit {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(because, "because");
        if (!Double.isFinite(aboveAngleDeg)) {
            throw new IllegalArgumentException("aboveAngleDeg must be finite, was " + aboveAngleDeg);
        }
        if (maxMs <= 0) {
            throw new IllegalArgumentException("maxMs must be positive, was " + maxMs);
        }
    }

    /** E.g. "At most 2 min at a time above 45°, set by the routine 'progressive'". */
    public String explain() {
        return "At most " + Words.duration(maxMs) + " at a time above " + Words.degrees(aboveAngleDeg)
                + ", set by " + because;
    }
}
