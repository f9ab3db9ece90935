package dev.hangtime.simulator.carrier;

import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.MessageChannel;
import dev.hangtime.simulator.LineEvent;
import dev.hangtime.simulator.RealTimeRunner;
import dev.hangtime.simulator.SimulatedTable;
import dev.hangtime.simulator.TableOutput;
import dev.hangtime.simulator.VirtualClock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The in-process carrier: a {@link MessageChannel} straight into a {@link SimulatedTable}, for tests
 * and for {@code hangtime run --device sim}. Messages are handed over as records, so line faults
 * that only exist as bytes behave as a receiver would see them: a corrupted frame is lost (its CRC
 * would fail), noise between frames is invisible, duplicates and reordering arrive as sent, link
 * drops arrive as {@link Listener#onLinkDown}/{@link Listener#onLinkUp}.
 *
 * <p>Time is the table's {@link VirtualClock}. Either advance it yourself, deterministically
 * ({@link #advanceBy}, {@link #runUntil}: the listener is called on your thread, in simulated-time
 * order, and requests you send from it are answered at the right simulated time), or let
 * {@link #runInRealTime} drive it from the wall clock (the listener is then called on the runner's
 * thread). Do not mix the two.
 */
public final class InProcessChannel implements MessageChannel {

    private final SimulatedTable table;
    private final AtomicLong corruptFramesLost = new AtomicLong();
    private final AtomicLong noiseBytesIgnored = new AtomicLong();
    private final TableOutput output = this::onLineEvent;
    private volatile Listener listener;
    private volatile boolean closed;
    private RealTimeRunner runner;

    public InProcessChannel(SimulatedTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public synchronized void open(Listener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("the channel is already open");
        }
        if (closed) {
            throw new IllegalStateException("the channel is closed");
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        table.addOutput(output);
    }

    /**
     * Sends a control request to the table. The companion sends nothing else; any other message is
     * a programming error.
     */
    @Override
    public void send(Message message) {
        if (closed) {
            throw new IllegalStateException("the channel is closed");
        }
        if (!(message instanceof ControlRequest request)) {
            throw new IllegalArgumentException("a companion sends control requests only, not " + message.type());
        }
        table.receive(request);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        table.removeOutput(output);
        if (runner != null) {
            runner.close();
            runner = null;
        }
    }

    public SimulatedTable table() {
        return table;
    }

    public VirtualClock clock() {
        return table.clock();
    }

    /** Runs the table for {@code duration} of simulated time, delivering on this thread. */
    public void advanceBy(Duration duration) {
        table.clock().advanceBy(duration);
    }

    /** Runs the table until {@code condition} holds or {@code limit} of simulated time has passed. */
    public boolean runUntil(BooleanSupplier condition, Duration limit) {
        return table.clock().runUntil(condition, limit);
    }

    /** Lets the wall clock drive the table, {@code speed} times faster than real time, until closed. */
    public synchronized RealTimeRunner runInRealTime(double speed) {
        if (runner != null) {
            throw new IllegalStateException("already running in real time");
        }
        runner = RealTimeRunner.start(table.clock(), speed);
        return runner;
    }

    /** Frames the line corrupted, which never reached the listener. */
    public long corruptFramesLost() {
        return corruptFramesLost.get();
    }

    /** Noise bytes on the line, which no receiver could turn into a message. */
    public long noiseBytesIgnored() {
        return noiseBytesIgnored.get();
    }

    private void onLineEvent(LineEvent event) {
        Listener l = listener;
        if (l == null || closed) {
            return;
        }
        if (event instanceof LineEvent.Frame f) {
            l.onMessage(f.message());
        } else if (event instanceof LineEvent.CorruptFrame) {
            corruptFramesLost.incrementAndGet();
        } else if (event instanceof LineEvent.Noise n) {
            noiseBytesIgnored.addAndGet(n.bytes().length);
        } else if (event instanceof LineEvent.LinkDown d) {
            l.onLinkDown(d.reason());
        } else if (event instanceof LineEvent.LinkUp) {
            l.onLinkUp();
        }
    }
}
