package dev.hangtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutineRulesTest {

    private static List<String> paths(Routine r, double tableMax) {
        return RoutineRules.check(r, tableMax).stream().map(RoutineRules.Violation::path).toList();
    }

    private static Routine of(RoutineLimits limits, RoutineStep... steps) {
        return new Routine("r", "", limits, List.of(steps));
    }

    private static final RoutineLimits LIMITS = new RoutineLimits(40, 120_000, Optional.empty());
    private static final RoutineStep REST = new RoutineStep.Rest(10_000, "");
    private static final RoutineStep UP = new RoutineStep.Upright("");

    @Test
    void aWellFormedRoutinePasses() {
        assertEquals(List.of(), paths(EngineDriver.beginnerRoutine(), 90));
        assertEquals(List.of(), paths(EngineDriver.twoBandRoutine(), Double.NaN));
    }

    @Test
    void everyBrokenRuleIsReportedWithItsField() {
        Routine r = of(new RoutineLimits(40, 60_000, Optional.of(new RoutineLimits.Continuous(45, 90_000))),
                new RoutineStep.Hold(10_000, 20_000, ""),                // no tilt before it
                new RoutineStep.Tilt(-5, 50, ""),                         // head-up min, above maxAngle
                new RoutineStep.Tilt(30, 31, ""),                         // narrower than 2°
                new RoutineStep.Hold(55_000, 70_000, ""),                 // max above maxTimeInverted; mins sum to 65 s
                UP,                                                       // not last
                new RoutineStep.Tilt(20, 25, ""));                        // last is not upright
        assertEquals(List.of("limits.maxContinuous.above", "limits.maxContinuous.duration", "steps[0].hold",
                "steps[1].tilt.min", "steps[1].tilt.max", "steps[2].tilt", "steps[3].hold.max", "steps[4].upright",
                "steps[5]", "limits.maxTimeInverted"), paths(r, 90));
    }

    @Test
    void uprightMustFollowARest() {
        assertEquals(List.of("steps[2].upright"), paths(of(LIMITS, new RoutineStep.Tilt(20, 25, ""),
                new RoutineStep.Hold(10_000, 20_000, ""), UP), 90));
    }

    @Test
    void aRoutineThatNeverTiltsIsRejected() {
        assertEquals(List.of("steps"), paths(of(LIMITS, REST, UP), 90));
    }

    @Test
    void emptyStepsAreRejected() {
        assertEquals(List.of("steps"), paths(of(LIMITS), 90));
    }

    @Test
    void anglesBeyondTheTableAreRejectedWhenTheTableIsKnown() {
        Routine r = of(LIMITS, new RoutineStep.Tilt(30, 40, ""), new RoutineStep.Hold(10_000, 20_000, ""), REST, UP);
        assertEquals(List.of("limits.maxAngle", "steps[0].tilt.max"), paths(r, 35));
        assertEquals(List.of(), paths(r, Double.NaN));
    }

    @Test
    void conflictsWithTheEffectiveLimitsSayWhichRuleLimits() {
        EffectiveLimits limits = EffectiveLimits.strictest(EngineDriver.twoBandRoutine(),
                EngineDriver.profileCap(30, 50_000), Double.NaN);
        assertEquals(List.of(
                "The routine 'two-band' tilts to 45°, but the angle is limited to 30° by your test profile.",
                "The routine 'two-band' holds for at least 1 min, but time inverted is limited to 50 s by your test profile."),
                RoutineRules.conflicts(EngineDriver.twoBandRoutine(), limits));
    }
}
