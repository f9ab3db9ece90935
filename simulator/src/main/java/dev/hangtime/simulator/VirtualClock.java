package dev.hangtime.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Simulated time and the events scheduled on it. Time only moves when someone advances it
 * ({@link #advanceBy}, {@link #advanceTo}, {@link #runUntil}), so a one-hour session runs as fast as
 * the events can be processed, and the same inputs give the same outputs every time.
 *
 * <p>Events run in time order (ties in the order they were scheduled) on the thread that advances
 * the clock. Each event runs while holding {@link #lock()}, the monitor that guards the simulated
 * world; after each event the clock calls the {@linkplain #setAfterEvent after-event hook} with the
 * lock released, which is where the simulator hands what the table sent to its carriers. A carrier's
 * listener may therefore call back into the simulation (for example send a control request) without
 * deadlock, and that request is scheduled at the virtual time of the event that caused it.
 *
 * <p>Time is counted in nanoseconds since the simulation started; {@link #asJavaClock()} maps it to
 * an {@link Instant} from a fixed epoch for code that wants a {@link Clock}.
 */
public final class VirtualClock {

    /** The instant simulated time zero maps to, unless another is given. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2025-01-06T07:00:00Z");

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock advancing = new ReentrantLock();
    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private final Instant epoch;
    private long nowNanos;
    private long nextOrder;
    private Runnable afterEvent = () -> { };

    public VirtualClock() {
        this(DEFAULT_EPOCH);
    }

    public VirtualClock(Instant epoch) {
        this.epoch = Objects.requireNonNull(epoch, "epoch");
    }

    /** A handle on a scheduled event; {@link #cancel()} keeps it from running. */
    public final class Timer implements Comparable<Timer> {
        private final long atNanos;
        private final long order;
        private final Runnable action;
        private boolean cancelled;

        private Timer(long atNanos, long order, Runnable action) {
            this.atNanos = atNanos;
            this.order = order;
            this.action = action;
        }

        /** When it runs, in nanoseconds of simulated time. */
        public long atNanos() {
            return atNanos;
        }

        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                queue.remove(this);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    /** The monitor that guards the simulated world; events run holding it. */
    public ReentrantLock lock() {
        return lock;
    }

    /** Simulated time since start, in nanoseconds. */
    public long nowNanos() {
        lock.lock();
        try {
            return nowNanos;
        } finally {
            lock.unlock();
        }
    }

    /** Simulated time since start, in milliseconds (rounded down). */
    public long nowMillis() {
        return nowNanos() / 1_000_000L;
    }

    /** Simulated time since start. */
    public Duration elapsed() {
        return Duration.ofNanos(nowNanos());
    }

    /** The wall-clock instant simulated time maps to. */
    public Instant instant() {
        return epoch.plusNanos(nowNanos());
    }

    /** A {@link Clock} that reads simulated time, for code that takes an injected clock. */
    public Clock asJavaClock() {
        return new SimulatedJavaClock(ZoneOffset.UTC);
    }

    /** Runs {@code action} at {@code atNanos} of simulated time (now, if that has passed). */
    public Timer scheduleAt(long atNanos, Runnable action) {
        Objects.requireNonNull(action, "action");
        lock.lock();
        try {
            Timer t = new Timer(Math.max(atNanos, nowNanos), nextOrder++, action);
            queue.add(t);
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} after {@code delay} of simulated time. */
    public Timer schedule(Duration delay, Runnable action) {
        return scheduleAt(Math.addExact(nowNanos(), delay.toNanos()), action);
    }

    /**
     * Runs {@code action} every {@code period}, the first time after one period. Occurrence k runs at
     * exactly {@code start + k * period}, so a period that is not a whole number of nanoseconds'
     * multiple of anything (1/30 s) does not drift.
     *
     * @param periodNanos the period; for rates use {@link #periodicAtRate}
     */
    public Periodic scheduleEvery(long periodNanos, Runnable action) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive, was " + periodNanos + " ns");
        }
        Periodic p = new Periodic(nowNanos(), 1_000_000_000.0 / periodNanos, action);
        p.arm();
        return p;
    }

    /** Runs {@code action} {@code ratePerSecond} times per simulated second, first after one period. */
    public Periodic periodicAtRate(double ratePerSecond, Runnable action) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
        }
        Periodic p = new Periodic(nowNanos(), ratePerSecond, action);
        p.arm();
        return p;
    }

    /** A repeating event; occurrence k is computed from k, never accumulated. */
    public final class Periodic {
        private final long startNanos;
        private final double ratePerSecond;
        private final Runnable action;
        private long count;
        private Timer next;
        private boolean cancelled;

        private Periodic(long startNanos, double ratePerSecond, Runnable action) {
            this.startNanos = startNanos;
            this.ratePerSecond = ratePerSecond;
            this.action = Objects.requireNonNull(action, "action");
        }

        private void arm() {
            long at = startNanos + Math.round((count + 1) * 1_000_000_000.0 / ratePerSecond);
            next = scheduleAt(at, this::fire);
        }

        private void fire() {
            if (cancelled) {
                return;
            }
            count++;
            arm();
            action.run();
        }

        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                if (next != null) {
                    next.cancel();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Sets what runs after each event, without the lock: the simulator delivers what an event
     * produced there, so that listeners may call back into the simulation.
     */
    public void setAfterEvent(Runnable hook) {
        this.afterEvent = Objects.requireNonNull(hook, "hook");
    }

    /** Runs every event due within {@code duration} from now, then sets the time to the end of it. */
    public void advanceBy(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cannot advance by a negative duration: " + duration);
        }
        advanceTo(Math.addExact(nowNanos(), duration.toNanos()));
    }

    /** Runs every event due up to {@code targetNanos}, then sets the time to it (never backwards). */
    public void advanceTo(long targetNanos) {
        enterAdvance();
        try {
            while (runNextEventUpTo(targetNanos)) {
                afterEvent.run();
            }
            lock.lock();
            try {
                nowNanos = Math.max(nowNanos, targetNanos);
            } finally {
                lock.unlock();
            }
        } finally {
            advancing.unlock();
        }
    }

    /**
     * Runs events one at a time until {@code condition} holds (checked before each event, without the
     * lock) or {@code limit} of simulated time has passed.
     *
     * @return true if the condition held, false if the limit was reached first
     */
    public boolean runUntil(BooleanSupplier condition, Duration limit) {
        long deadline = Math.addExact(nowNanos(), limit.toNanos());
        enterAdvance();
        try {
            while (true) {
                if (condition.getAsBoolean()) {
                    return true;
                }
                if (!runNextEventUpTo(deadline)) {
                    break;
                }
                afterEvent.run();
            }
            lock.lock();
            try {
                nowNanos = Math.max(nowNanos, deadline);
            } finally {
                lock.unlock();
            }
            return condition.getAsBoolean();
        } finally {
            advancing.unlock();
        }
    }

    /** Events still scheduled (cancelled ones excluded), for diagnostics and tests. */
    public List<Long> pendingEventTimes() {
        lock.lock();
        try {
            List<Long> times = new ArrayList<>();
            for (Timer t : queue) {
                times.add(t.atNanos);
            }
            times.sort(null);
            return times;
        } finally {
            lock.unlock();
        }
    }

    private void enterAdvance() {
        if (advancing.isHeldByCurrentThread()) {
            // an event or a listener advancing time from inside an event would reorder events
            throw new IllegalStateException("the virtual clock cannot be advanced from inside one of its events");
        }
        advancing.lock();
    }

    private boolean runNextEventUpTo(long limitNanos) {
        lock.lock();
        try {
            Timer t = queue.peek();
            if (t == null || t.atNanos > limitNanos) {
                return false;
            }
            queue.poll();
            nowNanos = Math.max(nowNanos, t.atNanos);
            if (!t.cancelled) {
                t.action.run();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private final class SimulatedJavaClock extends Clock {
        private final ZoneId zone;

        private SimulatedJavaClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new SimulatedJavaClock(newZone);
        }

        @Override
        public Instant instant() {
            return VirtualClock.this.instant();
        }
    }
}
