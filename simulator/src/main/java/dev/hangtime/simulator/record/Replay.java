package dev.hangtime.simulator.record;

import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.FirmwareState;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.Status;
import dev.hangtime.simulator.AbstractSimulatedTable;
import dev.hangtime.simulator.LineEvent;
import dev.hangtime.simulator.VirtualClock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recording played back as a table: each event goes to the carriers at its recorded simulated
 * time, so a companion sees the session again byte for byte (on the serial line) or message for
 * message. The table of a recording cannot answer anything new: control requests are counted and
 * dropped (the responses it gave when recorded are in the recording). After the last event it is
 * silent.
 */
public final class Replay extends AbstractSimulatedTable {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    private final Recording recording;
    private final AtomicLong requestsIgnored = new AtomicLong();
    private final long endNanos;
    private LineEvent current;
    private boolean linkUp = true;
    private DeviceInfo deviceInfo;
    private Status status;

    public Replay(Recording recording) {
        this(recording, new VirtualClock());
    }

    /** A replay on {@code clock}, which it takes over (its after-event hook delivers the events). */
    public Replay(Recording recording, VirtualClock clock) {
        super(clock);
        this.recording = Objects.requireNonNull(recording, "recording");
        // until the recording says otherwise, the first Device Info and Status in it describe the table
        this.deviceInfo = firstOf(recording, DeviceInfo.class, new DeviceInfo(DeviceInfo.PROTOCOL_MAJOR,
                DeviceInfo.PROTOCOL_MINOR, "replay", "recording " + truncate(recording.name(), 22), -9000, 9000, 0,
                estimatedRate(recording)));
        this.status = firstOf(recording, Status.class, new Status(0, 0, 0, FirmwareState.IDLE));
        long start = clock.nowNanos();
        long last = 0;
        clock.lock().lock();
        try {
            for (LineEvent e : recording.events()) {
                clock.scheduleAt(start + e.atNanos(), () -> play(e));
                last = e.atNanos();
            }
        } finally {
            clock.lock().unlock();
        }
        this.endNanos = start + last;
        clock.setAfterEvent(this::deliver);
    }

    @Override
    public String name() {
        return recording.name();
    }

    /** The simulated time of the last event. */
    public long endNanos() {
        return endNanos;
    }

    @Override
    public void receive(ControlRequest request) {
        requestsIgnored.incrementAndGet();
        LOG.debug("replay of {} ignores {}", recording.name(), request);
    }

    @Override
    public void receiveMalformedControlPoint(byte[] value) {
        requestsIgnored.incrementAndGet();
    }

    @Override
    public void peerDisconnected() {
        // a recording has no firmware state to change
    }

    /** Requests a companion sent, which a recording cannot answer. */
    public long requestsIgnored() {
        return requestsIgnored.get();
    }

    @Override
    public boolean linkUp() {
        return withLock(() -> linkUp);
    }

    @Override
    public DeviceInfo deviceInfo() {
        return withLock(() -> deviceInfo);
    }

    @Override
    public Status status() {
        return withLock(() -> status);
    }

    private void play(LineEvent e) {
        current = e;
        if (e instanceof LineEvent.Frame f) {
            if (f.message() instanceof DeviceInfo d) {
                deviceInfo = d;
            } else if (f.message() instanceof Status s) {
                status = s;
            }
        } else if (e instanceof LineEvent.LinkDown) {
            linkUp = false;
        } else if (e instanceof LineEvent.LinkUp) {
            linkUp = true;
        }
    }

    private void deliver() {
        LineEvent e = withLock(() -> {
            LineEvent played = current;
            current = null;
            return played;
        });
        if (e != null) {
            send(e);
        }
    }

    private static <T> T firstOf(Recording r, Class<T> type, T fallback) {
        for (LineEvent e : r.events()) {
            if (e instanceof LineEvent.Frame f && type.isInstance(f.message())) {
                return type.cast(f.message());
            }
        }
        return fallback;
    }

    /** Measurements per second over the recording, for a Device Info the recording lacks. */
    private static int estimatedRate(Recording r) {
        long count = r.events().stream().filter(e -> e instanceof LineEvent.Frame f && f.message() instanceof Measurement)
                .count();
        long spanNanos = r.events().isEmpty() ? 0 : r.events().get(r.events().size() - 1).atNanos();
        if (count < 2 || spanNanos <= 0) {
            return 1;
        }
        return (int) Math.max(1, Math.min(255, Math.round(count / (spanNanos / 1e9))));
    }

    /** At most {@code max} printable ASCII characters, so the model name fits its 32 UTF-8 bytes. */
    private static String truncate(String s, int max) {
        String ascii = s.replaceAll("[^\\x20-\\x7e]", "_");
        return ascii.length() <= max ? ascii : ascii.substring(0, max);
    }
}
