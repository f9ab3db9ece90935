package dev.hangtime.device;

import dev.hangtime.engine.TableCommand;
import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.DecodeError;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.Status;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a table link does whatever carries it: connecting and reconnecting with backoff, the
 * handshake (Device Info, then Request Control), one request at a time with request ids and
 * timeouts, sequence-gap counting,
 * metrics, and turning wire messages into {@link LinkEvent}s. A carrier supplies only
 * {@link #openConnection}: open, subscribe, write bytes, report what arrives.
 *
 * <p>Threads: one link thread owns all state, delivers every event and completes every command
 * future; a writer thread does the carrier's writes, which may block (a full tty buffer, a D-Bus
 * call), so that timeouts still fire. Carrier callback threads only decode and enqueue.
 */
public abstract class AbstractTableLink implements TableLink {

    private static final Logger log = LoggerFactory.getLogger(AbstractTableLink.class);
    /** PROTOCOL.md §4.1: request ids are one byte, incrementing and wrapping. */
    private static final int REQUEST_IDS = 256;

    protected final LinkOptions options;
    protected final Clock clock;
    protected final LinkMetrics metrics;
    private final String carrierName;
    private final RateLimitedLog decodeErrorLog = new RateLimitedLog(Duration.ofSeconds(10));

    private final ScheduledThreadPoolExecutor linkExecutor;
    private final ExecutorService writer;
    private volatile Thread linkThread;

    // --- state below is touched only on the link thread ---
    private LinkListener listener;
    private Connection connection;
    private long generation;
    // PROTOCOL.md §4.4: one request at a time; alarm commands wait ahead of the others
    private InFlight inFlight;
    private final Deque<Queued> urgent = new ArrayDeque<>();
    private final Deque<Queued> routine = new ArrayDeque<>();
    private int nextRequestId;
    private Duration backoff;
    private boolean everUp;
    private String reportedDownReason;
    private int lastSequence = -1;
    private ScheduledFuture<?> retryTask;
    private ScheduledFuture<?> probeTask;
    private ScheduledFuture<?> infoDeadline;
    private boolean awaitingInfo;

    // --- read from any thread ---
    private volatile boolean up;
    private volatile boolean connecting;
    private volatile boolean started;
    private volatile boolean closed;

    protected AbstractTableLink(String carrierName, LinkOptions options, Clock clock, MeterRegistry registry) {
        this.carrierName = Objects.requireNonNull(carrierName, "carrierName");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new LinkMetrics(Objects.requireNonNull(registry, "registry"), carrierName, clock);
        this.backoff = options.initialBackoff();
        linkExecutor = new ScheduledThreadPoolExecutor(1, daemonThreads("hangtime-link-" + carrierName, true));
        // after close, neither a pending retry nor a command timeout may keep the thread alive
        linkExecutor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        linkExecutor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        linkExecutor.setRemoveOnCancelPolicy(true);
        writer = Executors.newSingleThreadExecutor(daemonThreads("hangtime-link-" + carrierName + "-writer", false));
    }

    /**
     * Opens one connection to the table and subscribes to what it sends; called on the link
     * thread, may block (a BLE scan), should give up when the thread is interrupted.
     *
     * @param carrier where the connection reports messages, decode errors and its loss, from any thread
     * @throws LinkException with a message for the user when the table cannot be reached
     */
    protected abstract Connection openConnection(Carrier carrier) throws LinkException;

    /** One open connection of a carrier. */
    protected interface Connection {

        /** Writes one request to the table's control point; called on the writer thread. */
        void transmit(ControlRequest request) throws IOException;

        /**
         * True when the device info is asked for with a Read Device Info command (serial); false
         * when {@link #readDeviceInfo()} reads it some other way (BLE reads the characteristic).
         */
        boolean readsDeviceInfoWithCommand();

        /** Reads the device info and reports it as a message; called on the writer thread. */
        default void readDeviceInfo() throws IOException {
            throw new UnsupportedOperationException("device info is read with a command on this carrier");
        }

        /**
         * Checks that the connection still works, for carriers that are not told when it breaks;
         * called on the link thread every {@link LinkOptions#probeInterval()}.
         */
        default void probe() throws IOException {
        }

        /** Releases the connection; called once, on the link thread; must not throw. */
        void close();
    }

    /**
     * Where one connection reports what happens to it. Thread-safe; reports of a connection that
     * has since been replaced are dropped.
     */
    protected final class Carrier {
        private final long connectionGeneration;

        private Carrier(long connectionGeneration) {
            this.connectionGeneration = connectionGeneration;
        }

