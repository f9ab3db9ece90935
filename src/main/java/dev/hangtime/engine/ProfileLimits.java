package dev.hangtime.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * The profile's caps for one day (one source of the effective limits), each with the rule that
 * sets it; computed by {@link Progression#limits}.
 *
 * @param maxAngle        the strictest angle cap of the profile, if it sets one
 * @param maxTimeInverted the strictest time cap of the profile, if it sets one
 */
public record ProfileLimits(Optional<AngleLimit> maxAngle, Optional<DurationLimit> maxTimeInverted) {

    public ProfileLimits {
        Objects.requireNonNull(maxAngle, "maxAngle");
        Objects.requireNonNull(maxTimeInverted, "maxTimeInverted");
        maxAngle.ifPresent(a -> requireProfile(a.source()));
        maxTimeInverted.ifPresent(t -> requireProfile(t.source()));
    }

    private static void requireProfile(LimitSource source) {
        if (source != LimitSource.PROFILE) {
            throw new IllegalArgumentException("profile limits must have source PROFILE, was " + source);
        }
    }

    /** No profile caps at all: for tests and tools; a real session always has a profile. */
    public static ProfileLimits none() {
        return new ProfileLimits(Optional.empty(), Optional.empty());
    }
}
