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
 * (wrapping at 65535, §8), keeps its own uptime clock (wrapping at 2^32 ms) and its own count of
 * time inverted (§6.1), answers the Control Point with result codes (§4), keeps the limits it was
 * given (§6.2), runs the heartbeat watchdog and sounds its own buzzer when the companion goes
 * silent while the user hangs (§6.3).
 *
 * <p>It knows the world only through its sensor: time inverted and the inverted state come from
 * readings (tared), not from the true angle. All times are nanoseconds of simulated time. Not
 * thread-safe; the simulation calls it holding the clock's lock.
 */
public final class TableFirmware {

    /**
     * Inverted-state hysteresis on the tared reading, 0.01° units (PROTOCOL.md §6.1): inverted once
     * the angle rises above 5.00°, no longer inverted once it falls below 3.00°.
     */
    public static final int INVERTED_ENTER_CENTI_DEG = 500;
    public static final int INVERTED_EXIT_CENTI_DEG = 300;
    /** Limits until the first Set Limits after boot (PROTOCOL.md §6.2). */
    public static final int DEFAULT_MAX_ANGLE_CENTI_DEG = 6000;
    public static final int DEFAULT_MAX_TIME_INVERTED_S = 300;
    public static final int DEFAULT_HEARTBEAT_TIMEOUT_MS = 3000;
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
    // limits (PROTOCOL.md §6.2), kept across sessions and disconnects, lost on reboot
    private int maxAngleCentiDeg;
    private int maxTimeInvertedS;
    private int heartbeatTimeoutMs;
    // watchdog (§6.3): fed by any request from the controlling companion
    private long lastFedNanos;
    private boolean heartbeatLost;
    private long beyondSinceNanos = -1;
    private boolean motorReturnedOnItsOwn;
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

