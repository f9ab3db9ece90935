package dev.hangtime.engine;

import java.util.Objects;

/**
 * A maximum time inverted per session and who set it.
 *
 * @param maxMs   milliseconds, positive
 * @param source  who set it
 * @param because plain words naming the rule, completing "limited to 2 min by ..."
 */
public record DurationLimit(long maxMs, LimitSource source, String because) {
    public DurationLimit {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(because, "because");
        if (maxMs <= 0) {
            throw new IllegalArgumentException("maxMs must be positive, was " + maxMs);
        }
    }

    /** E.g. "Time inverted limited to 2 min by your beginner profile (first two weeks)". */
    public String explain() {
        return "Time inverted limited to " + Words.duration(maxMs) + " by " + because;
    }
}
