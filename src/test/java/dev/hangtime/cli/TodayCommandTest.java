package dev.hangtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.SessionOutcome;
import dev.hangtime.engine.SessionSummary;
import dev.hangtime.store.SessionRecorder;
import dev.hangtime.store.SessionStart;
import dev.hangtime.store.SessionStore;
import dev.hangtime.store.TestSessions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TodayCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return HangtimeCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZoneId.systemDefault()).toInstant();
    }

    /** A finished session of the named routine (or guided timer) at a local time. */
    private void recorded(String routine, String startedAt, long timeInvertedMs) throws Exception {
        Instant start = local(startedAt);
        try (SessionStore store = SessionStore.open(dir.resolve("data").resolve("hangtime.db"))) {
            SessionRecorder recorder = store.beginSession(new SessionStart(routine, "regular", TestSessions.limits(),
                    "sim", start));
            long startMs = start.toEpochMilli();
            recorder.finish(new SessionSummary(SessionOutcome.COMPLETE, startMs, startMs + 240_000, timeInvertedMs,
                    timeInvertedMs, 0, 0, 25.0, timeInvertedMs > 0 ? 1 : 0, 0, 0, 0, 4, 4, true, 0, 0))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    private int today(String at) {
        return run("today", "--at", at, "--data-dir", dir.resolve("data").toString(),
                "--config-dir", dir.resolve("config").toString());
    }

    @Test
    void theStretchesAndTheMorningSessionDoneMakeTheEveningNext() throws Exception {
        recorded("wake-stretches", "2025-03-01T06:40", 0);
        recorded("morning", "2025-03-01T07:30", 200_000);
        recorded("evening", "2025-02-28T20:00", 150_000); // yesterday: not today's

        assertEquals(0, today("2025-03-01T14:00"));
        String plan = out.toString();
        assertTrue(plan.startsWith("Today, Saturday 1 March 2025 (as of 14:00)"), plan);
        assertTrue(plan.contains("[x] Upon waking: bed stretches (2–3 min, off the table): done at 06:40"), plan);
        assertTrue(plan.contains("[x] Morning: gentle inversion (3–5 min on the table): done at 07:30"), plan);
        assertTrue(plan.contains("[>] Evening: breathing and decompression (2–3 min on the table): next, from 16:00: "
                + "hangtime run --routine evening"), plan);
        assertTrue(plan.contains("Table sessions: 2 of 3 sessions left today."), plan);
    }

    @Test
    void aMorningWithoutItsSessionIsMissedOnceItsWindowHasClosed() throws Exception {
        recorded("wake-stretches", "2025-03-01T06:40", 0);
        assertEquals(0, today("2025-03-01T13:30"));
        String plan = out.toString();
        assertTrue(plan.contains("[-] Morning: gentle inversion (3–5 min on the table): missed (05:00–13:00)"), plan);
        assertTrue(plan.contains("[>] Evening"), plan);
    }

    @Test
    void withNothingRecordedTheFirstActivityIsNextAndNoStoreIsCreated() {
        assertEquals(0, today("2025-03-01T06:00"));
        String plan = out.toString();
        assertTrue(plan.contains("[>] Upon waking: bed stretches (2–3 min, off the table): next: the guided timer "
                + "'wake-stretches'"), plan);
        assertTrue(plan.contains("[ ] Morning: gentle inversion"), plan);
        assertTrue(plan.contains("No profile yet"), plan);
        assertTrue(!java.nio.file.Files.exists(dir.resolve("data")), "reading the plan creates no store");
    }

    @Test
    void aTimeThatCannotBeReadIsBadInput() {
        assertEquals(HangtimeCommand.EXIT_BAD_INPUT, today("tomorrow morning"));
        assertTrue(err.toString().contains("--at tomorrow morning is not a local date and time"), err.toString());
    }
}
