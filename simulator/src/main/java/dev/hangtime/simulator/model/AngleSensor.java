package dev.hangtime.simulator.model;

import dev.hangtime.simulator.scenario.SensorSpec;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * The inclinometer on the bed: it reads the true angle plus its calibration offset and Gaussian
 * noise, quantised to its resolution (all in degrees). Faults change what it answers: a dropout
 * answers nothing, a stuck sensor repeats its last answer, spikes add large one-sample errors.
 * Taring is the firmware's business; the sensor's offset is physical and never changes.
 */
public final class AngleSensor {

    private final SensorSpec spec;
    private final Random random;
    private double lastReadingDeg = Double.NaN;
    private long dropoutUntilNanos = Long.MIN_VALUE;
    private boolean dropoutFlagged;
    private long stuckUntilNanos = Long.MIN_VALUE;
    private long spikesUntilNanos = Long.MIN_VALUE;
    private double spikeMagnitudeDeg;
    private double spikeProbability;

    public AngleSensor(SensorSpec spec, Random random) {
        this.spec = spec;
        this.random = random;
    }

    /** A reading of the bed at {@code trueAngleDeg}, or empty while the sensor drops out. */
    public OptionalDouble read(double trueAngleDeg, long nowNanos) {
        if (nowNanos < dropoutUntilNanos) {
            return OptionalDouble.empty();
        }
        if (nowNanos < stuckUntilNanos && !Double.isNaN(lastReadingDeg)) {
            return OptionalDouble.of(lastReadingDeg);
        }
        double value = trueAngleDeg + spec.offsetDeg() + random.nextGaussian() * spec.noiseDeg();
        if (nowNanos < spikesUntilNanos && random.nextDouble() < spikeProbability) {
            value += random.nextBoolean() ? spikeMagnitudeDeg : -spikeMagnitudeDeg;
        }
        if (spec.resolutionDeg() > 0) {
            value = Math.round(value / spec.resolutionDeg()) * spec.resolutionDeg();
        }
        lastReadingDeg = value;
        return OptionalDouble.of(value);
    }

    /** True while a dropout is on that the sensor reports (an I2C error the firmware sees). */
    public boolean reportsFault(long nowNanos) {
        return nowNanos < dropoutUntilNanos && dropoutFlagged;
    }

    /** Answers nothing until {@code untilNanos}; {@code flagged}: the firmware notices. */
    public void dropOut(long untilNanos, boolean flagged) {
        dropoutUntilNanos = untilNanos;
        dropoutFlagged = flagged;
    }

    /** Repeats its last reading until {@code untilNanos}. */
    public void stick(long untilNanos) {
        stuckUntilNanos = untilNanos;
    }

    /** Adds spikes of {@code magnitudeDeg} with {@code probability} per reading until {@code untilNanos}. */
    public void spike(long untilNanos, double magnitudeDeg, double probability) {
        spikesUntilNanos = untilNanos;
        spikeMagnitudeDeg = magnitudeDeg;
        spikeProbability = probability;
    }
}
