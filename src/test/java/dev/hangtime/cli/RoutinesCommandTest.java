package dev.hangtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RoutinesCommandTest extends CliTestBase {

    @Test
    void listShowsTheBuiltInsAndTheUsersOwn() throws Exception {
        Files.createDirectories(dir.resolve("routines"));
        Files.writeString(dir.resolve("routines/lunch.yaml"), """
                name: lunch
                description: A short one.
                limits: {maxAngle: 30deg, maxTimeInverted: 1min}
                steps:
                  - tilt: {min: 15deg, max: 20deg}
                  - hold: {min: 30s, max: 40s}
                  - rest: 20s
                  - upright
                """);
        assertEquals(0, run("routines", "list", "--config-dir", dir.toString()));
        String text = out.toString();
        for (String name : new String[] {"beginner", "morning", "evening", "progressive"}) {
            assertTrue(text.contains("\n" + name + " "), text);
        }
        assertTrue(text.contains("lunch          yours     up to 20°"), text);
    }

    @Test
    void showPrintsLimitsStepsAndWhetherTheProfileAllowsIt() {
        assertEquals(0, run("profile", "init", "--experience", "beginner", "--config-dir", dir.toString()));
        out.getBuffer().setLength(0);
        assertEquals(0, run("routines", "show", "progressive", "--config-dir", dir.toString()));
        String text = out.toString();
        assertTrue(text.startsWith("progressive (built-in)\n"), text);
        assertTrue(text.contains("Limits: angle at most 60°, time inverted at most 5 min, at most 2 min at a time above 45°"), text);
        assertTrue(text.contains("  5. Tilt to 50–55°\n"), text);
        assertTrue(text.contains("Your profile does not allow this routine today: The routine 'progressive' tilts to 55°,"
                + " but the angle is limited to 30° by your beginner profile"), text);
    }

    @Test
    void showYamlPrintsTheFileAsWritten() {
        assertEquals(0, run("routines", "show", "evening", "--yaml", "--config-dir", dir.toString()));
        assertTrue(out.toString().contains("name: evening\n"), out.toString());
    }

    @Test
    void showAnUnknownNameIsBadInput() {
        assertEquals(2, run("routines", "show", "nightly", "--config-dir", dir.toString()));
        assertEquals("hangtime: no routine named 'nightly'; known: beginner, morning, evening, progressive\n",
                err.toString());
    }

    @Test
    void checkAcceptsAValidFile() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, """
                name: ok
                limits: {maxAngle: 30deg, maxTimeInverted: 2min}
                steps:
                  - tilt: {min: 20deg, max: 25deg}
                  - hold: {min: 60s, max: 90s}
                  - rest: 30s
                  - upright
                """);
        assertEquals(0, run("routines", "check", file.toString()));
        assertEquals(file + ": OK: routine 'ok', 4 steps, up to 25°, holds 1 min to 1 min 30 s\n", out.toString());
    }

    @Test
    void checkReportsEveryProblemWithLineAndFieldAndExitsTwo() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                name: bad
                limits:
                  maxAngle: 100
                  maxTimeInverted: 2min
                steps:
                  - tilt: {min: 30deg, max: 20deg}
                  - hold: {min: 0s, max: 5s}
                """);
        assertEquals(2, run("routines", "check", file.toString()));
        assertEquals("hangtime: " + file + ": 4 problems\n"
                + "  " + file + ":3:13: limits.maxAngle: missing unit: write 100deg (e.g. 30deg)\n"
                + "  " + file + ":6:11: steps[0].tilt: min 30° is above max 20°\n"
                + "  " + file + ":7:5: steps[1]: the last step must be upright: a session ends only through a return\n"
                + "  " + file + ":7:17: steps[1].hold.min: a duration must be longer than zero, was 0s\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void checkAgainstATableThatCannotReachTheRoutine() throws Exception {
        Path file = dir.resolve("steep.yaml");
        Files.writeString(file, """
                name: steep
                limits: {maxAngle: 60deg, maxTimeInverted: 3min}
                steps:
                  - tilt: {min: 40deg, max: 50deg}
                  - hold: {min: 30s, max: 60s}
                  - rest: 30s
                  - upright
                """);
        assertEquals(2, run("routines", "check", file.toString(), "--table-max-angle", "45deg"));
        assertTrue(err.toString().contains(":4:29: steps[0].tilt.max: max 50° is beyond what the table reaches (45°)"),
                err.toString());
        assertEquals(2, run("routines", "check", file.toString(), "--table-max-angle", "45"));
        assertTrue(err.toString().contains("hangtime: --table-max-angle: missing unit: write 45deg"), err.toString());
    }

    @Test
    void checkAMissingFileIsBadInput() {
        assertEquals(2, run("routines", "check", dir.resolve("none.yaml").toString()));
        assertEquals("hangtime: " + dir.resolve("none.yaml") + ": no such file\n", err.toString());
    }
}
