package dev.hangtime.simulator.model;

import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlCommand.AlarmPattern;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.ControlResponse.ResultCode;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.FirmwareState;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.MeasurementFlags;
import dev.hangtime.protocol.Status;
import dev.hangtime.protocol.StatusFaults;
import dev.hangtime.simulator.scenario.SensorSpec;
import dev.hangtime.simulator.scenario.TableSpec;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;

/**
 * The table's firmware as PROTOCOL.md describes it: it samples the sensor, numbers the samples
 * (wrapping at 65535), keeps its own uptime clock (wrapping at 2^32 ms) and its own count of time
 * inverted, answers the Control Point with result codes, keeps the limits it was given, runs the
 * heartbeat watchdog and sounds its own buzzer when the companion goes silent while the user hangs.
 *
 * <p>It knows the world only through its sensor: time inverted and the inverted state come from
 * readings (tared), not from the true angle. All times are nanoseconds of simulated time. Not
 * thread-safe; the simulation calls it holding the clock's lock.
 */
public final class TableFirmware {

    /**
     * Inverted-state hysteresis on the tared reading, 0.01° units: inverted from +5.00° up, no longer
     * inverted below +2.00°, so noise around horizontal does not chatter (DESIGN.md: "Inverted" uses
     * hysteresis).
     */
    public static final int INVERTED_ENTER_CENTI_DEG = 500;
    public static final int INVERTED_EXIT_CENTI_DEG = 200;
    /** Battery level below which the LOW_BATTERY fault is reported. */
    static final int LOW_BATTERY_PERCENT = 15;

    private final TableSpec table;
    private final SensorSpec sensorSpec;
    private final AngleSensor sensor;
    private final TableMechanics mechanics;
    private final Transmitter tx;
    private final BooleanSupplier userSecured;
    private final Listener listener;

    // boot
    private boolean booting;
    private long bootAtNanos;
    private long clockAtBootMs;
    private int sequence;
    // control and session
    private boolean controlGranted;
    private boolean sessionActive;
    private long timeInvertedNanos;
    private long lastAccountedNanos;
    private boolean inverted;
    // limits (PROTOCOL.md §4.1 Set Limits); until set, the table's own reach and the scenario's watchdog
    private int maxAngleCentiDeg;
    private int maxTimeInvertedS;
    private int heartbeatTimeoutMs;
    private long lastHeartbeatNanos;
    private boolean heartbeatLost;
    // buzzer
    private AlarmPattern commandedAlarm = AlarmPattern.OFF;
    private AlarmPattern ownAlarm = AlarmPattern.OFF;
    private boolean buzzerWasSounding;
    // calibration
    private double zeroDeg;
    private boolean calibrated;
    private boolean calibrationLost;
    // last reading
    private int lastAngleCentiDeg;
    private boolean sensorFault;
    private Status lastStatusSent;

    /** What the rest of the simulation needs to hear from the firmware. */
    public interface Listener {
        void buzzerChanged(boolean sounding, long nowNanos);

        void sessionStarted(long nowNanos);

        void sessionStopped(long nowNanos);
    }

    public TableFirmware(TableSpec table, SensorSpec sensorSpec, AngleSensor sensor, TableMechanics mechanics,
                         Transmitter tx, BooleanSupplier userSecured, Listener listener) {
        this.table = table;
        this.sensorSpec = sensorSpec;
        this.sensor = sensor;
        this.mechanics = mechanics;
        this.tx = tx;
        this.userSecured = userSecured;
        this.listener = listener;
        this.calibrated = sensorSpec.calibrated();
        this.sequence = table.sequenceStart();
        this.clockAtBootMs = table.clockStartMs();
        resetVolatileState(0);
    }

    // ------------------------------------------------------------------ boot

    /** Power on at {@code nowNanos}: announce what the table is and how it is. */
    public void boot(long nowNanos) {
        booting = false;
        bootAtNanos = nowNanos;
        lastAccountedNanos = nowNanos;
        tx.send(deviceInfo());
        sendStatusIfChanged(true);
    }

    /** The reboot fault begins: the firmware stops, its link goes silent. */
    public void startReboot(long nowNanos) {
        booting = true;
        tx.linkDown("device rebooting");
        boolean wasSounding = buzzerSounding();
        commandedAlarm = AlarmPattern.OFF;
        ownAlarm = AlarmPattern.OFF;
        if (wasSounding) {
            buzzerWasSounding = false;
            listener.buzzerChanged(false, nowNanos);
        }
        // the session dies with the RAM; the user is not told (no Stop Session cue reaches them)
        sessionActive = false;
    }

