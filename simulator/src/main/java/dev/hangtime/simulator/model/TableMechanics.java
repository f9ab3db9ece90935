package dev.hangtime.simulator.model;

import dev.hangtime.simulator.scenario.TableSpec;

/**
 * The bed of an inversion table: where it is (degrees from horizontal, positive = head below
 * feet) and how it moves. The user (or the motor) sets a target and a speed; the bed turns toward
 * it no faster than the table allows and stops at the upright position, the tether strap and the
 * mechanical maximum, whatever is asked.
 */
public final class TableMechanics {

    /** Closer than this to the target counts as arrived (below the protocol's 0.01° resolution). */
    private static final double ARRIVED_DEG = 0.001;

    private final TableSpec spec;
    private double angleDeg;
    private double targetDeg;
    private double speedDegPerS;
    private double lastRateDegPerS;
    private boolean motorEngaged;

    public TableMechanics(TableSpec spec) {
        this.spec = spec;
        this.angleDeg = spec.startAngleDeg();
        this.targetDeg = angleDeg;
        this.speedDegPerS = 0;
    }

    /** The true angle of the bed, degrees. */
    public double angleDeg() {
        return angleDeg;
    }

    /** The angular speed over the last step, degrees per second (positive = tilting head-down). */
    public double rateDegPerS() {
        return lastRateDegPerS;
    }

    /**
     * The user's intent: turn toward {@code toDeg} at {@code degPerS}. Ignored while the motor drives
     * (the user cannot overpower it).
     */
    public void moveToward(double toDeg, double degPerS) {
        if (motorEngaged) {
            return;
        }
        targetDeg = toDeg;
        speedDegPerS = Math.min(Math.abs(degPerS), spec.maxSpeedDegPerS());
    }

    /** Return to Upright on a motorised table: the motor drives the bed to upright, then releases it. */
    public void engageMotor() {
        if (!spec.motorised()) {
            throw new IllegalStateException("this table has no motor");
        }
        motorEngaged = true;
        targetDeg = spec.uprightAngleDeg();
        speedDegPerS = spec.motorSpeedDegPerS();
    }

    public boolean motorEngaged() {
        return motorEngaged;
    }

    /** The target clamped to where the bed can go. */
    public double reachableTargetDeg() {
        return clamp(targetDeg);
    }

    /** True when the bed is where it was asked to go, or as far as the stops let it. */
    public boolean atTarget() {
        return Math.abs(angleDeg - reachableTargetDeg()) < ARRIVED_DEG;
    }

    /** Moves the bed for {@code dtSeconds}; exact for a constant target and speed. */
    public void advance(double dtSeconds) {
        if (dtSeconds <= 0) {
            return;
        }
        double goal = reachableTargetDeg();
        double maxStep = speedDegPerS * dtSeconds;
        double delta = goal - angleDeg;
        double step = Math.abs(delta) <= maxStep ? delta : Math.copySign(maxStep, delta);
        angleDeg = clamp(angleDeg + step);
        lastRateDegPerS = step / dtSeconds;
        if (motorEngaged && atTarget()) {
            motorEngaged = false; // the motor releases at upright; the user may move again
            speedDegPerS = 0;
        }
    }

    private double clamp(double deg) {
        return Math.max(spec.uprightAngleDeg(), Math.min(spec.reachDeg(), deg));
    }
}
