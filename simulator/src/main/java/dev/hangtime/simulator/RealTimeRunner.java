package dev.hangtime.simulator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link VirtualClock} from the wall clock, {@code speed} times faster than real time: every
 * 5 ms of wall time it advances simulated time to where it should be. The events then run on this
 * runner's single daemon thread ("hangtime-sim-clock"), which is the thread carriers deliver on.
 */
public final class RealTimeRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RealTimeRunner.class);
    /** Wall-clock period between advances: small against a 10 ms sample period. */
    private static final long STEP_MICROS = 5_000;
    public static final double MIN_SPEED = 0.01;
    public static final double MAX_SPEED = 100_000;

    private final VirtualClock clock;
    private final double speed;
    private final ScheduledExecutorService executor;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final long wallStartNanos;
    private final long simStartNanos;

    private final Consumer<RuntimeException> onFailure;
    private final long endNanos;
    private final Runnable onEnd;
    private boolean ended;

    private RealTimeRunner(VirtualClock clock, double speed, long endNanos,
                           Consumer<RuntimeException> onFailure, Runnable onEnd) {
        this.clock = clock;
        this.speed = speed;
        this.endNanos = endNanos;
        this.onFailure = onFailure;
        this.onEnd = onEnd;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hangtime-sim-clock");
            t.setDaemon(true);
            return t;
        });
        this.wallStartNanos = System.nanoTime();
        this.simStartNanos = clock.nowNanos();
    }

    /**
     * Starts driving {@code clock} until closed.
     *
     * @param speed simulated seconds per wall-clock second, {@value #MIN_SPEED}..{@value #MAX_SPEED}
     */
    public static RealTimeRunner start(VirtualClock clock, double speed) {
        return start(clock, speed, Long.MAX_VALUE, e -> { }, () -> { });
    }

    /**
     * Starts driving {@code clock} up to {@code endNanos} of simulated time, exactly: it never
     * advances past it, and calls {@code onEnd} once there. {@code onFailure} hears of an exception
     * that stopped the simulation. Both are called on the runner's thread.
     */
    public static RealTimeRunner start(VirtualClock clock, double speed, long endNanos,
                                       Consumer<RuntimeException> onFailure, Runnable onEnd) {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException("speed must be " + MIN_SPEED + ".." + MAX_SPEED + ", was " + speed);
        }
        RealTimeRunner runner = new RealTimeRunner(clock, speed, endNanos, onFailure, onEnd);
        runner.executor.scheduleAtFixedRate(runner::step, 0, STEP_MICROS, TimeUnit.MICROSECONDS);
        return runner;
    }

    public double speed() {
        return speed;
    }

    /** The exception that stopped the simulation, or null while it runs. */
    public RuntimeException failure() {
        return failure.get();
    }

    /** Stops advancing and waits (up to a second) for the current step to finish. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.warn("the simulation clock thread did not stop within a second");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void step() {
        if (ended) {
            return;
        }
        try {
            long wallElapsed = System.nanoTime() - wallStartNanos;
            long target = simStartNanos + (long) (wallElapsed * speed);
            if (target >= endNanos) {
                clock.advanceTo(endNanos);
                ended = true;
                executor.shutdown();
                onEnd.run();
                return;
            }
            clock.advanceTo(target);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            LOG.error("the simulation stopped: {}", e.toString(), e);
            executor.shutdown();
            onFailure.accept(e);
        }
    }
}
