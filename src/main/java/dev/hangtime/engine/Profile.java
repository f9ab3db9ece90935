package dev.hangtime.engine;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The user's profile: where they started, what they set for themselves, and whether a physician
 * cleared them for steep inversion. Stored as YAML by {@code dev.hangtime.routine.ProfileFile};
 * turned into today's caps by {@link Progression#limits}.
 *
 * @param experience       experience when they started with Hangtime
 * @param startedOn        the day they started (the beginner period counts from here)
 * @param caps             personal caps (only ever stricter)
 * @param clearance        the physician clearance, when recorded
 * @param budget           how many sessions a day, and how far apart
 * @param sessionsPerLevel clean sessions needed to rise one progression level, 1..50
 */
public record Profile(ExperienceLevel experience, LocalDate startedOn, PersonalCaps caps,
                      Optional<PhysicianClearance> clearance, DailyBudget.Rules budget, int sessionsPerLevel) {

    /** Clean sessions per progression level when the profile does not say. */
    public static final int DEFAULT_SESSIONS_PER_LEVEL = 5;

    public Profile {
        Objects.requireNonNull(experience, "experience");
        Objects.requireNonNull(startedOn, "startedOn");
        Objects.requireNonNull(caps, "caps");
        Objects.requireNonNull(clearance, "clearance");
        Objects.requireNonNull(budget, "budget");
        if (sessionsPerLevel < 1 || sessionsPerLevel > 50) {
            throw new IllegalArgumentException("sessionsPerLevel must be 1..50, was " + sessionsPerLevel);
        }
    }

    /** A new profile with defaults: no personal caps, no clearance, the default budget. */
    public static Profile starting(ExperienceLevel experience, LocalDate startedOn) {
        return new Profile(experience, startedOn, PersonalCaps.none(), Optional.empty(),
                DailyBudget.Rules.DEFAULT, DEFAULT_SESSIONS_PER_LEVEL);
    }

    /** True when a complete physician clearance is recorded. */
    public boolean cleared() {
        return clearance.map(PhysicianClearance::complete).orElse(false);
    }

    public Profile withCaps(PersonalCaps newCaps) {
        return new Profile(experience, startedOn, newCaps, clearance, budget, sessionsPerLevel);
    }

    public Profile withClearance(Optional<PhysicianClearance> newClearance) {
        return new Profile(experience, startedOn, caps, newClearance, budget, sessionsPerLevel);
    }

    public Profile withBudget(DailyBudget.Rules newBudget) {
        return new Profile(experience, startedOn, caps, clearance, newBudget, sessionsPerLevel);
    }

    public Profile withExperience(ExperienceLevel newExperience) {
        return new Profile(newExperience, startedOn, caps, clearance, budget, sessionsPerLevel);
    }

    public Profile withSessionsPerLevel(int n) {
        return new Profile(experience, startedOn, caps, clearance, budget, n);
    }
}
