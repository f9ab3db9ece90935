package dev.hangtime.device;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The table's health (PROTOCOL.md §3.2), decoded from its flag and fault bits.
 *
 * @param batteryPercent  0..100, empty when the table runs on mains power
 * @param sensorFault     the angle sensor reports a fault: its angle must not be trusted
 * @param motorFault      the motor of a motorised table failed
 * @param lowBattery      the battery is low
 * @param heartbeatLost   the table's watchdog fired: it stopped hearing the companion
 * @param calibrationLost the angle sensor lost its calibration
 * @param state           what the firmware is doing
 */
public record TableStatus(OptionalInt batteryPercent, boolean sensorFault, boolean motorFault,
                          boolean lowBattery, boolean heartbeatLost, boolean calibrationLost,
                          FirmwareActivity state) {
    public TableStatus {
        Objects.requireNonNull(batteryPercent, "batteryPercent");
        Objects.requireNonNull(state, "state");
    }

    /** The firmware's own state; {@link #UNKNOWN} for a code this companion does not know. */
    public enum FirmwareActivity { BOOTING, IDLE, SESSION, ALARM, CALIBRATING, ERROR, UNKNOWN }
}
