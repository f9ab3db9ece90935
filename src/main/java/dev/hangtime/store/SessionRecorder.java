package dev.hangtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hangtime.engine.Alarm;
import dev.hangtime.engine.Phase;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.SessionOutcome;
import dev.hangtime.engine.SessionSummary;
import dev.hangtime.engine.TableCommand;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one session. Every {@code record...} call only queues the record and returns (no disk I/O on
 * the caller's thread); the store's writer thread commits it within the group-commit deadline
 * (docs/STORE.md "Durability"). {@link #durableSamples()} and {@link DurabilityListener}s say which samples
 * are on disk, so a display can show only committed samples.
 *
 * <p>Meant to be called from one thread, the session loop; the calls are safe from several threads but
 * then their order in the file is the order in which they reached the queue.
 */
public final class SessionRecorder {

    // commands without fields (StartSession, Heartbeat) are "{}", not an error
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private static final Logger LOG = LoggerFactory.getLogger(SessionRecorder.class);

    private final Clock clock;
    private final long sessionId;
    private final long startedAtMs;
    private final StoreWriter writer;
    private final AtomicLong nextOrdinal = new AtomicLong();
    private final List<DurabilityListener> durabilityListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> finishDurable = new CompletableFuture<>();
    private volatile boolean finished;
    private volatile long durableSamples;
    private volatile Sample lastDurableSample;

    SessionRecorder(long sessionId, long startedAtMs, StoreWriter writer, Clock clock) {
        this.clock = clock;
        this.sessionId = sessionId;
        this.startedAtMs = startedAtMs;
        this.writer = writer;
    }

    /** The session's id in the store ({@code hangtime sessions show ID}). */
    public long sessionId() {
        return sessionId;
    }

    /** Host wall-clock start of the session, milliseconds since the epoch. */
    public long startedAtMs() {
        return startedAtMs;
    }

    /** Queues one sample; it becomes durable within the commit deadline. */
    public void recordSample(Sample sample) {
        Objects.requireNonNull(sample, "sample");
        checkOpen();
        writer.submit(new WriteOp.SampleWrite(this, nextOrdinal.getAndIncrement(), sample, System.nanoTime()));
    }

    /** Queues an alarm being raised (or its priority rising), at host time {@code atMs}. */
    public void recordAlarmRaised(Alarm alarm, long atMs) {
        recordAlarm(alarm, StoredAlarmEvent.RAISED, atMs);
    }

    /** Queues an alarm being cleared, at host time {@code atMs}. */
    public void recordAlarmCleared(Alarm alarm, long atMs) {
        recordAlarm(alarm, StoredAlarmEvent.CLEARED, atMs);
    }

    /**
     * Queues a command sent to the table and its result.
     *
     * @param result the device layer's name for the outcome, e.g. {@code SUCCESS}, {@code NOT_SUPPORTED},
     *               {@code TIMEOUT}
     */
    public void recordCommand(TableCommand command, String result, long atMs) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(result, "result");
        checkOpen();
        writer.submit(new WriteOp.CommandWrite(sessionId, atMs, command.getClass().getSimpleName(),
                argumentsJson(command), result, System.nanoTime()));
    }

    /** Queues a phase change at host time {@code atMs}. */
    public void recordStateChange(Phase from, Phase to, long atMs) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        checkOpen();
        writer.submit(new WriteOp.StateChangeWrite(sessionId, atMs, from.name(), to.name(), System.nanoTime()));
    }

    /**
     * Queues the end of the session with the engine's final summary and its outcome; nothing more can
     * be recorded after it.
     *
     * @return completes when the session row holding the summary is durable
     */
    public CompletableFuture<Void> finish(SessionSummary summary) {
        return finish(summary, summary.outcome());
    }

    /**
     * Queues the end of the session with the engine's summary and the given outcome, for an end the
     * engine did not decide itself (the user quit mid-session: INTERRUPTED).
     *
     * @param outcome COMPLETE, ABORTED or INTERRUPTED
     * @return completes when the session row holding the summary is durable
     */
    public CompletableFuture<Void> finish(SessionSummary summary, SessionOutcome outcome) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(outcome, "outcome");
        long endedAtMs = summary.endedAtMs() >= 0 ? summary.endedAtMs() : clock.millis();
        return finish(SessionStatus.of(outcome), StoredSummary.of(summary, StoredSummary.ENGINE), endedAtMs);
    }

    CompletableFuture<Void> finish(SessionStatus status, StoredSummary summary, long endedAtMs) {
        checkOpen();
        if (status == SessionStatus.IN_PROGRESS) {
            throw new IllegalArgumentException("a session cannot finish IN_PROGRESS; say how it ended");
        }
        finished = true;
        writer.submit(new WriteOp.FinishSession(this, endedAtMs, status, summary, nextOrdinal.get(), System.nanoTime()));
        return finishDurable;
    }

    /** Samples recorded so far (queued or durable). */
    public long recordedSamples() {
        return nextOrdinal.get();
    }

    /** Samples durable so far: every sample with ordinal below this number is committed. */
    public long durableSamples() {
        return durableSamples;
    }

    /** The latest durable sample, if any. */
    public Optional<Sample> lastDurableSample() {
        return Optional.ofNullable(lastDurableSample);
    }

    public void addDurabilityListener(DurabilityListener listener) {
        durabilityListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeDurabilityListener(DurabilityListener listener) {
        durabilityListeners.remove(listener);
    }

    /** Completes when everything recorded before this call is durable. */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        writer.submit(new WriteOp.Barrier(committed, System.nanoTime()));
        return committed;
    }

    public boolean finished() {
        return finished;
    }

    /** Called by the writer thread after the commit that made samples up to {@code count} durable. */
    void markDurable(long count, Sample last) {
        lastDurableSample = last;
        durableSamples = count;
        for (DurabilityListener listener : durabilityListeners) {
            try {
                listener.samplesDurable(this, count, last);
            } catch (RuntimeException e) {
                // a display bug must not stop the recording: log it and go on
                LOG.error("a durability listener of session {} failed", sessionId, e);
            }
        }
    }

    void markFinishDurable() {
        finishDurable.complete(null);
    }

    private void recordAlarm(Alarm alarm, String transition, long atMs) {
        Objects.requireNonNull(alarm, "alarm");
        checkOpen();
        writer.submit(new WriteOp.AlarmWrite(sessionId, atMs, transition, alarm.reason().name(),
                alarm.priority().name(), alarm.message(), alarm.raisedAtMs(), System.nanoTime()));
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("session " + sessionId + " is finished; nothing more can be recorded");
        }
    }

    /** The command's record components as a JSON object, e.g. {@code {"priority":"HIGH"}}. */
    private static String argumentsJson(TableCommand command) {
        try {
            return JSON.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            // the commands are plain records of numbers and enums; failing here is a programming error
            throw new IllegalStateException("cannot describe " + command + " as JSON", e);
        }
    }
}
