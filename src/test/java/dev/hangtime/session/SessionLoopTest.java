package dev.hangtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.EngineConfig;
import dev.hangtime.engine.ProfileLimits;
import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineLimits;
import dev.hangtime.engine.RoutineStep;
import dev.hangtime.engine.SessionOutcome;
import dev.hangtime.engine.TableCommand;
import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.SessionStatus;
import dev.hangtime.store.SessionStore;
import dev.hangtime.store.StoredSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session loop driven by hand from the test thread: a fake table, a manual session clock and
 * a manual host clock, and a real store in a temporary directory.
 */
class SessionLoopTest {

    /** Tilt to 20–30°, hold 2–3 s, rest 2 s, upright; at most 30° and 1 min inverted. */
    static Routine shortRoutine() {
        return new Routine("short", "a short test routine", new RoutineLimits(30, 60_000, Optional.empty()), List.of(
                new RoutineStep.Tilt(20, 30, ""),
                new RoutineStep.Hold(2_000, 3_000, ""),
                new RoutineStep.Rest(2_000, ""),
                new RoutineStep.Upright("")));
    }

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final FakeTable table = new FakeTable(clock);
    private final List<DisplaySnapshot> shown = new CopyOnWriteArrayList<>();
    private long hostNanos = 5_000_000_000L;
    private SessionStore store;
    private SessionLoop loop;

