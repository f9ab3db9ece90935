package dev.hangtime.store;

import dev.hangtime.engine.Sample;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's single writer thread, with group commit: it waits for the first queued record, takes every
 * record queued by then (up to {@value #MAX_BATCH} of them) and writes them in one transaction. At 50 Hz
 * each sample gets its own commit a few milliseconds after it was recorded; under load the batches grow,
 * so the fsync that {@code synchronous=FULL} costs per commit is shared by many records and throughput
 * rises instead of latency. docs/STORE.md "Durability" gives the measured figures.
 *
 * <p>A failed transaction is rolled back and the same batch retried with a growing pause (up to 1 s);
 * records stay queued in memory meanwhile, and {@link StoreFailureListener}s are told each time.
 */
final class StoreWriter implements Runnable {

    /** Upper bound on records per transaction, so that one commit never holds the lock for long. */
    static final int MAX_BATCH = 8192;
    private static final long MAX_RETRY_PAUSE_MS = 1_000;
    private static final int ATTEMPTS_AFTER_SHUTDOWN = 5;
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    private final Connection connection;
    private final Path file;
    private final BlockingQueue<WriteOp> queue = new LinkedBlockingQueue<>();
    private final List<StoreFailureListener> failureListeners = new CopyOnWriteArrayList<>();
    private final Thread thread;

    // prepared again after a failure: the driver may have closed them with the failed transaction
    private PreparedStatement insertSession;
    private PreparedStatement insertLimit;
    private PreparedStatement insertSample;
    private PreparedStatement insertAlarm;
    private PreparedStatement insertCommand;
    private PreparedStatement insertStateChange;
    private PreparedStatement finishSession;

    private volatile boolean accepting = true;
    private volatile boolean shuttingDown;
    // written by the writer thread only, read by stats()
    private volatile long commits;
    private volatile long samplesCommitted;
    private volatile long opsCommitted;
    private volatile long maxCommitLatencyNanos;
    private volatile long samplesLate;
    private volatile int largestBatch;
    private volatile long failedAttempts;
    private volatile long lostRecords;

    StoreWriter(Connection connection, Path file) throws SQLException {
        this.connection = connection;
        this.file = file;
        connection.setAutoCommit(false);
        prepareStatements();
        thread = new Thread(this, "hangtime-store-writer");
        // Daemon so a forgotten close() cannot keep the JVM alive; SessionStore.close() drains the queue.
        thread.setDaemon(true);
    }

    private void prepareStatements() throws SQLException {
        insertSession = connection.prepareStatement("""
                INSERT INTO session (id, started_at_ms, routine_name, profile_summary, device_description, status)
                VALUES (?, ?, ?, ?, ?, 'IN_PROGRESS')""");
        insertLimit = connection.prepareStatement(
                "INSERT INTO session_limit (session_id, name, value, unit, source, because) VALUES (?, ?, ?, ?, ?, ?)");
        insertSample = connection.prepareStatement("""
                INSERT INTO sample (session_id, ordinal, sequence, device_time_ms, received_offset_ms, angle_mdeg,
                                    time_inverted_ms, flags)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
        insertAlarm = connection.prepareStatement("""
                INSERT INTO alarm_event (session_id, at_ms, transition, reason, priority, message, raised_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)""");
        insertCommand = connection.prepareStatement(
                "INSERT INTO command_event (session_id, at_ms, command, arguments, result) VALUES (?, ?, ?, ?, ?)");
        insertStateChange = connection.prepareStatement(
                "INSERT INTO state_change (session_id, at_ms, from_phase, to_phase) VALUES (?, ?, ?, ?)");
        finishSession = connection.prepareStatement("""
                UPDATE session SET ended_at_ms = ?, status = ?, summary_source = ?, total_time_inverted_ms = ?,
                    band_0_30_ms = ?, band_30_60_ms = ?, band_60_90_ms = ?, max_angle_mdeg = ?, inversion_count = ?,
                    alarm_count_low = ?, alarm_count_medium = ?, alarm_count_high = ?, steps_completed = ?,
                    steps_total = ?, within_limits = ?, missing_samples = ?, discarded_samples = ?,
                    sample_count = ?, samples_recorded = ?
                WHERE id = ?""");
    }

    private void closeStatements() {
        for (PreparedStatement statement : new PreparedStatement[] {insertSession, insertLimit, insertSample,
                insertAlarm, insertCommand, insertStateChange, finishSession}) {
            SqliteFiles.closeQuietly(statement);
        }
        insertSession = null;
    }

    void start() {
        thread.start();
    }

    void addFailureListener(StoreFailureListener listener) {
        failureListeners.add(listener);
    }

    /** Queues a record; never blocks and never touches the disk. */
    void submit(WriteOp op) {
        if (!accepting) {
            throw new IllegalStateException("the session store " + file + " is closed");
        }
        queue.add(op);
    }

    /** Stops taking records, commits everything queued, and waits for the thread to end. */
    void shutdown() throws InterruptedException {
        accepting = false;
        // set here, not when the Shutdown op is taken: a batch that keeps failing would never let the
        // writer reach that op, and close() would wait forever
        shuttingDown = true;
        queue.add(new WriteOp.Shutdown(System.nanoTime()));
        thread.join();
        // a record that raced past the `accepting` check into the queue after Shutdown: count it, never hide it
        int leftover = queue.size();
        if (leftover > 0) {
            lostRecords += leftover;
            LOG.error("session store: {} records arrived after close and were not written", leftover);
        }
    }

    long lostRecords() {
        return lostRecords;
    }

    StoreStats stats() {
        return new StoreStats(commits, samplesCommitted, opsCommitted, maxCommitLatencyNanos, samplesLate,
                largestBatch, failedAttempts, queue.size());
    }

    @Override
    public void run() {
        List<WriteOp> batch = new ArrayList<>(MAX_BATCH);
        boolean running = true;
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread but the JVM at exit; treat it as a shutdown request.
                shuttingDown = true;
                queue.add(new WriteOp.Shutdown(System.nanoTime()));
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            running = !(batch.get(batch.size() - 1) instanceof WriteOp.Shutdown);
            if (!running) {
                shuttingDown = true;
            }
            commitWithRetry(batch);
            batch.clear();
        }
    }

    private void commitWithRetry(List<WriteOp> batch) {
        int attempt = 0;
        long pauseMs = 10;
        while (true) {
            try {
                if (insertSession == null) {
                    prepareStatements();
                }
                write(batch);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                attempt++;
                failedAttempts++;
                rollbackQuietly();
                closeStatements();
                StoreException failure = e instanceof SQLException sql
                        ? SqliteFiles.translate(sql, file, "write to")
                        : new StoreException(StoreException.Problem.IO, file, "cannot write to " + file + ": " + e, e);
                LOG.warn("session store write failed (attempt {}), retrying: {}", attempt, failure.getMessage());
                for (StoreFailureListener listener : failureListeners) {
                    try {
                        listener.writeFailed(failure, attempt);
                    } catch (RuntimeException listenerFailure) {
                        LOG.error("a store failure listener failed", listenerFailure);
                    }
                }
                if (shuttingDown && attempt >= ATTEMPTS_AFTER_SHUTDOWN) {
                    giveUp(batch, failure);
                    return;
                }
                pause(pauseMs);
                pauseMs = Math.min(MAX_RETRY_PAUSE_MS, pauseMs * 2);
                continue;
            }
            // outside the try: the batch is committed, and nothing a listener does may roll it back
            afterCommit(batch);
            return;
        }
    }

    /** Only at shutdown, after repeated failures: say what is lost rather than hang the exit forever. */
    private void giveUp(List<WriteOp> batch, StoreException failure) {
        long records = batch.stream().filter(op -> !(op instanceof WriteOp.Barrier || op instanceof WriteOp.Shutdown))
                .count();
        lostRecords += records;
        LOG.error("session store: {} records could not be written at shutdown: {}", records, failure.getMessage());
        for (WriteOp op : batch) {
            if (op instanceof WriteOp.Barrier barrier) {
                barrier.committed().completeExceptionally(failure);
            }
        }
    }

    private void write(List<WriteOp> batch) throws SQLException {
        // Only sample rows for samples: touching the session row too would add a page to every commit's
        // WAL write; its sample_count is set when the session finishes (or is recovered).
        for (WriteOp op : batch) {
            if (op instanceof WriteOp.SampleWrite write) {
                writeSample(write);
            } else if (op instanceof WriteOp.BeginSession begin) {
                writeBegin(begin);
            } else if (op instanceof WriteOp.AlarmWrite alarm) {
                insertAlarm.setLong(1, alarm.sessionId());
                insertAlarm.setLong(2, alarm.atMs());
                insertAlarm.setString(3, alarm.transition());
                insertAlarm.setString(4, alarm.reason());
                insertAlarm.setString(5, alarm.priority());
                insertAlarm.setString(6, alarm.message());
                insertAlarm.setLong(7, alarm.raisedAtMs());
                insertAlarm.executeUpdate();
            } else if (op instanceof WriteOp.CommandWrite command) {
                insertCommand.setLong(1, command.sessionId());
                insertCommand.setLong(2, command.atMs());
                insertCommand.setString(3, command.command());
                insertCommand.setString(4, command.argumentsJson());
                insertCommand.setString(5, command.result());
                insertCommand.executeUpdate();
            } else if (op instanceof WriteOp.StateChangeWrite change) {
                insertStateChange.setLong(1, change.sessionId());
                insertStateChange.setLong(2, change.atMs());
                insertStateChange.setString(3, change.fromPhase());
                insertStateChange.setString(4, change.toPhase());
                insertStateChange.executeUpdate();
            } else if (op instanceof WriteOp.FinishSession finish) {
                writeFinish(finish);
            }
            // Barrier and Shutdown write nothing: they complete after the commit
        }
    }

    private void writeBegin(WriteOp.BeginSession begin) throws SQLException {
        insertSession.setLong(1, begin.sessionId());
        insertSession.setLong(2, begin.startedAtMs());
        insertSession.setString(3, begin.routineName());
        insertSession.setString(4, begin.profileSummary());
        insertSession.setString(5, begin.deviceDescription());
        insertSession.executeUpdate();
        for (StoredLimit limit : begin.limits()) {
            insertLimit.setLong(1, begin.sessionId());
            insertLimit.setString(2, limit.name());
            insertLimit.setDouble(3, limit.value());
            insertLimit.setString(4, limit.unit());
            insertLimit.setString(5, limit.source());
            insertLimit.setString(6, limit.because());
            insertLimit.executeUpdate();
        }
    }

    private void writeSample(WriteOp.SampleWrite write) throws SQLException {
        Sample sample = write.sample();
        long sessionId = write.recorder().sessionId();
        insertSample.setLong(1, sessionId);
        insertSample.setLong(2, write.ordinal());
        insertSample.setInt(3, sample.sequence());
        insertSample.setLong(4, sample.deviceTimeMs());
        // an offset from the session's start takes 2-3 bytes on disk where epoch milliseconds take 6
        insertSample.setLong(5, sample.receivedAtMs() - write.recorder().startedAtMs());
        Long angleMdeg = SampleCodec.angleMdeg(sample.angleDeg());
        if (angleMdeg == null) {
            insertSample.setNull(6, Types.INTEGER);
        } else {
            insertSample.setLong(6, angleMdeg);
        }
        insertSample.setLong(7, sample.deviceTimeInvertedMs());
        insertSample.setInt(8, SampleFlags.of(sample.calibrated(), sample.userSecured(), sample.motorised(),
                sample.sensorFault()));
        insertSample.executeUpdate();
    }

    private void writeFinish(WriteOp.FinishSession finish) throws SQLException {
        StoredSummary summary = finish.summary();
        finishSession.setLong(1, finish.endedAtMs());
        finishSession.setString(2, finish.status().name());
        finishSession.setString(3, summary.source());
        finishSession.setLong(4, summary.totalTimeInvertedMs());
        finishSession.setLong(5, summary.band0To30Ms());
        finishSession.setLong(6, summary.band30To60Ms());
        finishSession.setLong(7, summary.band60To90Ms());
        Long maxAngleMdeg = SampleCodec.angleMdeg(summary.maxAngleDeg());
        if (maxAngleMdeg == null) {
            finishSession.setNull(8, Types.INTEGER);
        } else {
            finishSession.setLong(8, maxAngleMdeg);
        }
        finishSession.setInt(9, summary.inversions());
        finishSession.setInt(10, summary.alarmsLow());
        finishSession.setInt(11, summary.alarmsMedium());
        finishSession.setInt(12, summary.alarmsHigh());
        setCountOrNull(finishSession, 13, summary.stepsCompleted());
        setCountOrNull(finishSession, 14, summary.stepsTotal());
        finishSession.setInt(15, summary.withinLimits() ? 1 : 0);
        finishSession.setLong(16, summary.missingSamples());
        finishSession.setInt(17, summary.discardedSamples());
        finishSession.setLong(18, finish.sampleCount());
        finishSession.setLong(19, finish.sampleCount());
        finishSession.setLong(20, finish.recorder().sessionId());
        finishSession.executeUpdate();
    }

    /** -1 means unknown (a recomputed summary's steps): stored as NULL. */
    static void setCountOrNull(PreparedStatement statement, int index, int count) throws SQLException {
        if (count < 0) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, count);
        }
    }

    private void afterCommit(List<WriteOp> batch) {
        long now = System.nanoTime();
        // the first op is the oldest in the batch: its wait is the batch's worst commit latency
        long latency = now - batch.get(0).enqueuedNanos();
        if (latency > maxCommitLatencyNanos) {
            maxCommitLatencyNanos = latency;
        }
        if (batch.size() > largestBatch) {
            largestBatch = batch.size();
        }
        commits++;
        opsCommitted += batch.size();
        Map<SessionRecorder, WriteOp.SampleWrite> lastSamples = new LinkedHashMap<>();
        long samples = 0;
        long late = 0;
        long deadline = now - TimeUnit.MILLISECONDS.toNanos(StoreStats.COMMIT_DEADLINE_MS);
        for (WriteOp op : batch) {
            if (op instanceof WriteOp.SampleWrite write) {
                samples++;
                if (write.enqueuedNanos() < deadline) {
                    late++;
                }
                lastSamples.put(write.recorder(), write);
            }
        }
        samplesCommitted += samples;
        samplesLate += late;
        for (WriteOp.SampleWrite last : lastSamples.values()) {
            last.recorder().markDurable(last.ordinal() + 1, last.sample());
        }
        for (WriteOp op : batch) {
            if (op instanceof WriteOp.FinishSession finish) {
                finish.recorder().markFinishDurable();
            } else if (op instanceof WriteOp.Barrier barrier) {
                barrier.committed().complete(null);
            }
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // a failed rollback leaves SQLite to roll back itself when the next transaction begins
        }
    }

    private static void pause(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms); // a retry back-off after a failure, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
