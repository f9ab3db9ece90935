package dev.hangtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.Alarm;
import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.AlarmReason;
import dev.hangtime.engine.Phase;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.SessionOutcome;
import dev.hangtime.engine.TableCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("hangtime.db");
    }

    private static SessionStore open(Path file) {
        return SessionStore.open(file, Clock.fixed(Instant.parse("2025-03-01T06:40:00Z"), ZoneOffset.UTC), 2_000);
    }

    @Test
    void everythingRecordedInASessionReadsBackExactly() throws Exception {
        long startMs = TestSessions.START.toEpochMilli();
        Alarm alarm = new Alarm(AlarmReason.ANGLE_APPROACHING_LIMIT, AlarmPriority.MEDIUM,
                "Ease back: 41° is close to your 45° limit", startMs + 2_500);
        long sessionId;
        try (SessionStore store = open(file())) {
            SessionRecorder recorder = store.beginSession(TestSessions.start(TestSessions.START));
            sessionId = recorder.sessionId();
            recorder.recordStateChange(Phase.READY, Phase.INVERTING, startMs);
            recorder.recordCommand(new TableCommand.PushLimits(45.0, 180, 1_000), "SUCCESS", startMs + 1);
            recorder.recordCommand(new TableCommand.StartSession(), "SUCCESS", startMs + 2);
            for (int i = 0; i < 500; i++) {
                recorder.recordSample(TestSessions.sample(i, startMs));
            }
            recorder.recordAlarmRaised(alarm, startMs + 2_500);
            recorder.recordAlarmCleared(alarm, startMs + 4_000);
            recorder.recordCommand(new TableCommand.SoundAlarm(AlarmPriority.MEDIUM), "NOT_SUPPORTED", startMs + 2_501);
            recorder.recordStateChange(Phase.INVERTING, Phase.HOLDING, startMs + 2_000);
            recorder.finish(TestSessions.summary(SessionOutcome.COMPLETE, startMs, startMs + 10_000))
                    .get(10, TimeUnit.SECONDS);
        }

        try (SessionArchive archive = SessionArchive.openReadOnly(file())) {
            StoredSession session = archive.session(sessionId);
            assertEquals(SessionStatus.COMPLETE, session.status());
            assertEquals("morning: gentle inversion", session.routineName());
            assertEquals("beginner, week 1 of 2", session.profileSummary());
            assertEquals(TestSessions.START, session.startedAt());
            assertEquals(Instant.ofEpochMilli(startMs + 10_000), session.endedAt().orElseThrow());
            assertEquals(500, session.sampleCount());
            assertEquals(new StoredSummary(181_000, 41_000, 140_000, 0, 40.37, 1, 2, 1, 0, 3, 3, true, 0, 0,
                    StoredSummary.ENGINE), session.summary().orElseThrow());

            List<StoredSample> samples = archive.samples(sessionId);
            assertEquals(500, samples.size());
            for (int i = 0; i < 500; i++) {
                assertSameSample(i, TestSessions.sample(i, startMs), samples.get(i));
            }
            assertEquals(List.of(
                    new StoredLimit(StoredLimit.MAX_ANGLE, 45.0, "deg", "PROFILE", "your beginner profile (first two weeks)"),
                    new StoredLimit(StoredLimit.MAX_TIME_INVERTED, 180_000, "ms", "ROUTINE",
                            "the routine 'morning: gentle inversion'")),
                    archive.limits(sessionId));
            assertEquals(List.of(
                    new StoredAlarmEvent(startMs + 2_500, "RAISED", "ANGLE_APPROACHING_LIMIT", "MEDIUM",
                            "Ease back: 41° is close to your 45° limit", startMs + 2_500),
                    new StoredAlarmEvent(startMs + 4_000, "CLEARED", "ANGLE_APPROACHING_LIMIT", "MEDIUM",
                            "Ease back: 41° is close to your 45° limit", startMs + 2_500)),
                    archive.alarmEvents(sessionId));
            assertEquals(List.of(
                    new StoredCommand(startMs + 1, "PushLimits",
                            "{\"maxAngleDeg\":45.0,\"maxTimeInvertedS\":180,\"heartbeatTimeoutMs\":1000}", "SUCCESS"),
                    new StoredCommand(startMs + 2, "StartSession", "{}", "SUCCESS"),
                    new StoredCommand(startMs + 2_501, "SoundAlarm", "{\"priority\":\"MEDIUM\"}", "NOT_SUPPORTED")),
                    archive.commands(sessionId));
            assertEquals(List.of(new StoredStateChange(startMs, "READY", "INVERTING"),
                    new StoredStateChange(startMs + 2_000, "INVERTING", "HOLDING")), archive.stateChanges(sessionId));
        }
    }

    static void assertSameSample(long ordinal, Sample expected, StoredSample actual) {
        assertEquals(ordinal, actual.ordinal(), "ordinal");
        assertEquals(expected.sequence(), actual.sequence(), "sequence of " + ordinal);
        assertEquals(expected.deviceTimeMs(), actual.deviceTimeMs(), "deviceTimeMs of " + ordinal);
        assertEquals(expected.receivedAtMs(), actual.receivedAtMs(), "receivedAtMs of " + ordinal);
        assertEquals(expected.angleDeg(), actual.angleDeg(), "angleDeg of " + ordinal); // exact: centidegrees
        assertEquals(expected.deviceTimeInvertedMs(), actual.timeInvertedMs(), "timeInvertedMs of " + ordinal);
        assertEquals(expected.calibrated(), actual.calibrated(), "calibrated of " + ordinal);
        assertEquals(expected.userSecured(), actual.userSecured(), "userSecured of " + ordinal);
        assertEquals(expected.motorised(), actual.motorised(), "motorised of " + ordinal);
        assertEquals(expected.sensorFault(), actual.sensorFault(), "sensorFault of " + ordinal);
    }

    @Test
    void anAngleThatIsNotANumberIsKeptAsNoAngleAndTheRestOfTheSampleSurvives() throws Exception {
        long startMs = TestSessions.START.toEpochMilli();
        Sample faulty = new Sample(7, 1_000, startMs + 140, Double.NaN, 0, true, true, false, true);
        Sample infinite = new Sample(8, 1_020, startMs + 160, Double.POSITIVE_INFINITY, 0, true, true, false, false);
        long id;
        try (SessionStore store = open(file())) {
            SessionRecorder recorder = store.beginSession(TestSessions.start(TestSessions.START));
            id = recorder.sessionId();
            recorder.recordSample(faulty);
            recorder.recordSample(infinite);
            recorder.flush().get(10, TimeUnit.SECONDS);
        }
        try (SessionArchive archive = SessionArchive.openReadOnly(file())) {
            List<StoredSample> samples = archive.samples(id);
            assertTrue(Double.isNaN(samples.get(0).angleDeg()));
            assertTrue(samples.get(0).sensorFault());
            assertEquals(startMs + 140, samples.get(0).receivedAtMs());
            assertTrue(Double.isNaN(samples.get(1).angleDeg()));
            assertEquals(8, samples.get(1).sequence());
        }
    }

    @Test
    void durabilityListenersHearOfEverySampleInOrderAndOnlyOnceItIsReadable() throws Exception {
        long startMs = TestSessions.START.toEpochMilli();
        List<Long> reported = new CopyOnWriteArrayList<>();
        List<Sample> lastReported = new CopyOnWriteArrayList<>();
        List<Long> readableWhenReported = new CopyOnWriteArrayList<>();
        try (SessionStore store = open(file());
             SessionArchive reader = SessionArchive.openReadOnly(file())) {
            SessionRecorder recorder = store.beginSession(TestSessions.start(TestSessions.START));
            recorder.addDurabilityListener((r, durable, last) -> {
                reported.add(durable);
                lastReported.add(last);
                // durable means committed: another connection can read it at this very moment
                readableWhenReported.add((long) reader.samples(r.sessionId()).size());
            });
            for (int i = 0; i < 2_000; i++) {
                recorder.recordSample(TestSessions.sample(i, startMs));
            }
            recorder.flush().get(10, TimeUnit.SECONDS);
            assertEquals(2_000, recorder.durableSamples());
            assertEquals(TestSessions.sample(1_999, startMs), recorder.lastDurableSample().orElseThrow());
        }
        assertFalse(reported.isEmpty());
        for (int i = 0; i < reported.size(); i++) {
            if (i > 0) {
                assertTrue(reported.get(i) > reported.get(i - 1), "counts only grow: " + reported);
            }
            assertEquals(TestSessions.sample(reported.get(i) - 1, startMs), lastReported.get(i));
            assertTrue(readableWhenReported.get(i) >= reported.get(i), "reported durable before it was readable");
        }
        assertEquals(2_000L, reported.get(reported.size() - 1));
    }

    @Test
    void theWritersStatisticsCountEveryCommittedSample() throws Exception {
        try (SessionStore store = open(file())) {
            SessionRecorder recorder = store.beginSession(TestSessions.start(TestSessions.START));
            for (int i = 0; i < 1_000; i++) {
                recorder.recordSample(TestSessions.sample(i, TestSessions.START.toEpochMilli()));
            }
            recorder.flush().get(10, TimeUnit.SECONDS);
            StoreStats stats = store.stats();
            assertEquals(1_000, stats.samplesCommitted());
            assertTrue(stats.opsCommitted() >= 1_001, "the session row and the samples: " + stats);
            assertTrue(stats.commits() >= 1 && stats.commits() <= stats.opsCommitted(), stats.toString());
            assertTrue(stats.largestBatch() <= StoreWriter.MAX_BATCH, stats.toString());
            assertTrue(stats.samplesLate() <= stats.samplesCommitted(), stats.toString());
            assertEquals(0, stats.failedAttempts());
            assertEquals(0, stats.pending());
        }
    }

    @Test
    void aFailingWriteIsReportedAndRetriedUntilItSucceedsWithNothingLost() throws Exception {
        long startMs = TestSessions.START.toEpochMilli();
        String sampleTable = Schema.MIGRATIONS.get(0).statements().stream()
                .filter(sql -> sql.startsWith("CREATE TABLE sample")).findFirst().orElseThrow();
        CountDownLatch failedTwice = new CountDownLatch(2);
        List<String> failures = new CopyOnWriteArrayList<>();
        try (SessionStore store = open(file());
             java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file());
             java.sql.Statement statement = other.createStatement()) {
            store.addFailureListener((failure, attempt) -> {
                failures.add(attempt + ": " + failure.getMessage());
                failedTwice.countDown();
            });
            SessionRecorder recorder = store.beginSession(TestSessions.start(TestSessions.START));
            recorder.recordSample(TestSessions.sample(0, startMs));
            recorder.flush().get(10, TimeUnit.SECONDS);

            statement.execute("DROP TABLE sample"); // every insert now fails, as on a broken disk
            recorder.recordSample(TestSessions.sample(1, startMs));
            recorder.recordSample(TestSessions.sample(2, startMs));
            assertTrue(failedTwice.await(30, TimeUnit.SECONDS), "the failure was reported: " + failures);
            assertEquals(1, recorder.durableSamples(), "not durable while failing");

            statement.execute(sampleTable); // the disk is back
            statement.execute("INSERT INTO sample VALUES (" + recorder.sessionId() + ", 0, 0, 3600000, 0, 0, 0, 7)");
            try {
                recorder.flush().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("still failing: " + failures.subList(Math.max(0, failures.size() - 3), failures.size()), e);
            }
            assertEquals(3, recorder.durableSamples());
            assertTrue(store.stats().failedAttempts() >= 2);
        }
        assertTrue(failures.get(0).startsWith("1: cannot write to " + file()), failures.get(0));
        try (SessionArchive archive = SessionArchive.openReadOnly(file())) {
            List<StoredSample> samples = archive.samples(1);
            assertEquals(3, samples.size());
            assertSameSample(2, TestSessions.sample(2, startMs), samples.get(2));
        }
    }

    @Test
    void sessionIdsKeepRisingAcrossReopens() {
        long first;
        long second;
        try (SessionStore store = open(file())) {
            first = store.beginSession(TestSessions.start(TestSessions.START)).sessionId();
        }
        try (SessionStore store = open(file())) {
            second = store.beginSession(TestSessions.start(TestSessions.START.plusSeconds(3_600))).sessionId();
        }
        assertTrue(second > first, first + " then " + second);
    }

    @Test
    void aSecondWriterOnTheSameFileIsRefusedWhileTheFirstIsOpen() {
        try (SessionStore first = open(file())) {
            assertEquals(file(), first.file());
            StoreException refused = assertThrows(StoreException.class, () -> open(file()));
            assertEquals(StoreException.Problem.IN_USE, refused.problem());
            assertTrue(refused.getMessage().contains(file().toString()), refused.getMessage());
            assertTrue(WriterLock.isHeld(file()));
        }
        assertFalse(WriterLock.isHeld(file()));
        open(file()).close(); // free again once the first is closed
    }

    @Test
    void nothingCanBeRecordedAfterTheSessionIsFinished() throws Exception {
        try (SessionStore store = open(file())) {
            SessionRecorder recorder = store.beginSession(TestSessions.start(TestSessions.START));
            long startMs = TestSessions.START.toEpochMilli();
            recorder.finish(TestSessions.summary(SessionOutcome.ABORTED, startMs, startMs + 1_000))
                    .get(10, TimeUnit.SECONDS);
            assertThrows(IllegalStateException.class, () -> recorder.recordSample(TestSessions.sample(0, startMs)));
            assertThrows(IllegalArgumentException.class, () -> store.beginSession(TestSessions.start(TestSessions.START))
                    .finish(TestSessions.summary(SessionOutcome.IN_PROGRESS, startMs, -1)));
        }
    }

    @Test
    void aFinishWithoutAnEndTimeIsStampedWithTheStoreClock() throws Exception {
        long id;
        try (SessionStore store = open(file())) {
            SessionRecorder recorder = store.beginSession(TestSessions.start(TestSessions.START));
            id = recorder.sessionId();
            long startMs = TestSessions.START.toEpochMilli();
            recorder.finish(TestSessions.summary(SessionOutcome.IN_PROGRESS, startMs, -1), SessionOutcome.INTERRUPTED)
                    .get(10, TimeUnit.SECONDS);
        }
        try (SessionArchive archive = SessionArchive.openReadOnly(file())) {
            StoredSession session = archive.session(id);
            assertEquals(SessionStatus.INTERRUPTED, session.status());
            assertEquals(Instant.parse("2025-03-01T06:40:00Z"), session.endedAt().orElseThrow());
        }
    }

    @Test
    void closingCommitsEverythingQueuedEvenWithoutAFlush() {
        long startMs = TestSessions.START.toEpochMilli();
        long id;
        try (SessionStore store = open(file())) {
            SessionRecorder recorder = store.beginSession(TestSessions.start(TestSessions.START));
            id = recorder.sessionId();
            for (int i = 0; i < 30_000; i++) {
                recorder.recordSample(TestSessions.sample(i, startMs));
            }
        }
        try (SessionArchive archive = SessionArchive.openReadOnly(file())) {
            assertEquals(30_000, archive.session(id).sampleCount());
            List<Long> ordinals = new ArrayList<>();
            archive.samples(id).forEach(s -> ordinals.add(s.ordinal()));
            assertEquals(30_000, ordinals.size());
            assertEquals(29_999L, ordinals.get(29_999));
        }
    }
}
