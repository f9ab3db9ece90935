package dev.hangtime.routine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineLimits;
import dev.hangtime.engine.RoutineStep;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutineLoaderTest {

    /** A valid routine; each bad case below changes one thing in it. */
    private static final String VALID = """
            name: test
            description: A test routine.
            limits:
              maxAngle: 40deg
              maxTimeInverted: 3min
            steps:
              - tilt: {min: 20deg, max: 30deg, note: "Slowly."}
              - hold: {min: 60s, max: 90s}
              - rest: 30s
              - upright
            """;

    @Test
    void aValidRoutineParsesWithItsUnits() throws InvalidFileException {
        Routine r = RoutineLoader.parse("test.yaml", VALID, RoutineLoader.ANY_TABLE);
        assertEquals(new Routine("test", "A test routine.", new RoutineLimits(40, 180_000, Optional.empty()), List.of(
                new RoutineStep.Tilt(20, 30, "Slowly."), new RoutineStep.Hold(60_000, 90_000, ""),
                new RoutineStep.Rest(30_000, ""), new RoutineStep.Upright(""))), r);
    }

    @Test
    void everyUnitAndLongFormIsAccepted() throws InvalidFileException {
        Routine r = RoutineLoader.parse("t", """
                name: units
                limits:
                  maxAngle: 45°
                  maxTimeInverted: 0.05h
                  maxContinuous:
                    above: 30.5deg
                    duration: 1.5min
                steps:
                  - tilt:
                      min: 20deg
                      max: 30deg
                  - hold: {min: 500ms, max: 2s}
                  - rest: {duration: 10s, note: Breathe.}
                  - upright: {note: Slowly.}
                """, RoutineLoader.ANY_TABLE);
        assertEquals(new RoutineLimits(45, 180_000, Optional.of(new RoutineLimits.Continuous(30.5, 90_000))), r.limits());
        assertEquals(new RoutineStep.Hold(500, 2_000, ""), r.steps().get(1));
        assertEquals(new RoutineStep.Rest(10_000, "Breathe."), r.steps().get(2));
        assertEquals(new RoutineStep.Upright("Slowly."), r.steps().get(3));
        assertEquals("", r.description());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                bad("negative duration", VALID.replace("min: 60s", "min: -5s"),
                        8, "steps[1].hold.min", "a duration cannot be negative, was -5s"),
                bad("zero duration", VALID.replace("rest: 30s", "rest: 0s"),
                        9, "steps[2].rest", "a duration must be longer than zero, was 0s"),
                bad("angle beyond 90", VALID.replace("max: 30deg", "max: 95deg"),
                        7, "steps[0].tilt.max", "beyond full inversion (90°), was 95deg"),
                bad("max angle beyond 90", VALID.replace("maxAngle: 40deg", "maxAngle: 120deg"),
                        4, "limits.maxAngle", "beyond full inversion (90°), was 120deg"),
                bad("max angle not head-down", VALID.replace("maxAngle: 40deg", "maxAngle: 0deg"),
                        4, "limits.maxAngle", "must be above 0° (head-down), was 0deg"),
                bad("angle beyond the routine's maximum", VALID.replace("max: 30deg", "max: 45deg"),
                        7, "steps[0].tilt.max", "max 45° is above the routine's maxAngle (40°)"),
                bad("min above max in a band", VALID.replace("{min: 20deg, max: 30deg", "{min: 35deg, max: 30deg"),
                        7, "steps[0].tilt", "min 35° is above max 30°"),
                bad("min above max in a hold", VALID.replace("{min: 60s, max: 90s}", "{min: 2min, max: 90s}"),
                        8, "steps[1].hold", "min 2min is longer than max 90s"),
                bad("unknown key at the top", VALID.replace("description:", "descripton:"),
                        2, "descripton", "unknown key 'descripton', did you mean 'description'? Allowed here: name,"
                                + " description, limits, steps"),
                bad("unknown key in a step", VALID.replace("max: 90s}", "max: 90s, speed: 2}"),
                        8, "steps[1].hold.speed", "unknown key 'speed' Allowed here: min, max, note"),
                bad("missing unit on an angle", VALID.replace("maxAngle: 40deg", "maxAngle: 40"),
                        4, "limits.maxAngle", "missing unit: write 40deg (e.g. 30deg)"),
                bad("missing unit on a duration", VALID.replace("rest: 30s", "rest: 30"),
                        9, "steps[2].rest", "missing unit: write 30s (e.g. 90s)"),
                bad("unknown unit", VALID.replace("maxTimeInverted: 3min", "maxTimeInverted: 3minutes"),
                        5, "limits.maxTimeInverted", "unknown unit 'minutes' in '3minutes': use ms, s, min or h"),
                bad("not a number", VALID.replace("min: 60s", "min: long"),
                        8, "steps[1].hold.min", "'long' is not a duration: write it like 90s"),
                bad("empty step list", VALID.substring(0, VALID.indexOf("steps:")) + "steps: []\n",
                        6, "steps", "a routine needs steps: at least a tilt, a hold, a rest and upright"),
                bad("YAML syntax error", VALID.replace("max: 90s}", "max: 90s"),
                        9, "", "YAML syntax error"),
                bad("wrong type for the step list", VALID.substring(0, VALID.indexOf("steps:")) + "steps: 5\n",
                        6, "steps", "expected a list of steps, found a number"),
                bad("wrong type for the name", VALID.replace("name: test", "name: [a, b]"),
                        1, "name", "expected text, found a list"),
                bad("duplicate key", VALID.replace("  maxTimeInverted: 3min\n", "  maxTimeInverted: 3min\n  maxAngle: 30deg\n"),
                        6, "limits.maxAngle", "duplicate key: 'maxAngle' is already given on line 4"),
                bad("missing required key", VALID.replace("  maxTimeInverted: 3min\n", ""),
                        4, "limits.maxTimeInverted", "missing: 'maxTimeInverted' is required here"),
                bad("unknown step kind", VALID.replace("- rest: 30s", "- pause: 30s"),
                        9, "steps[2]", "unknown step 'pause' Steps are: tilt, hold, rest, upright"),
                bad("misspelt step kind", VALID.replace("- upright", "- uprigt"),
                        10, "steps[3]", "unknown step 'uprigt', did you mean 'upright'? Steps are: tilt, hold, rest, upright"),
                bad("two kinds in one step", VALID.replace("- rest: 30s", "- rest: 30s\n    upright: {}"),
                        9, "steps[2]", "a step has exactly one kind (tilt, hold, rest or upright), found: rest, upright"),
                bad("hold without a tilt before it", VALID.replace("  - tilt: {min: 20deg, max: 30deg, note: \"Slowly.\"}\n", "  - rest: 10s\n"),
                        8, "steps[1].hold", "a hold must come right after a tilt: it holds that tilt's band"),
                bad("no return at the end", VALID.replace("  - upright\n", ""),
                        9, "steps[2]", "the last step must be upright: a session ends only through a return"),
                bad("upright without a rest before it", VALID.replace("  - rest: 30s\n", ""),
                        9, "steps[2].upright", "upright must follow a rest near horizontal (pause before coming upright)"),
                bad("holds longer than the time limit", VALID.replace("maxTimeInverted: 3min", "maxTimeInverted: 50s"),
                        8, "steps[1].hold.max", "max 1 min 30 s is longer than the routine's maxTimeInverted (50 s)"),
                bad("band too narrow to hold", VALID.replace("{min: 20deg, max: 30deg", "{min: 29deg, max: 30deg"),
                        7, "steps[0].tilt", "the band 29–30° is narrower than 2°: nobody can hold it with a real sensor"),
                bad("band not head-down", VALID.replace("{min: 20deg, max: 30deg", "{min: -10deg, max: 30deg"),
                        7, "steps[0].tilt.min", "a tilt band must be head-down: min must be above 0°, was -10°"),
                bad("invalid name", VALID.replace("name: test", "name: My Routine"),
                        1, "name", "'My Routine' is not a usable name"),
                bad("empty file", "", 1, "", "the file is empty"),
                bad("top level is not a map", "- tilt\n- hold\n", 1, "", "expected a map with name, limits and steps, found a list"),
                bad("two documents", VALID + "---\nname: other\n", 12, "", "only one YAML document per file"),
                bad("continuous limit that never applies", VALID.replace("  maxTimeInverted: 3min\n",
                        "  maxTimeInverted: 3min\n  maxContinuous: {above: 50deg, duration: 1min}\n"),
                        6, "limits.maxContinuous.above", "the continuous limit above 50° can never apply: maxAngle is 40°"),
                bad("note of the wrong type", VALID.replace("note: \"Slowly.\"", "note: 5"),
                        7, "steps[0].tilt.note", "expected text, found a number"),
                bad("a number where a step should be", VALID.replace("- upright", "- 7"),
                        10, "steps[3]", "unknown step '7'"));
    }

    private static Arguments bad(String kind, String yaml, int line, String field, String message) {
        return Arguments.of(kind, yaml, line, field, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void eachKindOfProblemIsReportedAtItsLineAndField(String kind, String yaml, int line, String field, String message) {
        List<Problem> problems = RoutineLoader.problems("bad.yaml", yaml, 90);
        assertTrue(problems.stream().anyMatch(p -> p.line() == line && p.field().equals(field)
                        && p.message().startsWith(message)),
                () -> kind + ": expected line " + line + " field '" + field + "' message '" + message + "', got "
                        + problems);
        assertTrue(problems.stream().allMatch(p -> p.source().equals("bad.yaml")));
    }

    @Test
    void angleBeyondTheTableIsReportedWhenTheTableIsKnown() {
        List<Problem> problems = RoutineLoader.problems("t.yaml", VALID, 35);
        assertEquals(List.of(
                "t.yaml:4:13: limits.maxAngle: maxAngle 40° is beyond what the table reaches (35°)"),
                problems.stream().map(Problem::toString).toList());
        assertEquals(List.of(), RoutineLoader.problems("t.yaml", VALID, 40));
    }

    @Test
    void everyProblemInAFileIsReportedAtOnceInFileOrder() {
        String yaml = """
                name: Bad Name
                limits:
                  maxAngle: 100deg
                  maxTimeInverted: 90
                  speed: fast
                steps:
                  - tilt: {min: 20deg, max: 30deg}
                  - hold: {min: -1s, max: 0s}
                  - rest: 30sec
                  - upright
                """;
        List<String> problems = RoutineLoader.problems("bad.yaml", yaml, 90).stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "bad.yaml:1:7: name: 'Bad Name' is not a usable name: lower-case letters, digits and '-', starting"
                        + " with a letter or digit, at most 40 characters",
                "bad.yaml:3:13: limits.maxAngle: beyond full inversion (90°), was 100deg",
                "bad.yaml:4:20: limits.maxTimeInverted: missing unit: write 90s (e.g. 90s)",
                "bad.yaml:5:3: limits.speed: unknown key 'speed' Allowed here: maxAngle, maxTimeInverted, maxContinuous",
                "bad.yaml:8:17: steps[1].hold.min: a duration cannot be negative, was -1s",
                "bad.yaml:8:27: steps[1].hold.max: a duration must be longer than zero, was 0s",
                "bad.yaml:9:11: steps[2].rest: unknown unit 'sec' in '30sec': use ms, s, min or h"), problems);
    }

    @Test
    void parseThrowsWithAllProblemsAndASummary() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> RoutineLoader.parse("x.yaml", VALID.replace("rest: 30s", "rest: 30"), 90));
        assertEquals(1, e.problems().size());
        assertEquals("x.yaml: 1 problem\n  x.yaml:9:11: steps[2].rest: missing unit: write 30s (e.g. 90s)", e.getMessage());
    }

    @Test
    void atLeastTwentyKindsOfProblemAreCovered() {
        assertTrue(badFiles().count() >= 20);
    }
}
