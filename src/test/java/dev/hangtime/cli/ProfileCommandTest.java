package dev.hangtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.Contraindication;
import dev.hangtime.engine.ExperienceLevel;
import dev.hangtime.engine.Profile;
import dev.hangtime.routine.ProfileFile;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProfileCommandTest extends CliTestBase {

    private Profile profile() throws Exception {
        return ProfileFile.load(dir).orElseThrow();
    }

    private static String allKeys() {
        return Arrays.stream(Contraindication.values()).map(Contraindication::key).collect(Collectors.joining(","));
    }

    @Test
    void initCreatesTheProfileAndRefusesToOverwriteWithoutForce() throws Exception {
        assertEquals(0, run("profile", "init", "--experience", "beginner", "--started-on", "2025-03-03",
                "--config-dir", dir.toString()));
        assertEquals(Profile.starting(ExperienceLevel.BEGINNER, java.time.LocalDate.of(2025, 3, 3)), profile());
        assertEquals(2, run("profile", "init", "--experience", "experienced", "--config-dir", dir.toString()));
        assertTrue(err.toString().contains("exists; use --force to replace it"), err.toString());
        assertEquals(ExperienceLevel.BEGINNER, profile().experience());
        assertEquals(0, run("profile", "init", "--experience", "experienced", "--force", "--config-dir", dir.toString()));
        assertEquals(ExperienceLevel.EXPERIENCED, profile().experience());
    }

    @Test
    void showWithoutAProfileSaysHowToCreateOne() {
        assertEquals(2, run("profile", "show", "--config-dir", dir.toString()));
        assertEquals("hangtime: no profile in " + dir + "; create one with: hangtime profile init --experience beginner\n",
                err.toString());
    }

    @Test
    void showExplainsTodaysCapsAndTheirSources() {
        run("profile", "init", "--experience", "beginner", "--config-dir", dir.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("profile", "show", "--config-dir", dir.toString()));
        String text = out.toString();
        assertTrue(text.contains("Physician clearance: none recorded (needed above 60°)"), text);
        assertTrue(text.contains("  Angle limited to 30° by your beginner profile (first two weeks, until "), text);
    }

    @Test
    void showCountsTheSessionsRecordedOnRealTablesInTheStore() {
        java.nio.file.Path data = dir.resolve("data");
        dev.hangtime.store.StoreFixture.twoSessions(data.resolve("hangtime.db"), 50);
        run("profile", "init", "--experience", "beginner", "--config-dir", dir.toString(),
                "--data-dir", data.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("profile", "show", "--config-dir", dir.toString(), "--data-dir", data.toString()));
        // the fixture's first session ran on a "simulated table", which never counts towards progression
        assertTrue(out.toString().contains("(1 past session(s) counted.)"), out.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, run("profile", "show", "--config-dir", dir.toString(),
                "--data-dir", dir.resolve("no-store-yet").toString()));
        assertTrue(out.toString().contains("(0 past session(s) counted.)"), out.toString());
    }

    @Test
    void setChangesCapsAndBudgetWithUnitsAndRejectsBareNumbers() throws Exception {
        run("profile", "init", "--experience", "intermediate", "--config-dir", dir.toString());
        assertEquals(0, run("profile", "set", "--max-angle", "35deg", "--max-time", "150s",
                "--max-sessions-per-day", "2", "--min-gap", "4h", "--config-dir", dir.toString()));
        Profile p = profile();
        assertEquals(35, p.caps().maxAngleDeg().getAsDouble());
        assertEquals(150_000, p.caps().maxTimeInvertedMs().getAsLong());
        assertEquals(2, p.budget().maxSessionsPerDay());
        assertEquals(4 * 3_600_000L, p.budget().minGapMs());

        assertEquals(2, run("profile", "set", "--max-angle", "35", "--config-dir", dir.toString()));
        assertTrue(err.toString().contains("hangtime: --max-angle: missing unit: write 35deg"), err.toString());
        assertEquals(2, run("profile", "set", "--max-angle", "95deg", "--config-dir", dir.toString()));
        assertEquals(35, profile().caps().maxAngleDeg().getAsDouble(), "nothing written on bad input");

        assertEquals(0, run("profile", "set", "--max-angle", "none", "--config-dir", dir.toString()));
        assertFalse(profile().caps().maxAngleDeg().isPresent());
    }

    @Test
    void setWithNothingToSetIsBadInput() {
        run("profile", "init", "--experience", "beginner", "--config-dir", dir.toString());
        assertEquals(2, run("profile", "set", "--config-dir", dir.toString()));
    }

    @Test
    void clearanceWithoutConfirmationsListsTheContraindicationsAndRecordsNothing() throws Exception {
        run("profile", "init", "--experience", "experienced", "--config-dir", dir.toString());
        out.getBuffer().setLength(0);
        assertEquals(2, run("profile", "clearance", "--config-dir", dir.toString()));
        for (Contraindication c : Contraindication.values()) {
            assertTrue(out.toString().contains(c.key()) && out.toString().contains(c.description()), c.key());
        }
        assertFalse(profile().clearance().isPresent());
    }

    @Test
    void clearanceNeedsEveryContraindicationConfirmed() throws Exception {
        run("profile", "init", "--experience", "experienced", "--config-dir", dir.toString());
        assertEquals(2, run("profile", "clearance", "--confirm", "high-blood-pressure,glaucoma",
                "--date", "2025-01-10", "--config-dir", dir.toString()));
        assertTrue(err.toString().contains("nothing recorded: not confirmed:\n  heart-or-circulatory-disease"), err.toString());
        assertFalse(profile().clearance().isPresent());

        assertEquals(2, run("profile", "clearance", "--confirm", "glaucoma,flu", "--config-dir", dir.toString()));
        assertTrue(err.toString().contains("--confirm: unknown contraindication(s) flu"), err.toString());

        assertEquals(0, run("profile", "clearance", "--confirm", allKeys(), "--date", "2025-01-10",
                "--physician", "Dr. Example", "--config-dir", dir.toString()));
        assertTrue(profile().cleared());
        assertEquals("Dr. Example", profile().clearance().orElseThrow().physician());

        assertEquals(0, run("profile", "clearance", "--revoke", "--config-dir", dir.toString()));
        assertFalse(profile().clearance().isPresent());
    }

    @Test
    void clearanceCanBeConfirmedItemByItem() throws Exception {
        run("profile", "init", "--experience", "experienced", "--config-dir", dir.toString());
        CommandLine cl = HangtimeCommand.commandLine();
        ProfileCommand.Clearance clearance = cl.getSubcommands().get("profile").getSubcommands().get("clearance")
                .getCommand();
        clearance.input = new BufferedReader(new StringReader("y\n".repeat(Contraindication.values().length)));
        assertEquals(0, run(cl, "profile", "clearance", "--interactive", "--date", "2025-01-10",
                "--config-dir", dir.toString()));
        assertTrue(profile().cleared());
    }

    @Test
    void oneNoInTheInteractiveListRecordsNothing() throws Exception {
        run("profile", "init", "--experience", "experienced", "--config-dir", dir.toString());
        CommandLine cl = HangtimeCommand.commandLine();
        ProfileCommand.Clearance clearance = cl.getSubcommands().get("profile").getSubcommands().get("clearance")
                .getCommand();
        clearance.input = new BufferedReader(new StringReader("y\ny\ny\nn\n" + "y\n".repeat(20)));
        assertEquals(2, run(cl, "profile", "clearance", "--interactive", "--config-dir", dir.toString()));
        assertTrue(err.toString().contains("glaucoma"), err.toString());
        assertFalse(profile().clearance().isPresent());
    }

    @Test
    void aBrokenProfileFileIsReportedWithLineAndLeftAlone() throws Exception {
        Files.writeString(ProfileFile.path(dir), "experience: beginner\nstartedOn: soon\n");
        assertEquals(2, run("profile", "set", "--max-angle", "30deg", "--config-dir", dir.toString()));
        assertTrue(err.toString().contains(ProfileFile.path(dir) + ":2:12: startedOn: 'soon' is not a date"), err.toString());
        assertEquals("experience: beginner\nstartedOn: soon\n", Files.readString(ProfileFile.path(dir)));
    }
}
