package dev.hangtime.simulator.scenario;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The table: its mechanics (angles in degrees from horizontal, positive = head below feet; speeds in
 * degrees per second) and the firmware's identity and start state.
 *
 * @param model              table model reported in Device Info, at most 32 UTF-8 bytes
 * @param firmwareVersion    firmware version reported in Device Info, at most 16 UTF-8 bytes
 * @param motorised          has a motor that obeys Return to Upright
 * @param uprightAngleDeg    the angle of the table when the user stands (its smallest angle)
 * @param maxAngleDeg        the mechanical maximum
 * @param tetherDeg          where the tether strap stops the table (at most the mechanical maximum)
 * @param maxSpeedDegPerS    the fastest the bed turns under a user's own movement
 * @param motorSpeedDegPerS  how fast the motor turns the bed
 * @param startAngleDeg      the angle at time zero
 * @param ankleSensor        reports the ankle lock (user secured) flag
 * @param buzzer             has a buzzer (Set Alarm is supported)
 * @param batteryPercent     battery level, empty for a mains-powered table
 * @param sequenceStart      first measurement sequence number after boot of the simulation
 * @param clockStartMs       device uptime clock at time zero, milliseconds (to exercise the wrap)
 */
public record TableSpec(String model, String firmwareVersion, boolean motorised, double uprightAngleDeg,
                        double maxAngleDeg, double tetherDeg, double maxSpeedDegPerS, double motorSpeedDegPerS,
                        double startAngleDeg, boolean ankleSensor, boolean buzzer, OptionalInt batteryPercent,
                        int sequenceStart, long clockStartMs) {

    public TableSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(batteryPercent, "batteryPercent");
        if (!(uprightAngleDeg < 0 && tetherDeg <= maxAngleDeg && startAngleDeg >= uprightAngleDeg
                && startAngleDeg <= tetherDeg)) {
            throw new IllegalArgumentException("inconsistent table angles: upright " + uprightAngleDeg + ", tether "
                    + tetherDeg + ", max " + maxAngleDeg + ", start " + startAngleDeg);
        }
    }

    /** The farthest the bed can turn head-down: the tether stop. */
    public double reachDeg() {
        return Math.min(tetherDeg, maxAngleDeg);
    }
}
