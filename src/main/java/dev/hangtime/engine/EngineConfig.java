package dev.hangtime.engine;

import java.util.Objects;

/**
 * What a {@link SessionEngine} is built from.
 *
 * @param routine       the routine to run (must pass {@link RoutineRules#check})
 * @param profileLimits the profile's caps for today ({@link Progression#limits})
 * @param thresholds    the safety constants ({@link SafetyThresholds#DEFAULTS})
 */
public record EngineConfig(Routine routine, ProfileLimits profileLimits, SafetyThresholds thresholds) {

    public EngineConfig {
        Objects.requireNonNull(routine, "routine");
        Objects.requireNonNull(profileLimits, "profileLimits");
        Objects.requireNonNull(thresholds, "thresholds");
    }

    /** With the default thresholds. */
    public static EngineConfig of(Routine routine, ProfileLimits profileLimits) {
        return new EngineConfig(routine, profileLimits, SafetyThresholds.DEFAULTS);
    }

    public EngineConfig withThresholds(SafetyThresholds newThresholds) {
        return new EngineConfig(routine, profileLimits, newThresholds);
    }
}
