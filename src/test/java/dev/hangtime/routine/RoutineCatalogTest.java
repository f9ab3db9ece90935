package dev.hangtime.routine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.EngineConfig;
import dev.hangtime.engine.EngineEvent;
import dev.hangtime.engine.ExperienceLevel;
import dev.hangtime.engine.Profile;
import dev.hangtime.engine.ProfileLimits;
import dev.hangtime.engine.Progression;
import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineStep;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.SessionEngine;
import dev.hangtime.engine.SessionOutcome;
import dev.hangtime.engine.SessionState;
import dev.hangtime.engine.SessionSummary;
import dev.hangtime.engine.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutineCatalogTest {

    @TempDir
    Path configDir;

    private final RoutineCatalog catalog = RoutineCatalog.builtIn();

    private Routine builtIn(String name) {
        return catalog.find(name).orElseThrow().routine();
    }

    /**
     * A compliant user: follows each step at 10 Hz, moving at 10°/s, holding each band's middle
     * for the hold's minimum, resting the rest's duration, then coming upright. Returns the summary
     * and the wall time from Start to the end.
     */
    private static SessionSummary follow(Routine routine, ProfileLimits limits) {
        SessionEngine engine = new SessionEngine(EngineConfig.of(routine, limits));
        long[] now = {1_000_000};
        int[] seq = {0};
        SessionState[] state = {engine.initialState(now[0])};
        double[] angle = {0};
        java.util.function.DoubleConsumer sampleAt = a -> {
            now[0] += 100;
            angle[0] = a;
            StepResult r = engine.step(state[0], new EngineEvent.SampleReceived(new Sample(seq[0]++, now[0], now[0], a, 0,
                    true, true, false, false)), now[0]);
            state[0] = r.state();
            r = engine.step(state[0], new EngineEvent.Tick(), now[0] + 50);
            state[0] = r.state();
        };
        java.util.function.DoubleConsumer moveTo = target -> {
            while (Math.abs(angle[0] - target) > 1e-9) {
                double step = Math.max(-1, Math.min(1, target - angle[0]));
                sampleAt.accept(angle[0] + step);
            }
        };
        sampleAt.accept(0);
        state[0] = engine.step(state[0], new EngineEvent.UserAction(EngineEvent.UserAction.Kind.START), now[0]).state();
        assertTrue(state[0].sessionActive(), "the routine starts under these limits");
        double band = 0;
        for (RoutineStep step : routine.steps()) {
            if (step instanceof RoutineStep.Tilt) {
                RoutineStep.Tilt t = (RoutineStep.Tilt) step;
                band = Math.floor((t.minAngleDeg() + t.maxAngleDeg()) / 2);
                moveTo.accept(band);
            } else if (step instanceof RoutineStep.Hold) {
                for (long held = 0; held <= ((RoutineStep.Hold) step).minMs(); held += 100) {
                    sampleAt.accept(band);
                }
            } else if (step instanceof RoutineStep.Rest) {
                moveTo.accept(0);
                for (long rested = 0; rested <= ((RoutineStep.Rest) step).durationMs() + 100; rested += 100) {
                    sampleAt.accept(0);
                }
            } else {
                moveTo.accept(-40);
            }
        }
        return state[0].summary();
    }

    @Test
    void theBuiltInRoutinesAreListedInOrderAndValidAgainstAFullTable() {
        assertEquals(List.of("beginner", "morning", "evening", "progressive"),
                catalog.entries().stream().map(e -> e.routine().name()).toList());
        for (String name : RoutineCatalog.BUILT_IN) {
            assertEquals(List.of(), RoutineLoader.problems(name, RoutineCatalog.builtInText(name), 90), name);
        }
    }

    @Test
    void beginnerFollowsTheGuidanceOfTwentyToThirtyDegreesForOneToTwoMinutes() {
        Routine r = builtIn("beginner");
        for (RoutineStep s : r.steps()) {
            if (s instanceof RoutineStep.Tilt) {
                assertTrue(((RoutineStep.Tilt) s).minAngleDeg() >= 20 && ((RoutineStep.Tilt) s).maxAngleDeg() <= 30);
            }
        }
        assertEquals(30, r.limits().maxAngleDeg());
        assertEquals(120_000, r.limits().maxTimeInvertedMs());
        SessionSummary s = follow(r, Progression.limits(Profile.starting(ExperienceLevel.BEGINNER, LocalDate.of(2025, 1, 1)),
                List.of(), LocalDate.of(2025, 1, 2), ZoneOffset.UTC));
        assertEquals(SessionOutcome.COMPLETE, s.outcome());
        assertEquals(0, s.alarmCount());
        assertTrue(s.timeInvertedMs() >= 60_000 && s.timeInvertedMs() <= 120_000, "time inverted " + s.timeInvertedMs());
    }

    @Test
    void morningTakesThreeToFiveMinutesInAll() {
        SessionSummary s = follow(builtIn("morning"), ProfileLimits.none());
        assertEquals(SessionOutcome.COMPLETE, s.outcome());
        long total = s.endedAtMs() - s.startedAtMs();
        assertTrue(total >= 180_000 && total <= 300_000, "morning took " + total + " ms");
        assertTrue(builtIn("morning").maximumHoldMs() + builtIn("morning").totalRestMs() + 60_000 <= 300_000,
                "even the longest holds fit in 5 min");
    }

    @Test
    void eveningTakesTwoToThreeMinutesInAllAndFitsTheBeginnerCaps() {
        Routine evening = builtIn("evening");
        SessionSummary s = follow(evening, Progression.limits(Profile.starting(ExperienceLevel.BEGINNER,
                LocalDate.of(2025, 1, 1)), List.of(), LocalDate.of(2025, 1, 2), ZoneOffset.UTC));
        assertEquals(SessionOutcome.COMPLETE, s.outcome());
        assertEquals(0, s.alarmCount());
        long total = s.endedAtMs() - s.startedAtMs();
        assertTrue(total >= 120_000 && total <= 180_000, "evening took " + total + " ms");
    }

    @Test
    void progressiveReachesTowardsSixtyDegreesForAProfileThatAllowsIt() {
        Routine r = builtIn("progressive");
        assertEquals(60, r.limits().maxAngleDeg());
        assertTrue(r.steepestTiltDeg() >= 50 && r.steepestTiltDeg() <= 60);
        SessionSummary s = follow(r, Progression.limits(Profile.starting(ExperienceLevel.EXPERIENCED,
                LocalDate.of(2025, 1, 1)), List.of(), LocalDate.of(2025, 1, 2), ZoneOffset.UTC));
        assertEquals(SessionOutcome.COMPLETE, s.outcome());
        assertEquals(0, s.alarmCount());
        assertTrue(s.band30To60Ms() > 0);
    }

    @Test
    void userRoutinesAreAddedFromTheConfigDirectory() throws Exception {
        Files.createDirectories(configDir.resolve("routines"));
        Files.writeString(configDir.resolve("routines/short.yaml"), RoutineCatalog.builtInText("beginner")
                .replace("name: beginner", "name: short"));
        RoutineCatalog withUser = RoutineCatalog.load(configDir);
        assertEquals(List.of("beginner", "morning", "evening", "progressive", "short"),
                withUser.entries().stream().map(e -> e.routine().name()).toList());
        assertFalse(withUser.find("short").orElseThrow().builtIn());
    }

    @Test
    void aUserRoutineReusingABuiltInNameIsADuplicateReportedAtItsNameLine() throws Exception {
        Files.createDirectories(configDir.resolve("routines"));
        Path file = configDir.resolve("routines/mine.yaml");
        Files.writeString(file, RoutineCatalog.builtInText("evening"));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RoutineCatalog.load(configDir));
        Problem p = e.problems().get(0);
        assertEquals(file.toString(), p.source());
        assertEquals(3, p.line());
        assertEquals("name", p.field());
        assertEquals("duplicate name: 'evening' is already a built-in routine; choose another name", p.message());
    }

    @Test
    void twoUserFilesWithOneNameAreDuplicates() throws Exception {
        Files.createDirectories(configDir.resolve("routines"));
        String text = RoutineCatalog.builtInText("beginner").replace("name: beginner", "name: twin");
        Files.writeString(configDir.resolve("routines/a.yaml"), text);
        Files.writeString(configDir.resolve("routines/b.yml"), text);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RoutineCatalog.load(configDir));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).message().startsWith("duplicate name: 'twin' is already the routine in "),
                e.problems().get(0).message());
    }

    @Test
    void resolveFindsNamesAndFilesAndNamesTheKnownRoutinesOtherwise() throws Exception {
        assertEquals("morning", catalog.resolve("morning", RoutineLoader.ANY_TABLE).routine().name());
        Path file = configDir.resolve("x.yaml");
        Files.writeString(file, RoutineCatalog.builtInText("beginner").replace("name: beginner", "name: x"));
        assertEquals("x", catalog.resolve(file.toString(), RoutineLoader.ANY_TABLE).routine().name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalog.resolve("nightly", RoutineLoader.ANY_TABLE));
        assertEquals("no routine named 'nightly'; known: beginner, morning, evening, progressive", e.getMessage());
        assertThrows(InvalidFileException.class, () -> catalog.resolve("progressive", 45),
                "a routine beyond the table is refused");
    }
}
