package dev.hangtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressionTest {

    private static final ZoneId ZONE = ZoneOffset.UTC;
    private static final LocalDate START = LocalDate.of(2025, 3, 3);

    private static SessionRecord clean(LocalDate day) {
        return new SessionRecord(day.atTime(7, 30).toInstant(ZoneOffset.UTC), "beginner", SessionOutcome.COMPLETE,
                true, 0, 90_000);
    }

    private static SessionRecord withAlarm(LocalDate day) {
        return new SessionRecord(day.atTime(19, 0).toInstant(ZoneOffset.UTC), "beginner", SessionOutcome.COMPLETE,
                true, 1, 90_000);
    }

    private static List<SessionRecord> cleanDaily(LocalDate from, int days) {
        List<SessionRecord> out = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            out.add(clean(from.plusDays(i)));
        }
        return out;
    }

    private static PhysicianClearance fullClearance() {
        return new PhysicianClearance(START, "Dr. Test", EnumSet.allOf(Contraindication.class));
    }

    @Test
    void aBeginnerIsCappedAtThirtyDegreesAndTwoMinutesForTheFirstTwoWeeksWhateverTheHistory() {
        Profile p = Profile.starting(ExperienceLevel.BEGINNER, START);
        LocalDate lastBeginnerDay = START.plusDays(13);
        ProfileLimits limits = Progression.limits(p, cleanDaily(START, 14), lastBeginnerDay, ZONE);
        assertEquals(30, limits.maxAngle().orElseThrow().maxAngleDeg());
        assertEquals(120_000, limits.maxTimeInverted().orElseThrow().maxMs());
        assertEquals("Angle limited to 30° by your beginner profile (first two weeks, until 2025-03-16)",
                limits.maxAngle().orElseThrow().explain());
    }

    @Test
    void capsRiseOneLevelAfterTheTwoWeeksOnceEnoughCleanSessionsCounted() {
        Profile p = Profile.starting(ExperienceLevel.BEGINNER, START);
        List<SessionRecord> history = cleanDaily(START, 15); // the 15th is the first day after the period
        Progression.Status status = Progression.status(p, history, START.plusDays(14), ZONE);
        assertEquals(2, status.level().number());
        assertFalse(status.inBeginnerPeriod());
        ProfileLimits limits = Progression.limits(p, history, START.plusDays(14), ZONE);
        assertEquals(40, limits.maxAngle().orElseThrow().maxAngleDeg());
        assertEquals("your progression level 2 (40°, 3 min)", limits.maxAngle().orElseThrow().because());
    }

    @Test
    void aSessionWithAnAlarmStartsTheCountAgain() {
        Profile p = Profile.starting(ExperienceLevel.INTERMEDIATE, START);
        List<SessionRecord> history = new ArrayList<>(cleanDaily(START, 4));
        history.add(withAlarm(START.plusDays(3)));
        history.addAll(cleanDaily(START.plusDays(4), 4));
        Progression.Status status = Progression.status(p, history, START.plusDays(8), ZONE);
        assertEquals(2, status.level().number(), "4 clean, an alarm, 4 clean: not yet 5 in a row");
        assertEquals(4, status.cleanSinceLastRise());
        assertEquals("One more clean session to reach level 3 (50°, 4 min).", status.nextRequirement());
        history.add(clean(START.plusDays(8)));
        assertEquals(3, Progression.status(p, history, START.plusDays(8), ZONE).level().number());
    }

    @Test
    void stoppedSessionsWithoutAlarmsNeitherCountNorReset() {
        Profile p = Profile.starting(ExperienceLevel.INTERMEDIATE, START);
        List<SessionRecord> history = new ArrayList<>(cleanDaily(START, 3));
        history.add(new SessionRecord(START.plusDays(3).atTime(8, 0).toInstant(ZoneOffset.UTC), "morning",
                SessionOutcome.ABORTED, true, 0, 30_000));
        history.addAll(cleanDaily(START.plusDays(4), 2));
        assertEquals(3, Progression.status(p, history, START.plusDays(6), ZONE).level().number());
    }

    @Test
    void withoutAPhysicianClearanceNothingAboveSixtyDegrees() {
        Profile p = Profile.starting(ExperienceLevel.EXPERIENCED, START);
        List<SessionRecord> history = cleanDaily(START, 30);
        ProfileLimits limits = Progression.limits(p, history, START.plusDays(30), ZONE);
        assertEquals(60, limits.maxAngle().orElseThrow().maxAngleDeg());
        Progression.Status status = Progression.status(p, history, START.plusDays(30), ZONE);
        assertEquals(Optional.empty(), status.next());
        assertEquals("Steeper than 60° needs a physician clearance (hangtime profile clearance).",
                status.nextRequirement());
    }

    @Test
    void withACompleteClearanceCapsRiseToFullInversion() {
        Profile p = Profile.starting(ExperienceLevel.EXPERIENCED, START).withClearance(Optional.of(fullClearance()));
        ProfileLimits limits = Progression.limits(p, cleanDaily(START, 10), START.plusDays(10), ZONE);
        assertEquals(90, limits.maxAngle().orElseThrow().maxAngleDeg());
    }

    @Test
    void anIncompleteClearanceDoesNotCount() {
        EnumSet<Contraindication> confirmed = EnumSet.allOf(Contraindication.class);
        confirmed.remove(Contraindication.GLAUCOMA);
        PhysicianClearance partial = new PhysicianClearance(START, "", confirmed);
        assertFalse(partial.complete());
        assertEquals(EnumSet.of(Contraindication.GLAUCOMA), partial.missing());
        Profile p = Profile.starting(ExperienceLevel.EXPERIENCED, START).withClearance(Optional.of(partial));
        ProfileLimits limits = Progression.limits(p, cleanDaily(START, 10), START.plusDays(10), ZONE);
        assertEquals(60, limits.maxAngle().orElseThrow().maxAngleDeg());
        assertEquals("your profile: no physician clearance recorded", limits.maxAngle().orElseThrow().because());
    }

    @Test
    void personalCapsOnlyEverMakeTheLimitsStricter() {
        Profile p = Profile.starting(ExperienceLevel.EXPERIENCED, START)
                .withCaps(new PersonalCaps(OptionalDouble.of(45), OptionalLong.of(600_000)));
        ProfileLimits limits = Progression.limits(p, List.of(), START, ZONE);
        assertEquals(45, limits.maxAngle().orElseThrow().maxAngleDeg());
        assertEquals("your personal cap", limits.maxAngle().orElseThrow().because());
        assertEquals(300_000, limits.maxTimeInverted().orElseThrow().maxMs(), "a 10 min personal cap does not loosen 5 min");
    }

    @Test
    void sessionsBeforeTheStartDateOrInTheFutureAreIgnored() {
        Profile p = Profile.starting(ExperienceLevel.INTERMEDIATE, START);
        List<SessionRecord> history = new ArrayList<>(cleanDaily(START.minusDays(10), 10));
        history.addAll(cleanDaily(START.plusDays(5), 10));
        assertEquals(2, Progression.status(p, history, START.plusDays(4), ZONE).level().number());
    }

    @Test
    void duringTheBeginnerPeriodTheRequirementSaysFromWhen() {
        Profile p = Profile.starting(ExperienceLevel.BEGINNER, START);
        Progression.Status status = Progression.status(p, cleanDaily(START, 7), START.plusDays(6), ZONE);
        assertTrue(status.inBeginnerPeriod());
        assertEquals("One more clean session from 2025-03-17 to reach level 2 (40°, 3 min).", status.nextRequirement());
    }

    @Test
    void historyOrderDoesNotMatter() {
        Profile p = Profile.starting(ExperienceLevel.BEGINNER, START);
        List<SessionRecord> history = new ArrayList<>(cleanDaily(START, 25));
        history.add(3, withAlarm(START.plusDays(20)));
        List<SessionRecord> reversed = new ArrayList<>(history);
        java.util.Collections.reverse(reversed);
        assertEquals(Progression.status(p, history, START.plusDays(25), ZONE),
                Progression.status(p, reversed, START.plusDays(25), ZONE));
    }

    @Test
    void theLadderStartsAtTheBeginnerAdviceAndEndsAtFullInversion() {
        assertEquals(30, Progression.LADDER.get(0).maxAngleDeg());
        assertEquals(120_000, Progression.LADDER.get(0).maxTimeInvertedMs());
        assertEquals(90, Progression.LADDER.get(Progression.LADDER.size() - 1).maxAngleDeg());
        for (int i = 1; i < Progression.LADDER.size(); i++) {
            assertTrue(Progression.LADDER.get(i).maxAngleDeg() > Progression.LADDER.get(i - 1).maxAngleDeg());
            assertTrue(Progression.LADDER.get(i).maxTimeInvertedMs() >= Progression.LADDER.get(i - 1).maxTimeInvertedMs());
        }
        assertTrue(Instant.EPOCH.isBefore(START.atStartOfDay(ZONE).toInstant()));
    }
}
