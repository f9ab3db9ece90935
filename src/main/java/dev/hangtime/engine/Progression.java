package dev.hangtime.engine;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Progression: the profile's caps rise one level at a time, only after {@code sessionsPerLevel}
 * clean sessions (completed, within limits, no alarm) since the last rise. A session with an alarm
 * or outside its limits starts the count again; stopped or interrupted sessions without alarms
 * neither count nor reset. A beginner does not rise during the first {@value #BEGINNER_PERIOD_DAYS}
 * days; sessions in that time still count towards the first rise. Above {@value #STEEP_ABOVE_DEG}°
 * needs a complete physician clearance. Pure: the history and the day are inputs.
 */
public final class Progression {

    /** A beginner stays at level 1 (30°, 2 min) for this many days from the profile's start date. */
    public static final int BEGINNER_PERIOD_DAYS = 14;
    /** Steeper than this is "steep or full inversion" and needs a physician clearance. */
    public static final double STEEP_ABOVE_DEG = 60.0;

    /**
     * One rung of the ladder.
     *
     * @param number            1-based, for people
     * @param maxAngleDeg       degrees
     * @param maxTimeInvertedMs per session, milliseconds
     */
    public record Level(int number, double maxAngleDeg, long maxTimeInvertedMs) {
        public String describe() {
            return "level " + number + " (" + Words.degrees(maxAngleDeg) + ", " + Words.duration(maxTimeInvertedMs) + ")";
        }
    }

    /**
     * The ladder. Level 1 is the published beginner advice (20–30° for 1–2 minutes); time builds to
     * the 3–5 minutes guidance reaches; 60° is where lumbar decompression is usually reached; 75°
     * and 90° need a clearance. See docs/ROUTINES.md "Progression".
     */
    public static final List<Level> LADDER = List.of(
            new Level(1, 30, 2 * 60_000L),
            new Level(2, 40, 3 * 60_000L),
            new Level(3, 50, 4 * 60_000L),
            new Level(4, 60, 5 * 60_000L),
            new Level(5, 75, 5 * 60_000L),
            new Level(6, 90, 5 * 60_000L));

    private static final int HIGHEST_WITHOUT_CLEARANCE = 3; // index of the 60° level

    private Progression() {
    }

    /**
     * Where the user stands today.
     *
     * @param level              the level in force
     * @param cleanSinceLastRise clean sessions counted towards the next level
     * @param sessionsPerLevel   how many are needed
     * @param beginnerPeriodEnds the first day after the beginner period (empty unless a beginner)
     * @param inBeginnerPeriod   today is within the beginner period
     * @param next               the next level, if any is reachable
     * @param nextRequirement    plain words: what it takes to reach the next level
     */
    public record Status(Level level, int cleanSinceLastRise, int sessionsPerLevel,
                         Optional<LocalDate> beginnerPeriodEnds, boolean inBeginnerPeriod,
                         Optional<Level> next, String nextRequirement) {
    }

    /** The progression status for a day. */
    public static Status status(Profile profile, List<SessionRecord> history, LocalDate today, ZoneId zone) {
        Objects.requireNonNull(profile, "profile");
        int index = startIndex(profile.experience());
        int top = profile.cleared() ? LADDER.size() - 1 : HIGHEST_WITHOUT_CLEARANCE;
        index = Math.min(index, top);
        boolean beginner = profile.experience() == ExperienceLevel.BEGINNER;
        LocalDate gate = beginner ? profile.startedOn().plusDays(BEGINNER_PERIOD_DAYS) : profile.startedOn();
        int count = 0;

        List<SessionRecord> ordered = new ArrayList<>(history);
        ordered.sort(Comparator.comparing(SessionRecord::startedAt));
        for (SessionRecord s : ordered) {
            LocalDate day = s.startedAt().atZone(zone).toLocalDate();
            if (day.isAfter(today) || day.isBefore(profile.startedOn())) {
                continue;
            }
            if (s.clean()) {
                count++;
                if (count >= profile.sessionsPerLevel() && !day.isBefore(gate) && index < top) {
                    index++;
                    count = 0;
                }
            } else if (s.alarmCount() > 0 || !s.withinLimits()) {
                count = 0;
            }
        }

        boolean inBeginnerPeriod = beginner && today.isBefore(gate);
        Optional<Level> next = index < top ? Optional.of(LADDER.get(index + 1)) : Optional.empty();
        String requirement;
        if (next.isPresent()) {
            int more = Math.max(0, profile.sessionsPerLevel() - count);
            requirement = (more <= 1 ? "One more clean session" : more + " more clean sessions")
                    + (inBeginnerPeriod ? " from " + gate : "")
                    + " to reach " + next.get().describe() + ".";
        } else if (index < LADDER.size() - 1) {
            requirement = "Steeper than " + Words.degrees(STEEP_ABOVE_DEG)
                    + " needs a physician clearance (hangtime profile clearance).";
        } else {
            requirement = "You are at the top level.";
        }
        return new Status(LADDER.get(index), count, profile.sessionsPerLevel(),
                beginner ? Optional.of(gate) : Optional.empty(), inBeginnerPeriod, next, requirement);
    }

    /**
     * The profile's caps for a day: the strictest of the progression level, the beginner period,
     * the clearance rule and the personal caps, each named.
     */
    public static ProfileLimits limits(Profile profile, List<SessionRecord> history, LocalDate today, ZoneId zone) {
        Status status = status(profile, history, today, zone);
        Level level = status.level();

        String levelBecause;
        if (status.inBeginnerPeriod()) {
            levelBecause = "your beginner profile (first two weeks, until " + status.beginnerPeriodEnds().get().minusDays(1) + ")";
        } else {
            levelBecause = "your progression " + level.describe();
        }
        AngleLimit angle = new AngleLimit(level.maxAngleDeg(), LimitSource.PROFILE, levelBecause);
        DurationLimit time = new DurationLimit(level.maxTimeInvertedMs(), LimitSource.PROFILE, levelBecause);

        if (!profile.cleared() && STEEP_ABOVE_DEG <= angle.maxAngleDeg()) {
            // The level may stand at the clearance line; naming the clearance says what would lift it.
            angle = new AngleLimit(STEEP_ABOVE_DEG, LimitSource.PROFILE,
                    "your profile: no physician clearance recorded");
        }
        PersonalCaps caps = profile.caps();
        if (caps.maxAngleDeg().isPresent() && caps.maxAngleDeg().getAsDouble() < angle.maxAngleDeg()) {
            angle = new AngleLimit(caps.maxAngleDeg().getAsDouble(), LimitSource.PROFILE, "your personal cap");
        }
        if (caps.maxTimeInvertedMs().isPresent() && caps.maxTimeInvertedMs().getAsLong() < time.maxMs()) {
            time = new DurationLimit(caps.maxTimeInvertedMs().getAsLong(), LimitSource.PROFILE, "your personal cap");
        }
        return new ProfileLimits(Optional.of(angle), Optional.of(time));
    }

    private static int startIndex(ExperienceLevel experience) {
        return switch (experience) {
            case BEGINNER -> 0;
            case INTERMEDIATE -> 1;
            case EXPERIENCED -> 3;
        };
    }
}
