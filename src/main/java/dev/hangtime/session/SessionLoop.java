package dev.hangtime.session;

import dev.hangtime.device.CommandResult;
import dev.hangtime.device.LinkEvent;
import dev.hangtime.device.TableInfo;
import dev.hangtime.device.TableLink;
import dev.hangtime.engine.Alarm;
import dev.hangtime.engine.EngineConfig;
import dev.hangtime.engine.EngineEvent;
import dev.hangtime.engine.Phase;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.SessionEngine;
import dev.hangtime.engine.SessionOutcome;
import dev.hangtime.engine.SessionState;
import dev.hangtime.engine.SessionSummary;
import dev.hangtime.engine.StepResult;
import dev.hangtime.engine.TableCommand;
import dev.hangtime.store.SessionRecorder;
import dev.hangtime.store.SessionStart;
import dev.hangtime.store.SessionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session event loop: ONE thread owns the engine. Everything that happens — samples and link
 * changes from the table link, button presses from a display, command results, the store's news
 * that samples are on disk, Ctrl-C — arrives as an input on one queue; library and web threads
 * only enqueue. The loop ticks the engine at a fixed period of session time, sends the engine's
 * commands to the table, records everything through the store's recorder, and shows the engine's
 * display on every {@link DisplaySink}.
 *
 * <p>What is shown waits for the record: a snapshot that shows a new sample is published once the
 * store says that sample is durable, or {@value #DISPLAY_WAIT_FOR_DISK_MS} ms after it arrived at
 * the latest (the store's own commit bound, so a failing disk never freezes the display). A
 * snapshot that raises an alarm is published at once: the user is told before the disk is.
 *
 * <p>Time: the engine's clock is {@code clock} (the link stamps samples with the same clock); it
 * may run {@code speed} times faster than real time (the simulator's virtual clock), so waits for
 * the next tick are scaled by it.
 */
public final class SessionLoop implements SessionControl {

    private static final Logger log = LoggerFactory.getLogger(SessionLoop.class);

    /** The store's commit bound (issue 6): a sample is on disk within this, so the display waits no longer. */
    static final long DISPLAY_WAIT_FOR_DISK_MS = 100;
    /** Most display snapshots per real second: more is lost on any screen and costs every viewer. */
    private static final long MIN_DISPLAY_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Session-clock time the user must be ready, without a break, before auto-start presses Start. */
    static final long AUTO_START_READY_MS = 1_000;
    /** How long the end of a session waits for its record to be durable before giving up on it. */
    private static final long FINISH_WAIT_MS = 5_000;

    /**
     * How the loop runs.
     *
     * @param tickPeriodMs session-clock milliseconds between engine ticks (the engine wants 50–100)
     * @param speed        session-clock milliseconds per real millisecond (1 for a real table)
     * @param autoStart    send Start when the user is first ready, instead of waiting for the Start button
     */
    public record Settings(long tickPeriodMs, double speed, boolean autoStart) {
        public Settings {
            if (tickPeriodMs <= 0) {
                throw new IllegalArgumentException("tickPeriodMs must be positive, was " + tickPeriodMs);
            }
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be a positive number, was " + speed);
            }
        }
    }

    /**
     * What the session is, for the record and the screens.
     *
     * @param routineName    the routine as the user named it
     * @param profileSummary the profile in one line, e.g. "beginner, week 1 of 2"
     * @param device         the table in one line
     * @param simulated      true for the built-in simulator
     */
    public record Description(String routineName, String profileSummary, String device, boolean simulated) {
    }

    /**
     * How a session ended.
     *
     * @param sessionId the store's id, or null when nothing was recorded (the table never answered)
     * @param outcome   the outcome as recorded
     * @param summary   the engine's summary
     * @param lines     the summary in plain lines
     */
    public record Result(Long sessionId, SessionOutcome outcome, SessionSummary summary, List<String> lines) {
    }

    /** What reaches the session thread. */
    private sealed interface Input {
    }

    private record FromLink(LinkEvent event, long wallMs, long nanos) implements Input {
    }

    private record UserRequest(Request request) implements Input {
    }

    private record CommandDone(CommandResult result, long atMs) implements Input {
    }

    private record SamplesDurable(long count) implements Input {
    }

    private record RecordingFailing(String message) implements Input {
    }

    private record Abort(String reason) implements Input {
    }

    private final SessionEngine engine;
    private final TableLink link;
    private final Clock clock;
    private final Settings settings;
    private final SessionStore store;
    private final Description description;
    private final List<DisplaySink> sinks;
    private final LongSupplier nanoTime;
    private final SnapshotMaker snapshots;
    private final LinkedBlockingQueue<Input> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Result> finished = new CompletableFuture<>();

    // ---- owned by the session thread
    private SessionState state;
    private StepResult lastStep;
    private long nextTickMs;
    private SessionRecorder recorder;
    private Integer lastSampleSeq;
    private Long lastSampleWallMs;
    private long lastSampleOrdinal = -1;
    private long lastSampleNanos;
    private long durableSamples;
    private String linkDownReason;
    private String recordingProblem;
    private boolean sessionBegun;
    private long readySinceMs = -1;
    private long displaySeq;
    private DisplaySnapshot pending;
    private boolean pendingUrgent;
    private long lastPublishNanos = Long.MIN_VALUE / 2;
    private boolean done;

    /**
     * @param config      the routine, the profile's limits and the safety thresholds
     * @param link        the table, not yet started: the loop starts it
     * @param clock       the session clock; the link must stamp samples with the same clock
     * @param store       where the session is recorded
     * @param description what the session is
     * @param sinks       the displays
     * @param nanoTime    the host's monotonic clock (real time), for the display's wait for the disk
     */
    public SessionLoop(EngineConfig config, TableLink link, Clock clock, Settings settings, SessionStore store,
                       Description description, List<DisplaySink> sinks, LongSupplier nanoTime) {
        this.engine = new SessionEngine(Objects.requireNonNull(config, "config"));
        this.link = Objects.requireNonNull(link, "link");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.description = Objects.requireNonNull(description, "description");
        this.sinks = List.copyOf(sinks);
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.snapshots = new SnapshotMaker(config.routine(), config.thresholds(), description.device(),
                description.simulated());
        store.addFailureListener((failure, attempt) -> {
            if (attempt == 1) {
                inbox.add(new RecordingFailing(failure.getMessage()));
            }
        });
    }

    // ------------------------------------------------------------------ any thread

    @Override
    public boolean request(Request request) {
        if (finished.isDone()) {
            return false;
        }
        inbox.add(new UserRequest(request));
        return true;
    }

    /**
     * Ends the session now (Ctrl-C): it is recorded ABORTED with the summary so far.
     *
     * @return completes with the result once the record is durable (or gave up waiting)
     */
    public CompletableFuture<Result> abort(String reason) {
        inbox.add(new Abort(reason));
        return finished;
    }

    /** Completes when the session has ended and its record is durable. */
    public CompletableFuture<Result> result() {
        return finished;
    }

    /** The link's events: enqueued with the host's arrival time, nothing else on the link's thread. */
    private void onLinkThread(LinkEvent event) {
        inbox.add(new FromLink(event, System.currentTimeMillis(), nanoTime.getAsLong()));
    }

    // ------------------------------------------------------------------ the session thread

    /**
     * Runs the session on the calling thread until it ends (the routine completes, the user stops,
     * or {@link #abort}), then returns how it ended.
     */
    public Result run() throws InterruptedException {
        begin();
        while (!done) {
            Input input = inbox.poll(waitNanos(), TimeUnit.NANOSECONDS);
            if (input != null) {
                handle(input);
                // take what else is queued now, so a burst costs one wake-up
                Input more;
                while (!done && (more = inbox.poll()) != null) {
                    handle(more);
                }
            }
            if (!done) {
                tickIfDue();
                publishPendingIfDue();
            }
        }
        return finished.join();
    }

    /** Starts the link and the engine; the first call of {@link #run}, or of a test driving the loop. */
    void begin() {
        long now = clock.millis();
        state = engine.initialState(now);
        nextTickMs = now + settings.tickPeriodMs();
        step(new EngineEvent.Tick(), true); // the screens show the routine and its limits at once
        link.start(this::onLinkThread);
    }

    /** The recorder, once recording began (tests wait on its durability). */
    SessionRecorder recorder() {
        return recorder;
    }

    /** For tests that drive the loop from their own thread: handles what is queued, then ticks if due. */
    void processQueued() {
        Input input;
        while (!done && (input = inbox.poll()) != null) {
            handle(input);
        }
        if (!done) {
            tickIfDue();
            publishPendingIfDue();
        }
    }

    private long waitNanos() {
        long untilTickMs = Math.max(0, nextTickMs - clock.millis());
        long wait = (long) (untilTickMs * 1_000_000.0 / settings.speed());
        if (pending != null) {
            wait = Math.min(wait, Math.max(0, pendingDueNanos() - nanoTime.getAsLong()));
        }
        return Math.max(wait, 200_000); // never spin: the virtual clock moves in steps
    }

    private void handle(Input input) {
        if (input instanceof FromLink) {
            FromLink fromLink = (FromLink) input;
            onLinkEvent(fromLink.event(), fromLink.wallMs(), fromLink.nanos());
        } else if (input instanceof UserRequest) {
            step(new EngineEvent.UserAction(kindOf(((UserRequest) input).request())), false);
        } else if (input instanceof CommandDone) {
            CommandDone commandDone = (CommandDone) input;
            if (recorder != null && !recorder.finished()) {
                recorder.recordCommand(commandDone.result().command(), commandDone.result().outcome().name(),
                        commandDone.atMs());
            }
            if (!commandDone.result().succeeded()) {
                log.debug("table answered {} to {}", commandDone.result().outcome(), commandDone.result().command());
            }
        } else if (input instanceof SamplesDurable) {
            durableSamples = Math.max(durableSamples, ((SamplesDurable) input).count());
        } else if (input instanceof RecordingFailing) {
            recordingProblem = "Recording is failing: " + ((RecordingFailing) input).message();
            log.warn(recordingProblem);
            showNow(true);
        } else if (input instanceof Abort) {
            abortNow(((Abort) input).reason());
        }
    }

    private void onLinkEvent(LinkEvent event, long wallMs, long nanos) {
        if (event instanceof LinkEvent.SampleArrived) {
            Sample sample = ((LinkEvent.SampleArrived) event).sample();
            beginRecording();
            lastSampleOrdinal = recorder.recordedSamples();
            recorder.recordSample(sample);
            lastSampleSeq = sample.sequence();
            lastSampleWallMs = wallMs;
            lastSampleNanos = nanos;
            step(new EngineEvent.SampleReceived(sample), false);
        } else if (event instanceof LinkEvent.TableInfoReceived) {
            TableInfo info = ((LinkEvent.TableInfoReceived) event).info();
            step(new EngineEvent.TableCapabilities(info.minAngleDeg(), info.maxAngleDeg(), info.motorised()), false);
            // the table's reach is now part of the effective limits the record starts with
            beginRecording();
        } else if (event instanceof LinkEvent.LinkDown) {
            linkDownReason = ((LinkEvent.LinkDown) event).reason();
            step(new EngineEvent.LinkLost(linkDownReason), false);
        } else if (event instanceof LinkEvent.LinkUp) {
            linkDownReason = null;
            beginRecording();
            step(new EngineEvent.LinkRestored(), false);
        } else if (event instanceof LinkEvent.TableStatusReceived) {
            // the engine judges the table by its samples' flags; the status report is only logged
            log.debug("table status {}", ((LinkEvent.TableStatusReceived) event).status());
        }
    }

    private void tickIfDue() {
        long now = clock.millis();
        if (now < nextTickMs) {
            return;
        }
        // a late tick is not repeated: the engine measures elapsed time itself
        nextTickMs = Math.max(nextTickMs + settings.tickPeriodMs(), now + 1);
        step(new EngineEvent.Tick(), false);
    }

    private void step(EngineEvent event, boolean urgent) {
        long now = clock.millis();
        Phase before = state.phase();
        StepResult result = engine.step(state, event, now);
        state = result.state();
        lastStep = result;
        Phase after = result.display().phase();
        if (recorder != null) {
            for (Alarm alarm : result.alarmsCleared()) {
                recorder.recordAlarmCleared(alarm, now);
            }
            for (Alarm alarm : result.alarmsRaised()) {
                recorder.recordAlarmRaised(alarm, now);
            }
            if (before != after) {
                recorder.recordStateChange(before, after, now);
            }
        }
        for (TableCommand command : result.commands()) {
            send(command);
        }
        if (after.terminal()) {
            finish(result.state().summary(), result.state().summary().outcome());
            return;
        }
        // only a new alarm overtakes the disk: the user hears of it before the record does
        showNow(urgent || !result.alarmsRaised().isEmpty());
        sessionBegun |= state.sessionActive();
        // auto-start: Start once the user has been ready (secured, fresh trusted data) for a while, so
        // a flickering sensor does not start a routine; again after each time they stopped being
        // ready (the engine refuses Start on data it cannot trust), until the routine has begun once
        if (after != Phase.READY) {
            readySinceMs = -1;
        } else if (readySinceMs < 0) {
            readySinceMs = now;
        }
        if (settings.autoStart() && !sessionBegun && readySinceMs >= 0 && now - readySinceMs >= AUTO_START_READY_MS) {
            readySinceMs = -1;
            step(new EngineEvent.UserAction(EngineEvent.UserAction.Kind.START), false);
        }
    }

    private void send(TableCommand command) {
        link.send(command).thenAccept(result -> inbox.add(new CommandDone(result, clock.millis())));
    }

    private void beginRecording() {
        if (recorder != null) {
            return;
        }
        recorder = store.beginSession(new SessionStart(description.routineName(), description.profileSummary(),
                state.effectiveLimits(), description.device(), clock.instant()));
        recorder.addDurabilityListener((rec, count, lastDurable) -> inbox.add(new SamplesDurable(count)));
    }

    // ------------------------------------------------------------------ display

    /** Makes the snapshot for the current state; publishes it now if allowed, else keeps it pending. */
    private void showNow(boolean urgent) {
        pending = snapshot(false, List.of());
        pendingUrgent |= urgent;
        publishPendingIfDue();
    }

    private void publishPendingIfDue() {
        if (pending == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (pendingUrgent || now >= pendingDueNanos()) {
            publish(pending, now);
        }
    }

    /** When the pending snapshot may be shown: its sample durable (or waited long enough), not too soon after the last. */
    private long pendingDueNanos() {
        long due = lastPublishNanos + MIN_DISPLAY_INTERVAL_NANOS;
        boolean sampleOnDisk = lastSampleOrdinal < 0 || durableSamples > lastSampleOrdinal;
        if (!sampleOnDisk) {
            due = Math.max(due, lastSampleNanos + TimeUnit.MILLISECONDS.toNanos(DISPLAY_WAIT_FOR_DISK_MS));
        }
        return due;
    }

    private void publish(DisplaySnapshot snapshot, long now) {
        pending = null;
        pendingUrgent = false;
        lastPublishNanos = now;
        for (DisplaySink sink : sinks) {
            try {
                sink.show(snapshot);
            } catch (RuntimeException e) {
                // one broken display must not stop the session or the others
                log.warn("display {} failed: {}", sink.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private DisplaySnapshot snapshot(boolean ended, List<String> summary) {
        DisplaySnapshot s = snapshots.make(lastStep.display(), state,
                new SnapshotMaker.Context(++displaySeq, recorder == null ? null : String.valueOf(recorder.sessionId()),
                        clock.millis(), lastSampleSeq, lastSampleWallMs, linkDownReason, summary, ended));
        if (recordingProblem != null) {
            s = s.withNotice(s.notice().isEmpty() ? recordingProblem : s.notice() + " " + recordingProblem);
        }
        return s;
    }

    // ------------------------------------------------------------------ the end

    private void abortNow(String reason) {
        log.info("session aborted: {}", reason);
        if (!state.inverted()) {
            // the user is not hanging: stand the table down. While inverted the table stays armed, so
            // its own watchdog sounds when the heartbeats stop (defence in depth, DESIGN.md).
            awaitQuietly(link.send(new TableCommand.SilenceAlarm()));
            awaitQuietly(link.send(new TableCommand.StopSession()));
        }
        finish(state.summary(), SessionOutcome.ABORTED);
    }

    private void awaitQuietly(CompletableFuture<CommandResult> command) {
        try {
            CommandResult result = command.get(1, TimeUnit.SECONDS);
            if (recorder != null && !recorder.finished()) {
                recorder.recordCommand(result.command(), result.outcome().name(), clock.millis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("command at abort: {}", e.toString());
        }
    }

    private void finish(SessionSummary summary, SessionOutcome outcome) {
        done = true;
        List<String> lines = SummaryLines.of(summary);
        Long sessionId = null;
        if (recorder != null) {
            sessionId = recorder.sessionId();
            CompletableFuture<Void> durable = recorder.finish(summary, outcome);
            try {
                durable.get(FINISH_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("the session's summary may not be on disk: {}", e.toString());
            }
        }
        publish(snapshot(true, lines), nanoTime.getAsLong());
        finished.complete(new Result(sessionId, outcome, summary, lines));
    }

    private static EngineEvent.UserAction.Kind kindOf(Request request) {
        return switch (request) {
            case START -> EngineEvent.UserAction.Kind.START;
            case STOP -> EngineEvent.UserAction.Kind.STOP;
            case ACKNOWLEDGE -> EngineEvent.UserAction.Kind.ACKNOWLEDGE;
            case CHECK_IN -> EngineEvent.UserAction.Kind.CHECK_IN;
        };
    }
}
