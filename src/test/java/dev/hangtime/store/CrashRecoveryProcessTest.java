package dev.hangtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise with a real crash: a child process records samples at 50 Hz and is killed
 * with SIGKILL mid-session. Every sample it had recorded more than 100 ms before the kill must be in
 * the file, equal to what the generator produced, and the next open must mark the session interrupted
 * with a summary recomputed from those samples.
 */
@Tag("slow")
class CrashRecoveryProcessTest {

    private static final int SAMPLES_BEFORE_KILL = 200; // 4 s at 50 Hz: well into the hold at 40°
    private static final long COMMIT_DEADLINE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    @TempDir
    Path dir;

    @Test
    void everySampleRecordedMoreThan100MsBeforeAKillMinus9IsInTheFileAndTheSessionIsRecovered() throws Exception {
        Path file = dir.resolve("hangtime.db");
        long startMs = TestSessions.START.toEpochMilli();
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CrashRecordingMain.class.getName(), file.toString(), Long.toString(startMs))
                .redirectError(dir.resolve("child-stderr.txt").toFile())
                .start();

        // when (parent's nanoTime) each "recorded N" line was read: no earlier than the child recorded it
        Map<Long, Long> recordedSeenAt = new ConcurrentHashMap<>();
        AtomicLong durableReported = new AtomicLong();
        CountDownLatch enoughRecorded = new CountDownLatch(SAMPLES_BEFORE_KILL);
        Thread reader = new Thread(() -> readChild(child, recordedSeenAt, durableReported, enoughRecorded),
                "crash-test-child-output");
        reader.start();
        long killedAt;
        try {
            if (!enoughRecorded.await(60, TimeUnit.SECONDS)) {
                fail("the child recorded only " + recordedSeenAt.size() + " samples in 60 s; its stderr: "
                        + Files.readString(dir.resolve("child-stderr.txt")));
            }
        } finally {
            killedAt = System.nanoTime();
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close()
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertTrue(child.exitValue() != 0, "killed, not exited");

        List<RecoveredSession> recovered;
        try (SessionStore store = SessionStore.open(file)) {
            recovered = store.recovered();
        }
        assertEquals(1, recovered.size(), "the session the kill cut short");
        long sessionId = recovered.get(0).sessionId();

        try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
            List<StoredSample> stored = archive.samples(sessionId);
            for (int i = 0; i < stored.size(); i++) {
                // a prefix of the generator's output, field for field, nothing out of order or invented
                SessionStoreTest.assertSameSample(i, TestSessions.sample(i, startMs), stored.get(i));
            }
            long mustBeDurable = recordedSeenAt.entrySet().stream()
                    .filter(e -> killedAt - e.getValue() > COMMIT_DEADLINE_NANOS)
                    .mapToLong(Map.Entry::getKey).max().orElse(-1) + 1;
            assertTrue(mustBeDurable >= SAMPLES_BEFORE_KILL - 10, "the check covers most samples: " + mustBeDurable);
            assertTrue(stored.size() >= mustBeDurable, "samples recorded > 100 ms before the kill: " + mustBeDurable
                    + ", in the file: " + stored.size());
            assertTrue(stored.size() >= durableReported.get(), "every sample reported durable is in the file");

            StoredSession session = archive.session(sessionId);
            assertEquals(SessionStatus.INTERRUPTED, session.status());
            assertEquals(stored.size(), session.sampleCount());
            StoredSummary summary = session.summary().orElseThrow();
            assertEquals(StoredSummary.RECOMPUTED, summary.source());
            // inverted from sample 25 (10°) to the last stored one, 20 ms per interval
            assertEquals((stored.size() - 1 - 25) * TestSessions.PERIOD_MS, summary.totalTimeInvertedMs());
            assertEquals(1, summary.inversions());
            assertTrue(summary.withinLimits());
            assertEquals(stored.get(stored.size() - 1).receivedAtMs(), session.endedAt().orElseThrow().toEpochMilli());
        }
        assertFalse(WriterLock.isHeld(file), "the dead child's lock is gone");
    }

    private static void readChild(Process child, Map<Long, Long> recordedSeenAt, AtomicLong durableReported,
                                  CountDownLatch enoughRecorded) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                long now = System.nanoTime();
                if (line.startsWith("recorded ")) {
                    recordedSeenAt.put(Long.parseLong(line.substring(9)), now);
                    enoughRecorded.countDown();
                } else if (line.startsWith("durable ")) {
                    durableReported.accumulateAndGet(Long.parseLong(line.substring(8)), Math::max);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the pipe breaks when the child is killed mid-line; what was read before stands
        }
    }
}
