package dev.hangtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.Alarm;
import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.AlarmReason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process recovery: a store closed with a session never finished looks to the next open like a crash. */
class SessionRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aSessionLeftInProgressIsMarkedInterruptedWithASummaryRecomputedFromItsSamples() throws Exception {
        Path file = dir.resolve("hangtime.db");
        long startMs = TestSessions.START.toEpochMilli();
        long unfinished;
        long finished;
        try (SessionStore store = SessionStore.open(file)) {
            SessionRecorder done = store.beginSession(TestSessions.start(TestSessions.START.minusSeconds(86_400)));
            finished = done.sessionId();
            done.finish(TestSessions.summary(dev.hangtime.engine.SessionOutcome.COMPLETE, startMs - 86_400_000,
                    startMs - 86_000_000)).get(10, TimeUnit.SECONDS);

            SessionRecorder recorder = store.beginSession(TestSessions.start(TestSessions.START));
            unfinished = recorder.sessionId();
            for (int i = 0; i < 400; i++) { // 8 s at 50 Hz
                recorder.recordSample(TestSessions.sample(i, startMs));
            }
            Alarm alarm = new Alarm(AlarmReason.ANGLE_LIMIT, AlarmPriority.HIGH, "Return now", startMs + 5_000);
            recorder.recordAlarmRaised(alarm, startMs + 5_000);
            recorder.flush().get(10, TimeUnit.SECONDS);
            // no finish: the process "dies" here
        }

        List<RecoveredSession> recovered;
        try (SessionStore store = SessionStore.open(file)) {
            recovered = store.recovered();
        }
        assertEquals(1, recovered.size());
        assertEquals(unfinished, recovered.get(0).sessionId());
        assertEquals(400, recovered.get(0).samples());

        try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
            StoredSession session = archive.session(unfinished);
            assertEquals(SessionStatus.INTERRUPTED, session.status());
            StoredSummary summary = session.summary().orElseThrow();
            assertEquals(StoredSummary.RECOMPUTED, summary.source());
            // TestSessions climbs 0.4° per sample: 10° is reached at sample 25, and it never comes back down,
            // so every interval from sample 25 to the last (399) counts: 374 intervals of 20 ms
            assertEquals(374 * TestSessions.PERIOD_MS, summary.totalTimeInvertedMs());
            assertEquals(1, summary.inversions());
            assertEquals(1, summary.alarmsHigh());
            assertEquals(false, summary.withinLimits());
            assertEquals(Instant.ofEpochMilli(startMs + 399 * TestSessions.PERIOD_MS), session.endedAt().orElseThrow());
            assertEquals(400, session.sampleCount());
            assertEquals(SessionStatus.COMPLETE, archive.session(finished).status(), "finished sessions are left alone");
        }
        try (SessionStore store = SessionStore.open(file)) {
            assertTrue(store.recovered().isEmpty(), "recovery happens once");
        }
    }
}