    /**
     * Power on at {@code nowNanos}: the state moves from BOOTING to IDLE, which is a Status change
     * (PROTOCOL.md §2). Device Info is sent only when asked for.
     */
    public void boot(long nowNanos) {
        booting = false;
        bootAtNanos = nowNanos;
        lastAccountedNanos = nowNanos;
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
        maxAngleCentiDeg = Math.min(DEFAULT_MAX_ANGLE_CENTI_DEG, toCentiDeg(table.maxAngleDeg()));
        maxTimeInvertedS = DEFAULT_MAX_TIME_INVERTED_S;
        heartbeatTimeoutMs = DEFAULT_HEARTBEAT_TIMEOUT_MS;
        lastFedNanos = nowNanos;
        heartbeatLost = false;
        beyondSinceNanos = -1;
        motorReturnedOnItsOwn = false;
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
        sensorFault = sensor.reportsFault(nowNanos);
        if (reading.isEmpty() && !sensorFault) {
            // a silent dropout: the sensor bus times out and this firmware sends nothing, but the
            // sample slot is numbered all the same, so the companion sees the gap (PROTOCOL.md §8)
            sequence = (sequence + 1) & 0xFFFF;
            sendStatusIfChanged(false);
            return;
        }
        if (reading.isPresent()) {
            lastAngleCentiDeg = toCentiDeg(reading.getAsDouble() - zeroDeg);
        }
        updateInverted();
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
        long timeoutNanos = heartbeatTimeoutMs * 1_000_000L;
        if (sessionActive && !heartbeatLost && nowNanos - lastFedNanos > timeoutNanos) {
            heartbeatLost = true; // PROTOCOL.md §6.3: armed, and nothing heard for longer than the timeout
        }
        boolean beyond = sessionActive && beyondLimits();
        if (!beyond) {
            beyondSinceNanos = -1;
        } else if (beyondSinceNanos < 0) {
            beyondSinceNanos = nowNanos;
        }
        if (ownAlarm != AlarmPattern.OFF && !inverted) {
            ownAlarm = AlarmPattern.OFF; // the alarm asks for a return, and the return ends it (§6.3)
        } else {
            AlarmPattern wanted = AlarmPattern.OFF;
            if (sessionActive && heartbeatLost && inverted) {
                wanted = AlarmPattern.HIGH; // nobody is watching: at any angle (§6.3 duty 2)
            } else if (beyond && commandedAlarm == AlarmPattern.OFF && nowNanos - beyondSinceNanos > timeoutNanos) {
                wanted = AlarmPattern.MEDIUM; // a companion that heartbeats but misjudges is not the last line
            }
            if (wanted.code() > ownAlarm.code()) {
                ownAlarm = wanted;
            }
        }
        if (sessionActive && heartbeatLost && inverted && beyond && table.motorised() && !mechanics.motorEngaged()
                && !motorReturnedOnItsOwn) {
            motorReturnedOnItsOwn = true; // §6.3 duty 3: a motorised table brings the user back itself
            mechanics.engageMotor();
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
        if (controlGranted) {
            // §6.3: every request from the controlling companion feeds the watchdog and clears HEARTBEAT_LOST
            lastFedNanos = nowNanos;
            heartbeatLost = false;
        }
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
    public boolean onMalformedRequest(byte[] value, long nowNanos) {
        if (booting || value.length < 2 || (value[0] & 0xFF) == ControlResponse.RESPONSE_CODE) {
            return false; // §4.3: shorter than 2 bytes has no request id and gets no response
        }
        if (controlGranted) {
            lastFedNanos = nowNanos;
            heartbeatLost = false;
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
            controlGranted = true; // one peer: serial always, BLE through its single connection (§4.4)
            return ResultCode.SUCCESS;
        }
        if (c instanceof ControlCommand.Heartbeat || c instanceof ControlCommand.ReadDeviceInfo
                || c instanceof ControlCommand.ReadStatus) {
            // these need no control (§4.1); the watchdog was fed above only if this is the controller
            if (c instanceof ControlCommand.ReadDeviceInfo) {
                tx.send(deviceInfo()); // serial: the message, then the response
            } else if (c instanceof ControlCommand.ReadStatus) {
                sendStatusIfChanged(true);
            }
            return ResultCode.SUCCESS;
        }
        if (!controlGranted) {
            return ResultCode.CONTROL_NOT_PERMITTED;
        }
        if (c instanceof ControlCommand.StartSession) {
            if (sessionActive) {
                return ResultCode.SUCCESS; // §4.1: a retry is harmless, nothing is reset
            }
            if (sensorFault) {
                return ResultCode.OPERATION_FAILED; // §4.2: no session on a sensor that cannot measure
            }
            accountTimeInverted(nowNanos);
            sessionActive = true;
            timeInvertedNanos = 0;
            lastFedNanos = nowNanos; // arms and feeds the watchdog
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
                ownAlarm = AlarmPattern.OFF; // §4.1: OFF silences a self-started alarm too
            }
            if (beyondSinceNanos >= 0) {
                beyondSinceNanos = nowNanos; // the companion is judging: give it another timeout
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
        } else if (ownAlarm != AlarmPattern.OFF) {
            state = FirmwareState.ALARM; // §3.2: the table's own alarm, not one the companion commanded
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

    /** The limits in force: max angle (0.01°), max time inverted (s), heartbeat timeout (ms). */
    public int[] limits() {
        return new int[] {maxAngleCentiDeg, maxTimeInvertedS, heartbeatTimeoutMs};
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

    /** PROTOCOL.md §6.2. */
    private boolean beyondLimits() {
        return lastAngleCentiDeg > maxAngleCentiDeg || timeInvertedMs() > maxTimeInvertedS * 1000L;
    }

    private void updateInverted() {
        if (sensorFault && sessionActive) {
            inverted = true; // §6.1: an angle the table cannot measure is never "safe"
        } else if (!inverted && lastAngleCentiDeg > INVERTED_ENTER_CENTI_DEG) {
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
