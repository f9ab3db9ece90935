package dev.hangtime.store;

import dev.hangtime.engine.Sample;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One unit of work for the {@link StoreWriter} thread. Recorders turn the engine's records into these on
 * the caller's thread (cheap, no I/O); the writer turns them into rows in batches.
 */
sealed interface WriteOp {

    /** {@link System#nanoTime()} when the op was queued: the start of its commit latency. */
    long enqueuedNanos();

    record BeginSession(long sessionId, long startedAtMs, String routineName, String profileSummary,
                        String deviceDescription, List<StoredLimit> limits, long enqueuedNanos) implements WriteOp {
    }

    record SampleWrite(SessionRecorder recorder, long ordinal, Sample sample, long enqueuedNanos) implements WriteOp {
    }

    record AlarmWrite(long sessionId, long atMs, String transition, String reason, String priority, String message,
                      long raisedAtMs, long enqueuedNanos) implements WriteOp {
    }

    record CommandWrite(long sessionId, long atMs, String command, String argumentsJson, String result,
                        long enqueuedNanos) implements WriteOp {
    }

    record StateChangeWrite(long sessionId, long atMs, String fromPhase, String toPhase, long enqueuedNanos)
            implements WriteOp {
    }

    /**
     * Ends the session: status, summary, end time and sample count in the session row. Queued after the
     * session's last sample, so {@code sampleCount} samples are in this batch or an earlier one.
     */
    record FinishSession(SessionRecorder recorder, long endedAtMs, SessionStatus status, StoredSummary summary,
                         long sampleCount, long enqueuedNanos) implements WriteOp {
    }

    /** Completes when everything queued before it is committed. */
    record Barrier(CompletableFuture<Void> committed, long enqueuedNanos) implements WriteOp {
    }

    /** The last op: the writer commits what came before and stops. */
    record Shutdown(long enqueuedNanos) implements WriteOp {
    }
}
