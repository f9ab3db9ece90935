package dev.hangtime.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangtime.session.DisplaySink;
import dev.hangtime.session.DisplaySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Fans snapshots out to any number of display clients. The session thread publishes into a
 * bounded ring (serialised to JSON once); each client reads from the ring at its own pace on its
 * own thread, so a slow tablet never holds up the session. A client that reconnects with the id
 * of the last event it saw gets what it missed, as far back as the ring reaches.
 *
 * <p>Event ids are {@code <instance>-<n>}: the instance part changes when the server restarts, so
 * an id from before a restart is recognised as foreign and the client simply gets the latest
 * snapshot.
 */
public final class SnapshotHub implements DisplaySink {

    /** One published snapshot, ready to send. */
    public record Event(long position, String id, String json) {
    }

    private final String instance;
    private final Event[] ring;
    private final ObjectMapper json;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private long lastPosition;
    private long lastPublishedNanos;
    private boolean sessionEnded;
    private boolean closed;

    /**
     * @param capacity how many snapshots a reconnecting client can catch up on
     *                 (256 is five seconds at 50 Hz)
     * @param json     the mapper that writes snapshots
     */
    public SnapshotHub(int capacity, ObjectMapper json) {
        this(capacity, json, System::nanoTime, AccessPolicy.newToken().substring(0, 8));
    }

    SnapshotHub(int capacity, ObjectMapper json, LongSupplier nanoTime, String instance) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.ring = new Event[capacity];
        this.json = json;
        this.nanoTime = nanoTime;
        this.instance = instance;
        this.lastPublishedNanos = nanoTime.getAsLong();
    }

    @Override
    public void show(DisplaySnapshot snapshot) {
        String body;
        try {
            body = json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise snapshot " + snapshot.seq(), e);
        }
        lock.lock();
        try {
            lastPosition++;
            ring[(int) (lastPosition % ring.length)] = new Event(lastPosition, instance + "-" + lastPosition, body);
            lastPublishedNanos = nanoTime.getAsLong();
            sessionEnded = snapshot.ended();
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Where a client starts reading: after the event it last saw when that event is from this
     * instance and still in the ring (or at the ring's oldest event when it fell further behind),
     * else just before the latest snapshot so a new client sees the current state at once.
     *
     * @param lastEventId the client's Last-Event-ID, or null
     */
    public long resumePosition(String lastEventId) {
        lock.lock();
        try {
            long latestOnly = Math.max(0, lastPosition - 1);
            if (lastEventId == null || !lastEventId.startsWith(instance + "-")) {
                return latestOnly;
            }
            long seen;
            try {
                seen = Long.parseLong(lastEventId.substring(instance.length() + 1));
            } catch (NumberFormatException e) {
                return latestOnly;
            }
            if (seen > lastPosition || seen < 0) {
                return latestOnly;
            }
            return Math.max(seen, lastPosition - ring.length);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The events after {@code position}, waiting up to {@code timeoutMs} for one to be published.
     *
     * @return the events in order; empty on timeout or when the hub is closed
     */
    public List<Event> awaitAfter(long position, long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            long remainingNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (lastPosition <= position && !closed && remainingNanos > 0) {
                remainingNanos = published.awaitNanos(remainingNanos);
            }
            if (closed || lastPosition <= position) {
                return List.of();
            }
            long from = Math.max(position + 1, lastPosition - ring.length + 1);
            List<Event> events = new ArrayList<>((int) (lastPosition - from + 1));
            for (long p = from; p <= lastPosition; p++) {
                events.add(ring[(int) (p % ring.length)]);
            }
            return events;
        } finally {
            lock.unlock();
        }
    }

    /** The latest snapshot as JSON, or null before the first. */
    public String latestJson() {
        lock.lock();
        try {
            return lastPosition == 0 ? null : ring[(int) (lastPosition % ring.length)].json();
        } finally {
            lock.unlock();
        }
    }

    /** Milliseconds since the session last published, by the host's monotonic clock. */
    public long millisSinceLastSnapshot() {
        lock.lock();
        try {
            return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - lastPublishedNanos);
        } finally {
            lock.unlock();
        }
    }

    /** True once the last snapshot published said the session ended. */
    public boolean sessionEnded() {
        lock.lock();
        try {
            return sessionEnded;
        } finally {
            lock.unlock();
        }
    }

    /** How many snapshots have been published. */
    public long publishedCount() {
        lock.lock();
        try {
            return lastPosition;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting client so it can finish; nothing more is delivered. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
