package dev.hangtime.device;

import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.TableCommand;
import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.MeasurementFlags;
import dev.hangtime.protocol.StatusFaults;
import java.util.OptionalInt;

/** Between the wire's records and the companion's: units, flags and result codes. Pure. */
final class WireMapping {

    private WireMapping() {
    }

    /**
     * The control point command for a table command (PROTOCOL.md §4.1).
     *
     * @throws IllegalArgumentException when a parameter cannot be put on the wire
     */
    static ControlCommand toWire(TableCommand command) {
        if (command instanceof TableCommand.StartSession) {
            return new ControlCommand.StartSession();
        } else if (command instanceof TableCommand.StopSession) {
            return new ControlCommand.StopSession();
        } else if (command instanceof TableCommand.PushLimits limits) {
            if (!Double.isFinite(limits.maxAngleDeg())) {
                throw new IllegalArgumentException("maxAngleDeg must be finite, was " + limits.maxAngleDeg());
            }
            // PROTOCOL.md §4.1: the angle travels in 0.01° units
            long centiDeg = Math.round(limits.maxAngleDeg() * 100.0);
            if (centiDeg < Short.MIN_VALUE || centiDeg > Short.MAX_VALUE) {
                throw new IllegalArgumentException("maxAngleDeg " + limits.maxAngleDeg() + " is outside -327.68..327.67");
            }
            return new ControlCommand.SetLimits((int) centiDeg, limits.maxTimeInvertedS(), limits.heartbeatTimeoutMs());
        } else if (command instanceof TableCommand.SoundAlarm alarm) {
            return new ControlCommand.SetAlarm(pattern(alarm.priority()));
        } else if (command instanceof TableCommand.SilenceAlarm) {
            return new ControlCommand.SetAlarm(ControlCommand.AlarmPattern.OFF);
        } else if (command instanceof TableCommand.ReturnToUpright) {
            return new ControlCommand.ReturnToUpright();
        } else if (command instanceof TableCommand.Heartbeat) {
            return new ControlCommand.Heartbeat();
        }
        throw new IllegalArgumentException("no control point command for " + command);
    }

    /** The buzzer pattern for an alarm priority (PROTOCOL.md §4.1, after IEC 60601-1-8). */
    static ControlCommand.AlarmPattern pattern(AlarmPriority priority) {
        return switch (priority) {
            case LOW -> ControlCommand.AlarmPattern.LOW;
            case MEDIUM -> ControlCommand.AlarmPattern.MEDIUM;
            case HIGH -> ControlCommand.AlarmPattern.HIGH;
        };
    }

    static CommandResult.Outcome outcome(ControlResponse.ResultCode code) {
        return switch (code) {
            case SUCCESS -> CommandResult.Outcome.SUCCESS;
            case OP_CODE_NOT_SUPPORTED -> CommandResult.Outcome.NOT_SUPPORTED;
            case INVALID_PARAMETER -> CommandResult.Outcome.INVALID_PARAMETER;
            case CONTROL_NOT_PERMITTED -> CommandResult.Outcome.NOT_PERMITTED;
            // a result code this companion does not know is no success
            case OPERATION_FAILED, UNKNOWN -> CommandResult.Outcome.FAILED;
        };
    }

    static Sample toSample(Measurement m, long receivedAtMs) {
        return new Sample(m.sequence(), m.deviceTimeMs(), receivedAtMs, m.angleDegrees(), m.timeInvertedMs(),
                m.has(MeasurementFlags.CALIBRATED), m.has(MeasurementFlags.USER_SECURED),
                m.has(MeasurementFlags.MOTORISED), m.has(MeasurementFlags.SENSOR_FAULT));
    }

    static TableInfo toTableInfo(DeviceInfo d) {
        return new TableInfo(d.tableModel(), d.firmwareVersion(), d.protocolMajor(), d.protocolMinor(),
                d.minAngleCentiDeg() / 100.0, d.maxAngleCentiDeg() / 100.0, d.motorised(), d.sampleRateHz());
    }

    static TableStatus toTableStatus(dev.hangtime.protocol.Status s) {
        OptionalInt battery = (s.flags() & dev.hangtime.protocol.Status.BATTERY_PRESENT) != 0
                ? OptionalInt.of(s.batteryPercent()) : OptionalInt.empty();
        int f = s.faults();
        return new TableStatus(battery, (f & StatusFaults.SENSOR) != 0, (f & StatusFaults.MOTOR) != 0,
                (f & StatusFaults.LOW_BATTERY) != 0, (f & StatusFaults.HEARTBEAT_LOST) != 0,
                (f & StatusFaults.CALIBRATION_LOST) != 0, activity(s.firmwareState()));
    }

    private static TableStatus.FirmwareActivity activity(dev.hangtime.protocol.FirmwareState state) {
        return switch (state) {
            case BOOTING -> TableStatus.FirmwareActivity.BOOTING;
            case IDLE -> TableStatus.FirmwareActivity.IDLE;
            case SESSION -> TableStatus.FirmwareActivity.SESSION;
            case ALARM -> TableStatus.FirmwareActivity.ALARM;
            case CALIBRATING -> TableStatus.FirmwareActivity.CALIBRATING;
            case ERROR -> TableStatus.FirmwareActivity.ERROR;
            case UNKNOWN -> TableStatus.FirmwareActivity.UNKNOWN;
        };
    }

    /**
     * How many samples were lost between two sequence numbers (PROTOCOL.md §3.1: 16 bits, +1 per
     * sample, wrapping). Zero for the next number; zero too for a repeat or a step back, which are
     * not losses (a table that restarted begins again from any number).
     */
    static int missedBetween(int previous, int current) {
        int missed = (current - previous - 1) & 0xFFFF;
        // a "gap" of half the sequence space or more is a step back or a repeat, not a loss
        return missed >= 0x8000 ? 0 : missed;
    }
}
