package dev.hangtime.device;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects a link's events for a test and waits for the next one of a kind (10 s at most). */
public final class RecordingListener implements LinkListener {

    private final BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
    public final List<LinkEvent> seen = new ArrayList<>();
    volatile Thread deliveringThread;

    @Override
    public void onEvent(LinkEvent event) {
        deliveringThread = Thread.currentThread();
        events.add(event);
    }

    /** Takes events until one of {@code type} arrives; the others stay in {@link #seen}. */
    public <T extends LinkEvent> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            long left = deadline - System.nanoTime();
            LinkEvent e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within 10 s; the last events were "
                        + seen.subList(Math.max(0, seen.size() - 6), seen.size()));
            }
            seen.add(e);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }

    /** The first event of {@code type} seen so far, or else the next to arrive (10 s at most). */
    public <T extends LinkEvent> T firstOf(Class<T> type) throws InterruptedException {
        for (LinkEvent e : seen) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        return next(type);
    }

    /** Every event received so far and not yet taken, without waiting. */
    public List<LinkEvent> drain() {
        List<LinkEvent> rest = new ArrayList<>();
        events.drainTo(rest);
        seen.addAll(rest);
        return rest;
    }
}
