package dev.hangtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.StoreFixture;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsCommandTest {

    @TempDir
    Path dir;

    /** Bytes behind an encoder, as System.out is: what the command does not flush is not seen. */
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();
    private final Object out = new Object() {
        @Override
        public String toString() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }
    };
    private Path store;

    @BeforeEach
    void twoRecordedSessions() {
        store = dir.resolve("data").resolve("hangtime.db");
        StoreFixture.twoSessions(store, 600);
    }

    private int run(String... args) {
        return HangtimeCommand.commandLine()
                .setOut(new PrintWriter(new OutputStreamWriter(outBytes, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private String dataDir() {
        return dir.resolve("data").toString();
    }

    @Test
    void listShowsOneLinePerSessionFromTheSummaries() {
        assertEquals(0, run("sessions", "list", "--data-dir", dataDir()));
        String[] lines = out.toString().split("\\R");
        assertEquals(3, lines.length, out.toString());
        assertTrue(lines[0].contains("ROUTINE") && lines[0].contains("STATUS"), lines[0]);
        assertTrue(lines[1].contains("morning: gentle inversion") && lines[1].contains("complete")
                && lines[1].contains("3 min 01 s") && lines[1].contains("40.4°") && lines[1].contains("within"), lines[1]);
        assertTrue(lines[2].contains("aborted") && lines[2].contains("EXCEEDED"), lines[2]);
    }

    @Test
    void aSessionACrashLeftInProgressIsListedAsUnfinishedUntilTheNextRecordingRecoversIt() throws Exception {
        try (dev.hangtime.store.SessionStore store = dev.hangtime.store.SessionStore.open(store())) {
            var recorder = store.beginSession(dev.hangtime.store.TestSessions.start(
                    dev.hangtime.store.TestSessions.START.plusSeconds(200_000)));
            recorder.recordSample(dev.hangtime.store.TestSessions.sample(0, recorder.startedAtMs()));
            recorder.flush().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, run("sessions", "list", "--last", "1", "--data-dir", dataDir()));
            assertTrue(out.toString().contains("in progress"), "being recorded: " + out);
        } // closed without finishing: what a crash leaves
        assertEquals(0, run("sessions", "list", "--data-dir", dataDir()));
        String[] lines = out.toString().split("\\R");
        String last = lines[lines.length - 1];
        assertTrue(last.contains("unfinished") && last.contains("–"), last);
        assertEquals(0, run("sessions", "show", "3", "--data-dir", dataDir()));
        assertTrue(out.toString().contains("status    unfinished"), out.toString());
        assertTrue(out.toString().contains("samples   1"), out.toString());
    }

    private Path store() {
        return store;
    }

    @Test
    void listWithoutAStoreSaysThatNothingWasRecordedAndCreatesNothing() {
        Path empty = dir.resolve("empty");
        assertEquals(0, run("sessions", "list", "--data-dir", empty.toString()));
        assertTrue(out.toString().contains("No sessions recorded yet"), out.toString());
        assertFalse(Files.exists(empty));
    }

    @Test
    void showPrintsTheSummaryLimitsAndAlarms() {
        assertEquals(0, run("sessions", "show", "1", "--data-dir", dataDir()));
        String shown = out.toString();
        assertTrue(shown.contains("Session 1: morning: gentle inversion"), shown);
        assertTrue(shown.contains("maxAngleDeg = 45.0°, set by profile: your beginner profile"), shown);
        assertTrue(shown.contains("raised at 0:02.5: MEDIUM ANGLE_APPROACHING_LIMIT"), shown);
        assertTrue(shown.contains("samples   600"), shown);
    }

    @Test
    void anUnknownSessionIdIsBadInputWithExitCodeTwo() {
        assertEquals(HangtimeCommand.EXIT_BAD_INPUT, run("sessions", "show", "42", "--data-dir", dataDir()));
        assertTrue(err.toString().contains("no session 42 in " + store), err.toString());
        assertEquals(HangtimeCommand.EXIT_BAD_INPUT,
                run("sessions", "export", "42", "--format", "csv", "--out", dir.resolve("x.csv").toString(),
                        "--data-dir", dataDir()));
        assertFalse(Files.exists(dir.resolve("x.csv")), "nothing is written for an unknown session");
    }

    @Test
    void exportWritesTheFilesAndRefusesToOverwriteWithoutForce() throws Exception {
        Path report = dir.resolve("report.html");
        assertEquals(0, run("sessions", "export", "--all", "--format", "html", "--out", report.toString(),
                "--data-dir", dataDir()));
        assertTrue(out.toString().contains("wrote " + report), out.toString());
        byte[] first = Files.readAllBytes(report);

        assertEquals(HangtimeCommand.EXIT_BAD_INPUT, run("sessions", "export", "1", "--format", "json",
                "--out", report.toString(), "--data-dir", dataDir()));
        assertTrue(err.toString().contains("already exists; add --force"), err.toString());
        assertArrayEquals(first, Files.readAllBytes(report));

        assertEquals(0, run("sessions", "export", "1", "--format", "json", "--out", report.toString(), "--force",
                "--data-dir", dataDir()));
        assertTrue(Files.readString(report, StandardCharsets.UTF_8).startsWith("{\"format\":\"hangtime-sessions\""));
    }

    @Test
    void exportIntoADirectoryThatDoesNotExistIsBadInput() {
        Path out = dir.resolve("nowhere").resolve("s.csv");
        assertEquals(HangtimeCommand.EXIT_BAD_INPUT, run("sessions", "export", "1", "--format", "csv",
                "--out", out.toString(), "--data-dir", dataDir()));
        assertTrue(err.toString().contains(dir.resolve("nowhere") + " does not exist"), err.toString());
    }

    @Test
    void exportNeedsEitherAnIdOrAllButNotBoth() {
        assertEquals(HangtimeCommand.EXIT_BAD_INPUT, run("sessions", "export", "--format", "csv",
                "--out", dir.resolve("a.csv").toString(), "--data-dir", dataDir()));
        assertEquals(HangtimeCommand.EXIT_BAD_INPUT, run("sessions", "export", "1", "--all", "--format", "csv",
                "--out", dir.resolve("a.csv").toString(), "--data-dir", dataDir()));
    }

    @Test
    void aCorruptStoreIsNamedWithExitCodeOneAndLeftAsItWas() throws Exception {
        byte[] garbage = "not a database at all\n".repeat(300).getBytes(StandardCharsets.US_ASCII);
        Files.write(store, garbage);
        assertEquals(HangtimeCommand.EXIT_FAILURE, run("sessions", "list", "--data-dir", dataDir()));
        assertTrue(err.toString().contains(store + " is not an SQLite database"), err.toString());
        assertArrayEquals(garbage, Files.readAllBytes(store));
    }

    @Test
    void theDataDirectoryComesFromTheOptionBeforeAnythingElse() {
        assertEquals(0, run("sessions", "list", "--last", "1", "--data-dir", dataDir()));
        assertEquals(2, out.toString().split("\\R").length, "header and the latest session");
        assertTrue(out.toString().contains("aborted"), out.toString());
    }

    @Test
    void thinningOldSessionsKeepsSummariesAndADecimatedTrace() {
        assertEquals(0, run("sessions", "thin", "--older-than", "1d", "--keep-every", "10", "--data-dir", dataDir()));
        assertTrue(out.toString().startsWith("thinned 2 sessions"), out.toString());
        try (SessionArchive archive = SessionArchive.openReadOnly(store)) {
            var session = archive.session(1);
            assertEquals(600, session.samplesRecorded());
            assertEquals(10, session.samplesKeptEvery());
            // every 10th (60), the last one, and those within 2 s of the alarm at +2.5 s and +4 s (0.5..6 s)
            long nearAlarms = java.util.stream.LongStream.range(0, 600)
                    .filter(i -> i * 20 >= 500 && i * 20 <= 6_000 && i % 10 != 0).count();
            assertEquals(60 + 1 + nearAlarms, session.sampleCount());
            assertEquals(session.sampleCount(), archive.samples(1).size());
            assertEquals(181_000, session.summary().orElseThrow().totalTimeInvertedMs(), "the summary is kept");
            assertEquals(2, archive.alarmEvents(1).size(), "the alarms are kept");
        }
        assertEquals(HangtimeCommand.EXIT_BAD_INPUT,
                run("sessions", "thin", "--older-than", "yesterday", "--keep-every", "10", "--data-dir", dataDir()));
    }
}
