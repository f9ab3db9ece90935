package dev.hangtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code hangtime simulate} as a user runs it: exit codes, the printed first line, record and replay. */
class SimulateCommandTest extends CliTestBase {

    private List<String> outLines() {
        return out.toString().lines().toList();
    }

    @Test
    void anUnknownScenarioIsBadInputWithExitCodeTwo() {
        assertEquals(2, run("simulate", "--serial-pty", "--scenario", "no-such-thing"));
        assertTrue(err.toString().contains("no built-in scenario") && err.toString().contains("compliant-morning"),
                err.toString());
        assertEquals("", out.toString(), "nothing on stdout: a script reading the pty path gets nothing");
    }

    @Test
    void aMalformedScenarioFileNamesFileLineAndFieldWithExitCodeTwo() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "user:\n  script:\n    - tilt: 20\nfaults:\n  - at: 10s\n    fault: meteor\n");
        assertEquals(2, run("simulate", "--serial-pty", "--scenario", file.toString()));
        assertTrue(err.toString().contains(file + ":6:12: faults[0].fault: unknown fault 'meteor'"), err.toString());
    }

    @Test
    void aMalformedRecordingIsBadInputWithExitCodeTwo() throws Exception {
        Path file = dir.resolve("bad.rec");
        Files.writeString(file, "# hangtime-recording 1\n12.5 frame zz\n");
        assertEquals(2, run("simulate", "--serial-pty", "--replay", file.toString()));
        assertTrue(err.toString().contains(file + ":2:"), err.toString());
    }

    @Test
    void withoutACarrierItSaysWhichToChoose() {
        assertEquals(2, run("simulate"));
        assertTrue(err.toString().contains("--serial-pty and/or --ble"), err.toString());
    }

    @Test
    void aRateOutsideTenToHundredHertzIsBadInput() {
        assertEquals(2, run("simulate", "--serial-pty", "--rate", "200"));
        assertTrue(err.toString().contains("--rate must be 10..100"), err.toString());
    }

    @Test
    void aDurationWithoutAUnitIsBadInput() {
        assertEquals(2, run("simulate", "--serial-pty", "--duration", "30"));
        assertTrue(err.toString().contains("needs a unit"), err.toString());
    }

    @Test
    void listNamesEveryBuiltInScenarioWithItsDescription() {
        assertEquals(0, run("simulate", "--list"));
        assertTrue(outLines().size() >= 12, out.toString());
        assertTrue(out.toString().contains("compliant-morning") && out.toString().contains("Gentle morning routine"),
                out.toString());
    }

    @Test
    void itServesOnAPtyPrintsThePathFirstRecordsAndTheRecordingReplays() throws Exception {
        Path rec = dir.resolve("run.rec");
        assertEquals(0, run("simulate", "--serial-pty", "--scenario", "garbage-bytes", "--rate", "50",
                "--speed", "50", "--duration", "3s", "--record", rec.toString()), err.toString());
        assertTrue(outLines().get(0).matches("/dev/pts/\\d+"), out.toString());
        List<String> recorded = Files.readAllLines(rec);
        assertEquals("# hangtime-recording 1", recorded.get(0));
        long measurementsAndStatus = recorded.stream().filter(l -> l.contains(" frame ")).count();
        assertEquals(151, measurementsAndStatus, "150 samples in 3 s at 50 Hz, and the Status at boot");

        out.getBuffer().setLength(0);
        assertEquals(0, run("simulate", "--serial-pty", "--replay", rec.toString(), "--speed", "50", "--duration", "4s"),
                err.toString());
        assertTrue(outLines().get(0).matches("/dev/pts/\\d+"), out.toString());
        assertTrue(err.toString().contains("replay of 'run'"), err.toString());
    }

    @Test
    void anUnreachableBusIsAFailureWithExitCodeOne() {
        String address = "unix:path=" + dir.resolve("no-bus-here");
        assertEquals(1, run("simulate", "--ble", "--dbus-address", address, "--duration", "1s"));
        assertTrue(err.toString().contains("cannot connect to the D-Bus bus at " + address), err.toString());
    }

    @Test
    void withBleItPrintsTheAddressOfItsOwnBus() {
        assertEquals(0, run("simulate", "--ble", "--duration", "1s", "--speed", "20"), err.toString());
        assertTrue(outLines().get(0).startsWith("unix:path="), out.toString());
        assertTrue(!Files.exists(Path.of(outLines().get(0).substring("unix:path=".length()))),
                "the private bus's socket is gone after the run");
    }
}
