package dev.hangtime.store;

/**
 * What the writer thread has done so far, for metrics and the benchmark.
 *
 * @param commits                 transactions committed
 * @param samplesCommitted        samples made durable
 * @param opsCommitted            all records made durable (samples, alarms, commands, ...)
 * @param maxCommitLatencyNanos   longest time from a record call to the commit that made it durable
 * @param samplesLate             samples committed more than {@link #COMMIT_DEADLINE_MS} ms after they
 *                                were recorded (docs/STORE.md "Durability": the promise is zero)
 * @param largestBatch            most records committed in one transaction
 * @param failedAttempts          transactions that failed and were retried
 * @param pending                 records queued and not yet committed
 */
public record StoreStats(long commits, long samplesCommitted, long opsCommitted, long maxCommitLatencyNanos,
                         long samplesLate, int largestBatch, long failedAttempts, int pending) {

    /** The durability promise: a sample is committed within this many milliseconds of being recorded. */
    public static final long COMMIT_DEADLINE_MS = 100;
}