        /** A message arrived; its arrival time is taken now, from the link's clock. */
        public void message(Message message) {
            long receivedAtMs = clock.millis();
            onLinkThread(() -> handleMessage(connectionGeneration, message, receivedAtMs));
        }

        /** Bytes were discarded; counted at once, logged at a sane rate. */
        public void decodeError(DecodeError error) {
            metrics.decodeError(error.kind());
            decodeErrorLog.warn(log, "{}: discarded bytes: {} {}", describe(), error.kind(), error.detail());
        }

        /** The connection broke; the link reports LinkDown and reconnects with backoff. */
        public void lost(String reason) {
            onLinkThread(() -> lose(connectionGeneration, reason));
        }

        /** The carrier saw the table come back (e.g. a simulator link restored): retry now, not after the backoff. */
        public void available() {
            onLinkThread(AbstractTableLink.this::retryNow);
        }
    }

    @Override
    public final void start(LinkListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (started) {
            throw new IllegalStateException(describe() + ": start() was already called");
        }
        started = true;
        onLinkThread(() -> {
            this.listener = listener;
            attemptConnect();
        });
    }

    @Override
    public final CompletableFuture<CommandResult> send(TableCommand command) {
        Objects.requireNonNull(command, "command");
        long sentAt = System.nanoTime();
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        ControlCommand wire;
        try {
            wire = WireMapping.toWire(command);
        } catch (IllegalArgumentException e) {
            log.warn("{}: {} not sent: {}", describe(), command, e.getMessage());
            result.complete(new CommandResult(command, CommandResult.Outcome.INVALID_PARAMETER, 0));
            return result;
        }
        Consumer<Answer> complete = answer -> result.complete(new CommandResult(command, answer.outcome(),
                answer.atNanos() - sentAt));
        if (!up || !onLinkThread(() -> request(wire, true, complete))) {
            complete.accept(new Answer(CommandResult.Outcome.LINK_DOWN, System.nanoTime()));
        }
        return result;
    }