    @BeforeEach
    void open() {
        store = SessionStore.open(dir.resolve("hangtime.db"));
        loop = new SessionLoop(EngineConfig.of(shortRoutine(), ProfileLimits.none()), table, clock,
                new SessionLoop.Settings(100, 1, true), store,
                new SessionLoop.Description("short", "no profile", "fake table", false), List.of(shown::add),
                () -> hostNanos);
        loop.begin();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Time moves on by one sample period; a sample at {@code angleDeg} arrives and is handled. */
    private int sampleAt(double angleDeg) {
        clock.advance(100);
        hostNanos += TimeUnit.MILLISECONDS.toNanos(100);
        int seq = table.sample(angleDeg);
        loop.processQueued();
        return seq;
    }

    private int delivered;

    /** {@code count} samples moving linearly between two angles; none once the session has ended. */
    private void samples(double fromDeg, double toDeg, int count) {
        for (int i = 1; i <= count && !loop.result().isDone(); i++) {
            sampleAt(fromDeg + (toDeg - fromDeg) * i / count);
            delivered++;
        }
    }

    private DisplaySnapshot latest() {
        return shown.get(shown.size() - 1);
    }

    /** Waits for the store to commit what it has (a future, no sleep), then lets the loop hear of it. */
    private void diskCatchesUp() throws Exception {
        loop.recorder().flush().get(10, TimeUnit.SECONDS);
        hostNanos += TimeUnit.MILLISECONDS.toNanos(10); // past the display's rate limit
        loop.processQueued();
    }

    @Test
    void screensShowTheRoutineAndItsLimitsBeforeTheTableAnswers() {
        DisplaySnapshot first = shown.get(0);
        assertEquals("IDLE", first.phase());
        assertEquals("no reading yet", first.angleWithheld());
        assertNull(first.angleDeg());
        assertEquals("Angle", first.limits().get(0).name());
        assertEquals("30°", first.limits().get(0).value());
        assertEquals("the routine 'short'", first.limits().get(0).source());
    }

    @Test
    void sampleIsShownOnlyOnceTheStoreHasCommittedIt() throws Exception {
        table.connect();
        loop.processQueued();
        int seq = sampleAt(0);
        boolean shownBeforeDisk = shown.stream().anyMatch(s -> Long.valueOf(seq).equals(s.sampleSeq()));
        diskCatchesUp();
        DisplaySnapshot after = latest();
        assertEquals(Long.valueOf(seq), after.sampleSeq());
        assertEquals(0.0, after.angleDeg());
        assertTrue(store.stats().samplesCommitted() >= 1);
        // shown early only if the store took longer than its 100 ms bound (it had no time here)
        assertFalse(shownBeforeDisk, "the sample was shown before it was committed");
    }

    @Test
    void sampleTheDiskHasNotConfirmedIsShownAfterOneHundredMillisecondsAtTheLatest() {
        table.connect();
        loop.processQueued();
        store.addFailureListener((failure, attempt) -> { });
        int seq = sampleAt(0);
        long shownBefore = shown.stream().filter(s -> Long.valueOf(seq).equals(s.sampleSeq())).count();
        hostNanos += TimeUnit.MILLISECONDS.toNanos(SessionLoop.DISPLAY_WAIT_FOR_DISK_MS);
        loop.processQueued();
        if (shownBefore == 0) {
            assertEquals(Long.valueOf(seq), latest().sampleSeq(), "a display never freezes waiting for the disk");
        }
    }

    @Test
    void routineStartsWhenTheUserIsReadyAndCompletesThroughTheReturn() throws Exception {
        table.connect();
        samples(0, 0, 15);
        assertEquals(1, table.count(TableCommand.StartSession.class), "auto-start once ready: " + table.commands);
        samples(0, 25, 25);
        samples(25, 25, 35);
        samples(25, 0, 25);
        samples(0, 0, 30);
        samples(0, -60, 30);
        assertTrue(loop.result().isDone(), "the session ended; last phase " + latest().phase());
        SessionLoop.Result result = loop.result().get();
        assertEquals(SessionOutcome.COMPLETE, result.outcome());
        assertTrue(result.lines().get(0).startsWith("Time inverted "), result.lines().toString());
        DisplaySnapshot last = latest();
        assertTrue(last.ended());
        assertEquals(result.lines(), last.summary());
        try (SessionArchive archive = SessionArchive.openReadOnly(store.file())) {
            StoredSession session = archive.session(result.sessionId());
            assertEquals(SessionStatus.COMPLETE, session.status());
            assertEquals(delivered, session.sampleCount(), "every sample the table sent is in the record");
            assertTrue(archive.commands(result.sessionId()).stream().anyMatch(c -> c.command().contains("StartSession")
                    || c.command().contains("START")), archive.commands(result.sessionId()).toString());
            assertFalse(archive.stateChanges(result.sessionId()).isEmpty());
        }
    }

    @Test
    void overTheLimitTheHighAlarmIsShownAtOnceAndRecorded() throws Exception {
        table.connect();
        samples(0, 0, 15);
        samples(0, 25, 10);
        int before = shown.size();
        sampleAt(34); // past the 30° limit (and faster than a person moves: two reasons for HIGH)
        assertTrue(shown.size() > before, "an alarm does not wait for the disk");
        DisplaySnapshot alarmed = latest();
        assertEquals("HIGH", alarmed.topAlarm().priority());
        assertEquals("HIGH", alarmed.sounding());
        assertFalse(alarmed.topAlarm().acknowledgeable());
        diskCatchesUp();
        loop.abort("test over");
        loop.processQueued();
        loop.result().get(10, TimeUnit.SECONDS);
        try (SessionArchive archive = SessionArchive.openReadOnly(store.file())) {
            long id = loop.result().get().sessionId();
            assertTrue(archive.alarmEvents(id).stream().anyMatch(a -> a.priority().equals("HIGH")),
                    archive.alarmEvents(id).toString());
        }
    }

    @Test
    void ctrlCRecordsTheSessionAbortedAndStandsTheTableDownWhenTheUserIsNotInverted() throws Exception {
        table.connect();
        samples(0, 0, 15);
        loop.abort("Ctrl-C");
        loop.processQueued();
        SessionLoop.Result result = loop.result().get(10, TimeUnit.SECONDS);
        assertEquals(SessionOutcome.ABORTED, result.outcome());
        assertTrue(table.commands.contains(new TableCommand.StopSession()), table.commands.toString());
        assertTrue(latest().ended());
        assertFalse(loop.request(SessionControl.Request.START), "an ended session takes no requests");
        try (SessionArchive archive = SessionArchive.openReadOnly(store.file())) {
            assertEquals(SessionStatus.ABORTED, archive.session(result.sessionId()).status());
        }
    }

    @Test
    void ctrlCWhileInvertedLeavesTheTableArmedSoItsWatchdogSounds() throws Exception {
        table.connect();
        samples(0, 0, 15);
        samples(0, 25, 25);
        int stopsBefore = (int) table.count(TableCommand.StopSession.class);
        loop.abort("Ctrl-C");
        loop.processQueued();
        assertEquals(SessionOutcome.ABORTED, loop.result().get(10, TimeUnit.SECONDS).outcome());
        assertEquals(stopsBefore, table.count(TableCommand.StopSession.class));
    }

    @Test
    void lostLinkWithholdsTheAngleAndSaysWhy() {
        table.connect();
        samples(0, 0, 3);
        table.linkDown("cable unplugged");
        hostNanos += TimeUnit.MILLISECONDS.toNanos(SessionLoop.DISPLAY_WAIT_FOR_DISK_MS);
        loop.processQueued();
        DisplaySnapshot down = latest();
        assertNull(down.angleDeg());
        assertEquals("link lost", down.angleWithheld());
        assertEquals("lost: cable unplugged", down.link());
    }

    @Test
    void stopFromADisplayReachesTheEngine() throws Exception {
        table.connect();
        samples(0, 0, 15);
        samples(0, 25, 25);
        assertTrue(loop.request(SessionControl.Request.STOP));
        diskCatchesUp();
        assertEquals("RETURNING", latest().phase(), latest().instruction());
        assertNotNull(latest().notice());
    }
}
