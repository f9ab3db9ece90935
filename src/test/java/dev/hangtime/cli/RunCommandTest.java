package dev.hangtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.SessionStatus;
import dev.hangtime.store.StoredSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code hangtime run} as a user meets it: options, refusals with exit code 2, a whole run, Ctrl-C. */
class RunCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--data-dir", dir.resolve("data").toString(),
                "--config-dir", dir.resolve("config").toString()));
        all.addAll(List.of(args));
        return HangtimeCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(RunCommandTest.class.getResource(name).toURI()).toString();
    }

    @Test
    void invalidRoutineIsRefusedWithItsFileLineAndFieldAndNothingIsRecorded() throws IOException {
        Path routine = dir.resolve("bad.yaml");
        Files.writeString(routine, "name: bad\ndescription: broken\nlimits:\n  maxAngle: 120deg\n  maxTimeInverted: 2min\n"
                + "steps:\n  - tilt: {min: 20deg, max: 25deg}\n  - hold: {min: -5s, max: 60s}\n  - rest: {duration: 30s}\n"
                + "  - upright: {}\n");
        assertEquals(2, run("--device", "sim", "--routine", routine.toString()));
        String message = err.toString();
        assertTrue(message.contains("bad.yaml"), message);
        assertTrue(message.contains(":4") || message.contains("line 4"), "the line of maxAngle: " + message);
        assertTrue(message.contains("maxAngle"), message);
        assertTrue(message.contains("hold"), "every problem is reported: " + message);
        assertFalse(Files.exists(dir.resolve("data")), "nothing was opened or written");
    }

    @Test
    void unknownRoutineNameIsRefusedNamingTheKnownOnes() {
        assertEquals(2, run("--device", "sim", "--routine", "no-such-routine"));
        assertTrue(err.toString().contains("beginner"), err.toString());
    }

    @Test
    void speedAndScenarioAreForTheSimulatorOnly() {
        assertEquals(2, run("--device", "serial:/dev/ttyUSB7", "--speed", "3"));
        assertTrue(err.toString().contains("--speed is for the simulator"), err.toString());
        assertEquals(2, run("--device", "ble", "--scenario", "link-drop"));
        assertTrue(err.toString().contains("--scenario is for the simulator"), err.toString());
    }

    @Test
    void displayOptionsWithoutWebAndBadDevicesAreRefused() {
        assertEquals(2, run("--device", "sim", "--port", "9000"));
        assertTrue(err.toString().contains("add --web"), err.toString());
        assertEquals(2, run("--device", "usb:3"));
        assertTrue(err.toString().contains("--device"), err.toString());
    }

    @Test
    void configFileWithAMistakeIsRefusedWithItsLine() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Path config = dir.resolve("config").resolve("config.yaml");
        Files.writeString(config, "# my table\ndevice: \"serial:\"\n");
        assertEquals(2, run("--routine", "beginner"));
        assertTrue(err.toString().contains("config.yaml:2: field 'device': "), err.toString());
        Files.writeString(config, "# my table\ndevice: serial:/dev/ttyUSB0\nport: 80\n");
        assertEquals(2, run("--routine", "beginner"));
        assertTrue(err.toString().contains("config.yaml:3: field 'port' is not a setting"), err.toString());
        Files.writeString(config, "device: [sim\n");
        assertEquals(2, run("--routine", "beginner"));
        assertTrue(err.toString().contains("config.yaml:1: not valid YAML"), err.toString());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void simulatedRunGoesThroughTheRoutineAndPrintsPlainLinesAndTheSummary() throws Exception {
        assertEquals(0, run("--device", "sim", "--scenario", resource("quick-session.yaml"),
                "--routine", resource("quick-routine.yaml"), "--speed", "3"), err.toString());
        String printed = out.toString();
        assertTrue(err.toString().startsWith("SIMULATED TABLE"), "the banner says the table is simulated");
        assertFalse(printed.contains("\r") || printed.contains("\u001b["), "not a terminal: plain lines");
        assertTrue(printed.contains("HOLDING"), printed);
        assertTrue(printed.contains("Session complete\n"), printed);
        assertTrue(printed.contains("Recorded as session 1"), printed);
        try (SessionArchive archive = SessionArchive.openReadOnly(dir.resolve("data").resolve("hangtime.db"))) {
            StoredSession session = archive.session(1);
            assertEquals(SessionStatus.COMPLETE, session.status());
            assertTrue(session.profileSummary().contains("simulated session (not counted)"), session.profileSummary());
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ctrlCEndsTheSessionCleanlyAndRecordsItAborted() throws Exception {
        Path data = dir.resolve("data");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HangtimeCommand.class.getName(), "run",
                "--device", "sim", "--data-dir", data.toString(), "--config-dir", dir.resolve("config").toString())
                .redirectErrorStream(true).start();
        StringBuilder printed = new StringBuilder();
        CompletableFuture<Void> tilting = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (printed) {
                        printed.append(line).append('\n');
                    }
                    if (line.contains("TILTING")) {
                        tilting.complete(null);
                    }
                }
            } catch (IOException e) {
                tilting.completeExceptionally(e);
            }
        });
        reader.start();
        try {
            tilting.get(60, TimeUnit.SECONDS); // the routine is under way
            new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start().waitFor();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "hangtime run ends on Ctrl-C");
        } finally {
            child.destroyForcibly();
        }
        reader.join(10_000);
        String text;
        synchronized (printed) {
            text = printed.toString();
        }
        assertTrue(text.contains("Session ended early"), text);
        try (SessionArchive archive = SessionArchive.openReadOnly(data.resolve("hangtime.db"))) {
            StoredSession session = archive.session(1);
            assertEquals(SessionStatus.ABORTED, session.status(), text);
            assertTrue(session.summary().isPresent(), "the summary is in the record");
            assertTrue(session.sampleCount() > 0);
        }
    }
}
