package dev.hangtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DailyPlanTest {

    private static final ZoneId ZONE = ZoneOffset.UTC;

    private static SessionRecord done(String instant, String routine) {
        return new SessionRecord(Instant.parse(instant), routine, SessionOutcome.COMPLETE, true, 0,
                routine.equals("wake-stretches") ? 0 : 200_000);
    }

    private static List<DailyPlan.Status> statuses(DailyPlan.Plan plan) {
        return plan.items().stream().map(DailyPlan.Item::status).toList();
    }

    @Test
    void inTheEarlyMorningTheBedStretchesAreNext() {
        DailyPlan.Plan plan = DailyPlan.forDay(DailyPlan.Template.standard(), List.of(),
                Instant.parse("2025-03-10T06:00:00Z"), ZONE, DailyBudget.Rules.DEFAULT);
        assertEquals(List.of(DailyPlan.Status.NEXT, DailyPlan.Status.LATER, DailyPlan.Status.LATER), statuses(plan));
        assertEquals("wake-stretches", plan.next().orElseThrow().activity().routineName());
        assertTrue(plan.budget().allowed());
    }

    @Test
    void doneActivitiesAreMarkedAndTheNextOneFollows() {
        List<SessionRecord> history = List.of(done("2025-03-10T06:05:00Z", "wake-stretches"),
                done("2025-03-10T07:00:00Z", "morning"));
        DailyPlan.Plan plan = DailyPlan.forDay(DailyPlan.Template.standard(), history,
                Instant.parse("2025-03-10T09:00:00Z"), ZONE, DailyBudget.Rules.DEFAULT);
        assertEquals(List.of(DailyPlan.Status.DONE, DailyPlan.Status.DONE, DailyPlan.Status.NEXT), statuses(plan));
        assertEquals(Optional.of(history.get(1)), plan.items().get(1).doneBy());
    }

    @Test
    void aPassedWindowIsMissedAndYesterdaysSessionsDoNotCount() {
        List<SessionRecord> history = List.of(done("2025-03-09T07:00:00Z", "morning"),
                done("2025-03-10T07:00:00Z", "evening"));
        DailyPlan.Plan plan = DailyPlan.forDay(DailyPlan.Template.standard(), history,
                Instant.parse("2025-03-10T14:00:00Z"), ZONE, DailyBudget.Rules.DEFAULT);
        assertEquals(List.of(DailyPlan.Status.MISSED, DailyPlan.Status.MISSED, DailyPlan.Status.NEXT), statuses(plan),
                "the evening routine done at 07:00 is outside the evening window");
    }

    @Test
    void anUnfinishedSessionDoesNotTickTheBox() {
        SessionRecord aborted = new SessionRecord(Instant.parse("2025-03-10T07:00:00Z"), "morning",
                SessionOutcome.ABORTED, true, 0, 60_000);
        DailyPlan.Plan plan = DailyPlan.forDay(DailyPlan.Template.standard(), List.of(aborted),
                Instant.parse("2025-03-10T07:30:00Z"), ZONE, DailyBudget.Rules.DEFAULT);
        assertEquals(List.of(DailyPlan.Status.NEXT, DailyPlan.Status.LATER, DailyPlan.Status.LATER), statuses(plan));
        assertEquals(Optional.empty(), plan.items().get(1).doneBy());
    }

    @Test
    void routinesTheLimitsWouldRefuseAreReplacedByTheFallback() {
        Routine morning = new Routine("morning", "", new RoutineLimits(40, 300_000, Optional.empty()), List.of(
                new RoutineStep.Tilt(30, 35, ""), new RoutineStep.Hold(150_000, 180_000, ""),
                new RoutineStep.Rest(20_000, ""), new RoutineStep.Upright("")));
        Routine beginner = EngineDriver.beginnerRoutine();
        ProfileLimits capped = EngineDriver.profileCap(30, 120_000);
        DailyPlan.Template template = DailyPlan.Template.standard()
                .fitting(Map.of("morning", morning, "beginner", beginner), capped, "beginner");
        assertEquals("beginner", template.activities().get(1).routineName());
        assertTrue(template.activities().get(1).description().endsWith("Your limits do not allow 'morning' yet, so: 'beginner'."));
        assertEquals("evening", template.activities().get(2).routineName(), "not in the map: left alone");
        assertEquals("wake-stretches", template.activities().get(0).routineName());
    }
}