    /** True while the link is up (control taken, device info read). */
    public final boolean isUp() {
        return up;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        up = false;
        if (connecting && linkThread != null) {
            linkThread.interrupt();   // a carrier blocked in openConnection gives up
        }
        boolean onOwnThread = Thread.currentThread() == linkThread;
        if (onOwnThread) {
            shutDownOnLinkThread();
        } else {
            onLinkThread(this::shutDownOnLinkThread);
        }
        linkExecutor.shutdown();
        writer.shutdown();
        if (!onOwnThread) {
            try {
                if (!linkExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("{}: link thread did not stop within 10 s", describe());
                    linkExecutor.shutdownNow();
                }
                if (!writer.awaitTermination(2, TimeUnit.SECONDS)) {
                    writer.shutdownNow();   // a write blocked on a dead carrier
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        metrics.close();
        onClosed();
    }

    /** Releases what the carrier holds beyond its connections; called once, at the end of {@link #close()}. */
    protected void onClosed() {
    }

    // ------------------------------------------------------------------ link thread

    private void shutDownOnLinkThread() {
        cancel(retryTask);
        closeConnection();
        failPending();
    }

    private void attemptConnect() {
        retryTask = null;
        if (closed || connection != null) {
            return;
        }
        long attempt = ++generation;
        Connection opened;
        connecting = true;
        try {
            opened = openConnection(new Carrier(attempt));
        } catch (LinkException e) {
            metrics.connectFailed();
            reportDown(e.getMessage());
            scheduleRetry();
            return;
        } catch (RuntimeException e) {
            // a library failing in a way it does not declare is still a failed attempt, not a dead link thread
            log.warn("{}: connection attempt failed unexpectedly", describe(), e);
            metrics.connectFailed();
            reportDown(describe() + ": " + e);
            scheduleRetry();
            return;
        } finally {
            connecting = false;
            Thread.interrupted();   // an interrupt meant for the attempt must not hit the next task
        }
        if (closed) {
            opened.close();
            return;
        }
        connection = opened;
        lastSequence = -1;
        long probeMs = options.probeInterval().toMillis();
        probeTask = linkExecutor.scheduleWithFixedDelay(logged(() -> probe(attempt)), probeMs, probeMs,
                TimeUnit.MILLISECONDS);
        // PROTOCOL.md §4.4: the device info first (refuse an unknown major), then Request Control
        readDeviceInfo(attempt);
    }

    private void requestControl(long attempt) {
        request(new ControlCommand.RequestControl(), false, answer -> {
            if (attempt != generation) {
                return;
            }
            if (answer.outcome() == CommandResult.Outcome.TIMEOUT) {
                lose(attempt, describe() + ": the table did not answer Request Control within "
                        + options.commandTimeout().toMillis() + " ms (is it a Hangtime table?)");
            } else if (answer.outcome() != CommandResult.Outcome.SUCCESS) {
                lose(attempt, describe() + ": the table did not grant control (" + answer.outcome() + ")");
            } else {
                goUp();
            }
        });
    }

    private void readDeviceInfo(long attempt) {
        if (attempt != generation || connection == null) {
            return;
        }
        awaitingInfo = true;
        infoDeadline = linkExecutor.schedule(logged(() -> {
            if (attempt == generation && awaitingInfo) {
                lose(attempt, describe() + ": the table sent no device info within "
                        + options.commandTimeout().toMillis() + " ms");
            }
        }), options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Connection c = connection;
        if (c.readsDeviceInfoWithCommand()) {
            // PROTOCOL.md §4.1: the table sends the Device Info frame, then the response
            request(new ControlCommand.ReadDeviceInfo(), false, answer -> {
                if (answer.outcome() != CommandResult.Outcome.SUCCESS && awaitingInfo) {
                    lose(attempt, describe() + ": the table refused to send its device info (" + answer.outcome() + ")");
                }
            });
        } else {
            onWriter(attempt, c::readDeviceInfo);
        }
    }

    private void handleMessage(long attempt, Message message, long receivedAtMs) {
        if (attempt != generation || connection == null) {
            return;   // from a connection already given up
        }
        metrics.frame();
        if (message instanceof Measurement m) {
            if (lastSequence >= 0) {
                int missed = WireMapping.missedBetween(lastSequence, m.sequence());
                if (missed > 0) {
                    metrics.sequenceGap(missed);
                    log.debug("{}: {} samples lost before sequence {}", describe(), missed, m.sequence());
                }
            }
            lastSequence = m.sequence();
            metrics.sampleAt(receivedAtMs);
            emit(new LinkEvent.SampleArrived(WireMapping.toSample(m, receivedAtMs)));
        } else if (message instanceof ControlResponse r) {
            answer(r);
        } else if (message instanceof Status s) {
            emit(new LinkEvent.TableStatusReceived(WireMapping.toTableStatus(s)));
        } else if (message instanceof DeviceInfo d) {
            deviceInfo(attempt, d);
        } else {
            // a table has no business sending requests
            metrics.unexpectedMessage();
            log.debug("{}: ignored {}", describe(), message);
        }
    }

    private void deviceInfo(long attempt, DeviceInfo d) {
        // PROTOCOL.md §7: a companion refuses a major version it does not know
        if (d.protocolMajor() != DeviceInfo.PROTOCOL_MAJOR) {
            lose(attempt, describe() + ": the table speaks protocol " + d.protocolMajor() + "." + d.protocolMinor()
                    + ", this Hangtime speaks " + DeviceInfo.PROTOCOL_MAJOR + ".x; update one of them");
            return;
        }
        emit(new LinkEvent.TableInfoReceived(WireMapping.toTableInfo(d)));
        if (awaitingInfo) {
            awaitingInfo = false;
            cancel(infoDeadline);
            requestControl(attempt);
        }
    }

    private void goUp() {
        up = true;
        backoff = options.initialBackoff();
        reportedDownReason = null;
        if (everUp) {
            metrics.reconnected();
        }
        everUp = true;
        log.info("{}: link up", describe());
        emit(new LinkEvent.LinkUp());
    }

    /**
     * Sends a request, or queues it behind the one in flight (PROTOCOL.md §4.4: one request at a
     * time). Set Alarm and Return To Upright go ahead of queued routine requests; the wait for the
     * one in flight is bounded by its timeout.
     */
    private void request(ControlCommand wire, boolean needsUp, Consumer<Answer> onAnswer) {
        if (closed || connection == null || (needsUp && !up)) {
            onAnswer.accept(new Answer(CommandResult.Outcome.LINK_DOWN, System.nanoTime()));
            return;
        }
        Queued q = new Queued(wire, onAnswer);
        if (inFlight == null) {
            transmit(q);
        } else if (isUrgent(wire)) {
            urgent.addLast(q);
        } else {
            routine.addLast(q);
        }
    }

    private static boolean isUrgent(ControlCommand wire) {
        return wire instanceof ControlCommand.SetAlarm || wire instanceof ControlCommand.ReturnToUpright;
    }

    private void transmit(Queued q) {
        Connection c = connection;
        int id = nextRequestId;
        nextRequestId = (nextRequestId + 1) % REQUEST_IDS;
        long attempt = generation;
        ScheduledFuture<?> timeout = linkExecutor.schedule(logged(() -> timeOut(id)),
                options.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
        inFlight = new InFlight(id, q.wire(), q.onAnswer(), timeout);
        ControlRequest request = new ControlRequest(id, q.wire());
        onWriter(attempt, () -> c.transmit(request));
    }

    /** The request in flight is settled: the next one goes, if the link is still there. */
    private void settle(Answer answer) {
        InFlight done = inFlight;
        inFlight = null;
        cancel(done.timeout());
        done.onAnswer().accept(answer);
        if (inFlight == null && connection != null) {
            Queued next = urgent.isEmpty() ? routine.pollFirst() : urgent.pollFirst();
            if (next != null) {
                transmit(next);
            }
        }
    }

    private void answer(ControlResponse response) {
        InFlight f = inFlight;
        if (f == null || f.requestId() != response.requestId() || f.wire().opCodeByte() != response.requestOpCode()) {
            metrics.unexpectedMessage();
            log.debug("{}: response {} matches no request in flight", describe(), response);
            return;
        }
        settle(new Answer(WireMapping.outcome(response.result()), System.nanoTime()));
    }

    private void timeOut(int id) {
        InFlight f = inFlight;
        if (f == null || f.requestId() != id) {
            return;
        }
        metrics.commandTimedOut();
        log.debug("{}: request {} ({}) timed out", describe(), id, f.wire());
        settle(new Answer(CommandResult.Outcome.TIMEOUT, System.nanoTime()));
    }

    private void probe(long attempt) {
        Connection c = connection;
        if (attempt != generation || c == null) {
            return;
        }
        try {
            c.probe();
        } catch (IOException e) {
            lose(attempt, describe() + ": " + e.getMessage());
        }
    }

    private void lose(long attempt, String reason) {
        if (attempt != generation || connection == null) {
            return;
        }
        closeConnection();
        failPending();
        reportDown(reason);
        scheduleRetry();
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        up = false;
        awaitingInfo = false;
        cancel(infoDeadline);
        cancel(probeTask);
        generation++;   // whatever the old connection still reports is stale from now on
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                log.debug("{}: closing the connection failed", describe(), e);
            }
        }
    }

    private void failPending() {
        long now = System.nanoTime();
        List<Consumer<Answer>> failed = new ArrayList<>();
        if (inFlight != null) {
            cancel(inFlight.timeout());
            failed.add(inFlight.onAnswer());
            inFlight = null;
        }
        for (Deque<Queued> queue : List.of(urgent, routine)) {
            queue.forEach(q -> failed.add(q.onAnswer()));
            queue.clear();
        }
        failed.forEach(onAnswer -> onAnswer.accept(new Answer(CommandResult.Outcome.LINK_DOWN, now)));
    }

    private void reportDown(String reason) {
        if (closed || reason.equals(reportedDownReason)) {
            return;
        }
        reportedDownReason = reason;
        log.warn("{}", reason);
        emit(new LinkEvent.LinkDown(reason));
    }

    private void scheduleRetry() {
        if (closed) {
            return;
        }
        long delayMs = backoff.toMillis();
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : doubled;
        retryTask = linkExecutor.schedule(logged(this::attemptConnect), delayMs, TimeUnit.MILLISECONDS);
    }

    private void retryNow() {
        if (retryTask != null && connection == null && !closed) {
            cancel(retryTask);
            attemptConnect();
        }
    }

    private void emit(LinkEvent event) {
        if (closed || listener == null) {
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.error("{}: the link listener threw on {}", describe(), event, e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private boolean onLinkThread(Runnable task) {
        try {
            linkExecutor.execute(logged(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;   // closed
        }
    }

    /** A scheduled executor keeps a task's exception in a future nobody reads: log it instead. */
    private Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("{}: link task failed", describe(), e);
            }
        };
    }

    private void onWriter(long attempt, IoAction action) {
        try {
            writer.execute(() -> {
                try {
                    action.run();
                } catch (IOException | RuntimeException e) {
                    onLinkThread(() -> lose(attempt, describe() + ": write failed: " + e.getMessage()));
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: the pending request is failed by the shutdown
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private ThreadFactory daemonThreads(String name, boolean isLinkThread) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            if (isLinkThread) {
                linkThread = t;
            }
            return t;
        };
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private record Answer(CommandResult.Outcome outcome, long atNanos) {
    }

    private record Queued(ControlCommand wire, Consumer<Answer> onAnswer) {
    }

    private record InFlight(int requestId, ControlCommand wire, Consumer<Answer> onAnswer, ScheduledFuture<?> timeout) {
    }
}