    /** The reboot ends: RAM state is gone, sequence and clock restart at 0 (PROTOCOL.md §3.1). */
    public void finishReboot(long nowNanos) {
        sequence = 0;
        clockAtBootMs = 0;
        if (!sensorSpec.calibrated() && calibrated) {
            // a tare held only in RAM is lost with it
            calibrated = false;
            calibrationLost = true;
            zeroDeg = 0;
        }
        resetVolatileState(nowNanos);
        tx.linkUp();
        lastStatusSent = null;
        boot(nowNanos);
    }

    private void resetVolatileState(long nowNanos) {
        controlGranted = false;
        sessionActive = false;
        timeInvertedNanos = 0;
        inverted = false;
        maxAngleCentiDeg = (int) Math.round(table.maxAngleDeg() * 100);
        maxTimeInvertedS = 0xFFFF;
        heartbeatTimeoutMs = (int) table.watchdog().toMillis();
        lastHeartbeatNanos = nowNanos;
        heartbeatLost = false;
        commandedAlarm = AlarmPattern.OFF;
        ownAlarm = AlarmPattern.OFF;
        sensorFault = false;
    }

    // ------------------------------------------------------------------ sampling

    /** One sample period: read the sensor, count time inverted, send a measurement. */
    public void sample(long nowNanos) {
        if (booting) {
            return;
        }
        accountTimeInverted(nowNanos);
        OptionalDouble reading = sensor.read(mechanics.angleDeg(), nowNanos);
        boolean faultNow = sensor.reportsFault(nowNanos);
        if (faultNow != sensorFault) {
            sensorFault = faultNow;
        }
        if (reading.isEmpty() && !faultNow) {
            // a silent dropout: the sensor bus times out and this firmware sends nothing
            sendStatusIfChanged(false);
            return;
        }
        if (reading.isPresent()) {
            lastAngleCentiDeg = toCentiDeg(reading.getAsDouble() - zeroDeg);
            updateInverted();
        }
        int flags = 0;
        if (calibrated) {
            flags |= MeasurementFlags.CALIBRATED;
        }
        if (table.ankleSensor() && userSecured.getAsBoolean()) {
            flags |= MeasurementFlags.USER_SECURED;
        }
        if (table.motorised()) {
            flags |= MeasurementFlags.MOTORISED;
        }
        if (sensorFault) {
            flags |= MeasurementFlags.SENSOR_FAULT;
        }
        if (sessionActive) {
            flags |= MeasurementFlags.SESSION_ACTIVE;
        }
        if (buzzerSounding()) {
            flags |= MeasurementFlags.DEVICE_ALARM;
        }
        int rate = 0;
        if (sensorSpec.angularRate()) {
            flags |= MeasurementFlags.ANGULAR_RATE_PRESENT;
            // the gyro reads the bed's true rate; 0.1°/s units, clamped to the field
            rate = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(mechanics.rateDegPerS() * 10)));
        }
        tx.send(new Measurement(flags, sequence, deviceTimeMs(nowNanos), lastAngleCentiDeg,
                timeInvertedMs(), rate));
        sequence = (sequence + 1) & 0xFFFF;
        sendStatusIfChanged(false);
    }

    /** The firmware's main loop between samples: watchdog, its own alarm, status. */
    public void tick(long nowNanos) {
        if (booting) {
            return;
        }
        accountTimeInverted(nowNanos);
        if (sessionActive && !heartbeatLost
                && nowNanos - lastHeartbeatNanos > heartbeatTimeoutMs * 1_000_000L) {
            heartbeatLost = true;
        }
        // defence in depth (DESIGN.md): the companion is silent and the user hangs
        if (ownAlarm != AlarmPattern.OFF && !inverted) {
            ownAlarm = AlarmPattern.OFF;
        } else if (sessionActive && heartbeatLost && inverted) {
            AlarmPattern wanted = beyondLimits() ? AlarmPattern.HIGH : AlarmPattern.MEDIUM;
            if (wanted.code() > ownAlarm.code()) {
                ownAlarm = wanted;
            }
        }
        notifyBuzzer(nowNanos);
        sendStatusIfChanged(false);
    }

    // ------------------------------------------------------------------ control point

    /** Handles one request and sends its response (PROTOCOL.md §4). */
    public void onRequest(ControlRequest request, long nowNanos) {
        if (booting) {
            return;
        }
        ControlCommand command = request.command();
        ResultCode result = handle(command, nowNanos);
        tx.send(new ControlResponse(request.requestId(), command.opCodeByte(), result));
        notifyBuzzer(nowNanos);
        sendStatusIfChanged(false);
    }

    /**
     * A Control Point value that did not decode: if it holds an op code and a request id, the
     * request's parameters were invalid (an unknown op code decodes, see {@link ControlCommand.Unknown}).
     *
     * @return true when answered
     */
    public boolean onMalformedRequest(byte[] value) {
        if (booting || value.length < 2 || (value[0] & 0xFF) == ControlResponse.RESPONSE_CODE) {
            return false;
        }
        tx.send(new ControlResponse(value[1] & 0xFF, value[0] & 0xFF, ResultCode.INVALID_PARAMETER));
        return true;
    }

    /** The central went away (BLE disconnect, or the link dropped): control must be requested again. */
    public void peerLost() {
        controlGranted = false;
    }

    private ResultCode handle(ControlCommand c, long nowNanos) {
        // PROTOCOL.md §4.3: what the table cannot do is unsupported whoever asks
        if (c instanceof ControlCommand.Unknown) {
            return ResultCode.OP_CODE_NOT_SUPPORTED;
        }
        if (c instanceof ControlCommand.ReturnToUpright && !table.motorised()) {
            return ResultCode.OP_CODE_NOT_SUPPORTED;
        }
        if (c instanceof ControlCommand.SetAlarm && !table.buzzer()) {
            return ResultCode.OP_CODE_NOT_SUPPORTED;
        }
        if (c instanceof ControlCommand.RequestControl) {
            controlGranted = true;
            return ResultCode.SUCCESS;
        }
        if (c instanceof ControlCommand.Heartbeat) {
            // proof of life needs no control, so a companion can keep the watchdog fed while it reconnects
            lastHeartbeatNanos = nowNanos;
            heartbeatLost = false;
            return ResultCode.SUCCESS;
        }
        if (!controlGranted) {
            return ResultCode.CONTROL_NOT_PERMITTED;
        }
        if (c instanceof ControlCommand.StartSession) {
            if (sessionActive) {
                return ResultCode.OPERATION_FAILED; // a running session is never restarted (its count would be lost)
            }
            accountTimeInverted(nowNanos);
            sessionActive = true;
            timeInvertedNanos = 0;
            lastHeartbeatNanos = nowNanos; // arms the watchdog
            heartbeatLost = false;
            listener.sessionStarted(nowNanos);
            return ResultCode.SUCCESS;
        }
        if (c instanceof ControlCommand.StopSession) {
            accountTimeInverted(nowNanos);
            if (sessionActive) {
                sessionActive = false;
                heartbeatLost = false;
                ownAlarm = AlarmPattern.OFF;
                listener.sessionStopped(nowNanos);
            }
            return ResultCode.SUCCESS; // stopping a stopped session leaves it stopped: success
        }
        if (c instanceof ControlCommand.SetLimits limits) {
            if (limits.maxAngleCentiDeg() <= 0 || limits.maxAngleCentiDeg() > Math.round(table.maxAngleDeg() * 100)) {
                return ResultCode.INVALID_PARAMETER; // a limit the table can never reach, or head-up, is a mistake
            }
            maxAngleCentiDeg = limits.maxAngleCentiDeg();
            maxTimeInvertedS = limits.maxTimeInvertedS();
            heartbeatTimeoutMs = limits.heartbeatTimeoutMs();
            return ResultCode.SUCCESS;
        }
        if (c instanceof ControlCommand.SetAlarm alarm) {
            commandedAlarm = alarm.pattern();
            if (alarm.pattern() == AlarmPattern.OFF) {
                ownAlarm = AlarmPattern.OFF; // the companion, alive again, acknowledges
            }
            return ResultCode.SUCCESS;
        }
        if (c instanceof ControlCommand.ReturnToUpright) {
            mechanics.engageMotor();
            return ResultCode.SUCCESS;
        }
        if (c instanceof ControlCommand.Tare) {
            if (sessionActive) {
                return ResultCode.OPERATION_FAILED; // the zero never moves under a hanging user
            }
            OptionalDouble reading = sensor.read(mechanics.angleDeg(), nowNanos);
            if (reading.isEmpty()) {
                return ResultCode.OPERATION_FAILED;
            }
            zeroDeg = reading.getAsDouble();
            calibrated = true;
            calibrationLost = false;
            return ResultCode.SUCCESS;
        }
        if (c instanceof ControlCommand.ReadDeviceInfo) {
            tx.send(deviceInfo());
            return ResultCode.SUCCESS;
        }
        if (c instanceof ControlCommand.ReadStatus) {
            sendStatusIfChanged(true);
            return ResultCode.SUCCESS;
        }
        return ResultCode.OP_CODE_NOT_SUPPORTED;
    }

    // ------------------------------------------------------------------ state

    public DeviceInfo deviceInfo() {
        int capabilities = (table.motorised() ? DeviceInfo.MOTORISED : 0)
                | (table.ankleSensor() ? DeviceInfo.ANKLE_SENSOR : 0)
                | (table.buzzer() ? DeviceInfo.BUZZER : 0);
        return new DeviceInfo(DeviceInfo.PROTOCOL_MAJOR, DeviceInfo.PROTOCOL_MINOR, table.firmwareVersion(),
                table.model(), toCentiDeg(table.uprightAngleDeg()), toCentiDeg(table.maxAngleDeg()), capabilities,
                sensorSpec.rateHz());
    }

    public Status status() {
        int faults = 0;
        if (sensorFault) {
            faults |= StatusFaults.SENSOR;
        }
        if (heartbeatLost) {
            faults |= StatusFaults.HEARTBEAT_LOST;
        }
        if (calibrationLost) {
            faults |= StatusFaults.CALIBRATION_LOST;
        }
        int battery = table.batteryPercent().orElse(0);
        if (table.batteryPercent().isPresent() && battery < LOW_BATTERY_PERCENT) {
            faults |= StatusFaults.LOW_BATTERY;
        }
        FirmwareState state;
        if (booting) {
            state = FirmwareState.BOOTING;
        } else if (sensorFault) {
            state = FirmwareState.ERROR;
        } else if (buzzerSounding()) {
            state = FirmwareState.ALARM;
        } else if (sessionActive) {
            state = FirmwareState.SESSION;
        } else {
            state = FirmwareState.IDLE;
        }
        return new Status(table.batteryPercent().isPresent() ? Status.BATTERY_PRESENT : 0, battery, faults, state);
    }

    public boolean buzzerSounding() {
        return commandedAlarm != AlarmPattern.OFF || ownAlarm != AlarmPattern.OFF;
    }

    /** The firmware's own alarm (watchdog), OFF when only the companion's command sounds. */
    public AlarmPattern ownAlarm() {
        return ownAlarm;
    }

    public boolean sessionActive() {
        return sessionActive;
    }

    public boolean controlGranted() {
        return controlGranted;
    }

    public boolean heartbeatLost() {
        return heartbeatLost;
    }

    public boolean booting() {
        return booting;
    }

    /** The firmware's own count of time inverted in this session, milliseconds. */
    public long timeInvertedMs() {
        return Math.min(0xFFFF_FFFFL, timeInvertedNanos / 1_000_000L);
    }

    /** The device uptime clock, milliseconds, wrapping at 2^32 (PROTOCOL.md §3.1). */
    public long deviceTimeMs(long nowNanos) {
        return (clockAtBootMs + (nowNanos - bootAtNanos) / 1_000_000L) & 0xFFFF_FFFFL;
    }

    /** The sequence number the next measurement will carry. */
    public int nextSequence() {
        return sequence;
    }

    private boolean beyondLimits() {
        return lastAngleCentiDeg > maxAngleCentiDeg || timeInvertedNanos / 1_000_000_000L > maxTimeInvertedS;
    }

    private void updateInverted() {
        if (!inverted && lastAngleCentiDeg >= INVERTED_ENTER_CENTI_DEG) {
            inverted = true;
        } else if (inverted && lastAngleCentiDeg < INVERTED_EXIT_CENTI_DEG) {
            inverted = false;
        }
    }

    private void accountTimeInverted(long nowNanos) {
        // the count follows the last known state; during a dropout a hanging user keeps counting
        if (sessionActive && inverted) {
            timeInvertedNanos += nowNanos - lastAccountedNanos;
        }
        lastAccountedNanos = nowNanos;
    }

    private void notifyBuzzer(long nowNanos) {
        boolean sounding = buzzerSounding();
        if (sounding != buzzerWasSounding) {
            buzzerWasSounding = sounding;
            listener.buzzerChanged(sounding, nowNanos);
        }
    }

    private void sendStatusIfChanged(boolean always) {
        Status now = status();
        if (always || !now.equals(lastStatusSent)) {
            lastStatusSent = now;
            tx.send(now);
        }
    }

    private static int toCentiDeg(double deg) {
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(deg * 100)));
    }
}
