package dev.hangtime.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits in force: each the strictest of the table's capability, the routine and the profile,
 * with the source that set it so the user can be told ("limited to 30° by your beginner profile").
 * On a tie the more personal source is named: profile before routine before table.
 *
 * @param maxAngle        the maximum angle
 * @param maxTimeInverted the maximum time inverted in this session
 * @param maxContinuous   the maximum continuous stay above an angle, when the routine sets one
 */
public record EffectiveLimits(AngleLimit maxAngle, DurationLimit maxTimeInverted,
                              Optional<ContinuousLimit> maxContinuous) {

    public EffectiveLimits {
        Objects.requireNonNull(maxAngle, "maxAngle");
        Objects.requireNonNull(maxTimeInverted, "maxTimeInverted");
        Objects.requireNonNull(maxContinuous, "maxContinuous");
    }

    /**
     * Combines the three sources.
     *
     * @param routine     the routine (its limits and name)
     * @param profile     the profile's caps for today
     * @param tableMaxDeg the table's maximum angle from its capabilities, or NaN while unknown
     */
    public static EffectiveLimits strictest(Routine routine, ProfileLimits profile, double tableMaxDeg) {
        Objects.requireNonNull(routine, "routine");
        Objects.requireNonNull(profile, "profile");
        RoutineLimits r = routine.limits();
        String byRoutine = "the routine '" + routine.name() + "'";

        // Tie order: profile, routine, table (a candidate replaces the current one only if stricter).
        AngleLimit angle = profile.maxAngle().orElse(null);
        AngleLimit routineAngle = new AngleLimit(r.maxAngleDeg(), LimitSource.ROUTINE, byRoutine);
        if (angle == null || routineAngle.maxAngleDeg() < angle.maxAngleDeg()) {
            angle = routineAngle;
        }
        if (Double.isFinite(tableMaxDeg) && tableMaxDeg < angle.maxAngleDeg()) {
            angle = new AngleLimit(tableMaxDeg, LimitSource.TABLE,
                    "the table (it reaches " + Words.degrees(tableMaxDeg) + ")");
        }

        DurationLimit time = profile.maxTimeInverted().orElse(null);
        if (time == null || r.maxTimeInvertedMs() < time.maxMs()) {
            time = new DurationLimit(r.maxTimeInvertedMs(), LimitSource.ROUTINE, byRoutine);
        }

        Optional<ContinuousLimit> continuous = r.continuous().map(c -> new ContinuousLimit(
                c.aboveAngleDeg(), c.maxMs(), LimitSource.ROUTINE, byRoutine));
        return new EffectiveLimits(angle, time, continuous);
    }

    /** One plain sentence per limit, for the display and `hangtime run`. */
    public List<String> explain() {
        List<String> lines = new ArrayList<>(3);
        lines.add(maxAngle.explain());
        lines.add(maxTimeInverted.explain());
        maxContinuous.ifPresent(c -> lines.add(c.explain()));
        return List.copyOf(lines);
    }
}
