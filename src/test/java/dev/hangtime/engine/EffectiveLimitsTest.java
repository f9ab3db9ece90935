package dev.hangtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EffectiveLimitsTest {

    private final Routine routine = EngineDriver.twoBandRoutine(); // 50°, 5 min, 60 s above 35°

    @Test
    void eachLimitIsTheStrictestOfTableRoutineAndProfileAndNamesItsSource() {
        EffectiveLimits limits = EffectiveLimits.strictest(routine, EngineDriver.profileCap(60, 120_000), 45);
        assertEquals(new AngleLimit(45, LimitSource.TABLE, "the table (it reaches 45°)"), limits.maxAngle());
        assertEquals(new DurationLimit(120_000, LimitSource.PROFILE, "your test profile"), limits.maxTimeInverted());
        assertEquals(LimitSource.ROUTINE, limits.maxContinuous().orElseThrow().source());
    }

    @Test
    void anUnknownTableCapabilityIsNoCandidate() {
        EffectiveLimits limits = EffectiveLimits.strictest(routine, ProfileLimits.none(), Double.NaN);
        assertEquals(new AngleLimit(50, LimitSource.ROUTINE, "the routine 'two-band'"), limits.maxAngle());
        assertEquals(LimitSource.ROUTINE, limits.maxTimeInverted().source());
    }

    @Test
    void onATieTheMorePersonalSourceIsNamed() {
        EffectiveLimits limits = EffectiveLimits.strictest(routine, EngineDriver.profileCap(50, 300_000), 50);
        assertEquals(LimitSource.PROFILE, limits.maxAngle().source());
        assertEquals(LimitSource.PROFILE, limits.maxTimeInverted().source());
    }

    @Test
    void theExplanationsArePlainSentences() {
        EffectiveLimits limits = EffectiveLimits.strictest(routine, EngineDriver.profileCap(30, 120_000), Double.NaN);
        assertEquals(List.of("Angle limited to 30° by your test profile",
                "Time inverted limited to 2 min by your test profile",
                "At most 1 min at a time above 35°, set by the routine 'two-band'"), limits.explain());
    }

    @Test
    void aRoutineWithoutAContinuousLimitHasNone() {
        EffectiveLimits limits = EffectiveLimits.strictest(EngineDriver.beginnerRoutine(), ProfileLimits.none(), 90);
        assertEquals(Optional.empty(), limits.maxContinuous());
    }

    @Test
    void durationsAndAnglesReadNaturally() {
        assertEquals("1 min 30 s", Words.duration(90_000));
        assertEquals("1 h 5 min", Words.duration(3_900_000));
        assertEquals("750 ms", Words.duration(750));
        assertEquals("27.5°", Words.degrees(27.5));
        assertEquals("-80°", Words.degrees(-80));
        assertEquals("20–30°", Words.band(20, 30));
    }
}
