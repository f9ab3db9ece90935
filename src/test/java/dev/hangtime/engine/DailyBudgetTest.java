package dev.hangtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DailyBudgetTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DailyBudget.Rules TWICE_FOUR_HOURS_APART = new DailyBudget.Rules(2, 4 * 3_600_000L);

    private static SessionRecord at(String instant, long invertedMs) {
        return new SessionRecord(Instant.parse(instant), "morning", SessionOutcome.COMPLETE, true, 0, invertedMs);
    }

    @Test
    void theFirstSessionOfTheDayIsAllowed() {
        DailyBudget.Decision d = DailyBudget.check(TWICE_FOUR_HOURS_APART, List.of(),
                Instant.parse("2025-03-10T06:00:00Z"), BERLIN);
        assertTrue(d.allowed());
        assertEquals("2 of 2 sessions left today.", d.reason());
    }

    @Test
    void aSessionTooSoonAfterTheLastOneIsRefusedWithTheTimeItMayStart() {
        DailyBudget.Decision d = DailyBudget.check(TWICE_FOUR_HOURS_APART, List.of(at("2025-03-10T06:00:00Z", 200_000)),
                Instant.parse("2025-03-10T08:30:00Z"), BERLIN);
        assertFalse(d.allowed());
        assertEquals(Optional.of(Instant.parse("2025-03-10T10:00:00Z")), d.nextAllowedAt());
        assertEquals("Sessions need 4 h between them; wait 1 h 30 min more.", d.reason());
    }

    @Test
    void atMostNSessionsPerLocalDayThenTomorrowAtMidnightLocalTime() {
        List<SessionRecord> history = List.of(at("2025-03-10T06:00:00Z", 200_000), at("2025-03-10T12:00:00Z", 200_000));
        DailyBudget.Decision d = DailyBudget.check(TWICE_FOUR_HOURS_APART, history,
                Instant.parse("2025-03-10T20:00:00Z"), BERLIN);
        assertFalse(d.allowed());
        assertEquals(2, d.sessionsToday());
        assertEquals(Optional.of(Instant.parse("2025-03-10T23:00:00Z")), d.nextAllowedAt(), "midnight in Berlin");
    }

    @Test
    void theDayIsTheUsersLocalDay() {
        // 23:30 UTC on the 9th is 00:30 on the 10th in Berlin: a session then counts for the 10th.
        List<SessionRecord> history = List.of(at("2025-03-09T23:30:00Z", 200_000), at("2025-03-10T06:00:00Z", 200_000));
        DailyBudget.Decision d = DailyBudget.check(TWICE_FOUR_HOURS_APART, history,
                Instant.parse("2025-03-10T12:00:00Z"), BERLIN);
        assertEquals(2, d.sessionsToday());
        assertFalse(d.allowed());
    }

    @Test
    void sessionsThatNeverInvertedDoNotCount() {
        DailyBudget.Decision d = DailyBudget.check(TWICE_FOUR_HOURS_APART, List.of(at("2025-03-10T06:00:00Z", 0)),
                Instant.parse("2025-03-10T06:10:00Z"), BERLIN);
        assertTrue(d.allowed());
    }
}
