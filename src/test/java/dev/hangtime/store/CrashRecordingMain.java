package dev.hangtime.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The child process of {@link CrashRecoveryProcessTest}: records {@link TestSessions} samples at 50 Hz
 * into the store at {@code args[0]} (session start {@code args[1]} ms) until it is killed, printing
 * "recorded N" as each sample is handed to the store and "durable N" as the store reports commits.
 */
public final class CrashRecordingMain {

    private CrashRecordingMain() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        long startMs = Long.parseLong(args[1]);
        PrintStream out = System.out;
        SessionStore store = SessionStore.open(file);
        SessionRecorder recorder = store.beginSession(TestSessions.start(Instant.ofEpochMilli(startMs)));
        recorder.addDurabilityListener((session, durable, last) -> {
            synchronized (out) {
                out.println("durable " + durable);
                out.flush();
            }
        });
        long nextNanos = System.nanoTime();
        for (long i = 0; ; i++) {
            recorder.recordSample(TestSessions.sample(i, startMs));
            synchronized (out) {
                out.println("recorded " + i);
                out.flush();
            }
            nextNanos += TestSessions.PERIOD_MS * 1_000_000;
            LockSupport.parkNanos(nextNanos - System.nanoTime()); // pacing the generator at 50 Hz
        }
    }
}
