package dev.hangtime.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlCommand.AlarmPattern;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.ControlResponse.ResultCode;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.FirmwareState;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.MeasurementFlags;
import dev.hangtime.protocol.Status;
import dev.hangtime.protocol.StatusFaults;
import dev.hangtime.simulator.model.SimulatedUser;
import dev.hangtime.simulator.scenario.FaultSpec;
import dev.hangtime.simulator.scenario.Scenario;
import dev.hangtime.simulator.scenario.ScenarioException;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated table through the in-process carrier, on the virtual clock: the firmware's
 * protocol behaviour, the physics and the user, and each fault, with expectations worked out from
 * the scenario (not read back from a run).
 */
class TableSimulationTest {

    private static final Duration START = Duration.ofSeconds(2);

    private static Scenario inline(String yaml) throws ScenarioException {
        return ScenarioLoader.parse(new StringReader(yaml), "inline.yaml", "inline");
    }

    private static ScriptedCompanion companion(Scenario s) {
        return new ScriptedCompanion(new TableSimulation(s));
    }

    private static TableSimulation table(ScriptedCompanion c) {
        return (TableSimulation) c.channel.table();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    // ------------------------------------------------------------------ sampling and counters

    @Test
    void measurementsArriveAtTheSensorRateWithConsecutiveSequenceNumbersAndDeviceTime() throws Exception {
        ScriptedCompanion c = companion(inline("""
                sensor: {rate: 25}
                user: {script: [ {hold: 1h} ]}
                """));
        c.channel.advanceBy(Duration.ofSeconds(10));
        c.send(new ControlCommand.ReadDeviceInfo()); // no control needed (PROTOCOL.md §4.1)
        c.channel.advanceBy(Duration.ofMillis(5));
        List<Measurement> ms = c.measurements();
        assertEquals(250, ms.size(), "25 Hz for 10 s");
        for (int i = 0; i < ms.size(); i++) {
            assertEquals(i, ms.get(i).sequence());
            assertEquals(40L * (i + 1), ms.get(i).deviceTimeMs(), "one sample every 40 ms");
        }
        DeviceInfo info = c.all(DeviceInfo.class).get(0);
        assertEquals(25, info.sampleRateHz());
        assertEquals(-8000, info.minAngleCentiDeg());
        assertEquals(List.of(new Status(0, 0, 0, FirmwareState.IDLE)), c.all(Status.class));
    }

    @Test
    void sequenceNumberAndDeviceClockWrapAround() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("sequence-wrap"));
        c.channel.advanceBy(Duration.ofSeconds(70));
        List<Measurement> ms = c.measurements();
        int wrapAt = -1;
        for (int i = 1; i < ms.size(); i++) {
            assertEquals((ms.get(i - 1).sequence() + 1) & 0xFFFF, ms.get(i).sequence());
            if (ms.get(i).sequence() == 0) {
                wrapAt = i;
            }
        }
        assertEquals(536, wrapAt, "65000 + 536 = 65536");
        // the clock starts 60 s before 2^32 ms, so the sample at 60.00 s reads 0 and the one before 2^32 - 50
        Measurement after = ms.stream().filter(m -> m.deviceTimeMs() < 1000).findFirst().orElseThrow();
        assertEquals(0, after.deviceTimeMs());
        assertEquals(4_294_967_246L, ms.get(ms.indexOf(after) - 1).deviceTimeMs());
    }

    // ------------------------------------------------------------------ control point

    @Test
    void commandsBeforeRequestControlAreNotPermittedButHeartbeatIs() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("compliant-morning"));
        c.channel.advanceBy(Duration.ofSeconds(1));
        int start = c.send(new ControlCommand.StartSession());
        int beat = c.send(new ControlCommand.Heartbeat());
        int control = c.send(new ControlCommand.RequestControl());
        int start2 = c.send(new ControlCommand.StartSession());
        int start3 = c.send(new ControlCommand.StartSession());
        c.channel.advanceBy(Duration.ofMillis(100));
        assertEquals(new ControlResponse(start, 0x02, ResultCode.CONTROL_NOT_PERMITTED), c.responseTo(start));
        assertEquals(ResultCode.SUCCESS, c.responseTo(beat).result());
        assertEquals(ResultCode.SUCCESS, c.responseTo(control).result());
        assertEquals(ResultCode.SUCCESS, c.responseTo(start2).result());
        assertEquals(ResultCode.SUCCESS, c.responseTo(start3).result(), "a retry is harmless (PROTOCOL.md §4.1)");
    }

    @Test
    void aRepeatedStartSessionDoesNotResetTheCount() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("compliant-morning")).startsSessionAt(START, 6000, 600, 3000);
        c.channel.advanceBy(Duration.ofSeconds(60));
        long counted = c.measurements().get(c.measurements().size() - 1).timeInvertedMs();
        assertTrue(counted > 30_000, "inverted for a while: " + counted);
        int retry = c.send(new ControlCommand.StartSession());
        c.channel.advanceBy(Duration.ofSeconds(1));
        assertEquals(ResultCode.SUCCESS, c.responseTo(retry).result());
        assertEquals(counted + 1000, c.measurements().get(c.measurements().size() - 1).timeInvertedMs(), 50);
    }

    @Test
    void returnToUprightIsNotSupportedWithoutAMotorEvenBeforeControl() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("compliant-morning"));
        int early = c.send(new ControlCommand.ReturnToUpright());
        c.send(new ControlCommand.RequestControl());
        int late = c.send(new ControlCommand.ReturnToUpright());
        c.channel.advanceBy(Duration.ofMillis(100));
        assertEquals(new ControlResponse(early, 0x06, ResultCode.OP_CODE_NOT_SUPPORTED), c.responseTo(early));
        assertEquals(ResultCode.OP_CODE_NOT_SUPPORTED, c.responseTo(late).result());
    }

    @Test
    void anUnknownOpCodeIsAnsweredNotSupportedWithItsOwnIdAndCode() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("compliant-morning"));
        int id = c.send(new ControlCommand.Unknown(0x42));
        c.channel.advanceBy(Duration.ofMillis(100));
        assertEquals(new ControlResponse(id, 0x42, ResultCode.OP_CODE_NOT_SUPPORTED), c.responseTo(id));
    }

    @Test
    void limitsTheTableCannotReachAreInvalidParameters() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("compliant-morning"));
        c.send(new ControlCommand.RequestControl());
        int beyond = c.send(new ControlCommand.SetLimits(9100, 300, 3000));
        int headUp = c.send(new ControlCommand.SetLimits(-1000, 300, 3000));
        int fine = c.send(new ControlCommand.SetLimits(6000, 300, 3000));
        c.channel.advanceBy(Duration.ofMillis(100));
        assertEquals(ResultCode.INVALID_PARAMETER, c.responseTo(beyond).result(), "90° is this table's maximum");
        assertEquals(ResultCode.INVALID_PARAMETER, c.responseTo(headUp).result());
        assertEquals(ResultCode.SUCCESS, c.responseTo(fine).result());
    }

    @Test
    void readRequestsSendTheMessageBeforeTheSuccess() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("motorised-return"));
        c.channel.advanceBy(Duration.ofMillis(500));
        c.received.clear();
        int info = c.send(new ControlCommand.ReadDeviceInfo());
        int status = c.send(new ControlCommand.ReadStatus());
        c.channel.advanceBy(Duration.ofMillis(30));
        List<Object> order = c.received.stream().map(ScriptedCompanion.Received::message)
                .filter(m -> !(m instanceof Measurement)).map(m -> (Object) m).toList();
        DeviceInfo expected = new DeviceInfo(1, 0, "sim-1.0", "Hangtime motorised table", -8000, 9000,
                DeviceInfo.MOTORISED | DeviceInfo.ANKLE_SENSOR | DeviceInfo.BUZZER, 20);
        // PROTOCOL.md §4.1: no control needed; the message first, then the response
        assertEquals(List.of(expected, new ControlResponse(info, 0x09, ResultCode.SUCCESS),
                new Status(Status.BATTERY_PRESENT, 64, 0, FirmwareState.IDLE),
                new ControlResponse(status, 0x0A, ResultCode.SUCCESS)), order);
    }

    // ------------------------------------------------------------------ time inverted and hysteresis

    @Test
    void timeInvertedCountsFromAboveFiveDegreesUntilBelowThree() throws ScenarioException {
        // no noise, so the reading is the bed's angle; the user starts flat
        ScriptedCompanion c = companion(inline("""
                table: {startAngle: 0}
                sensor: {noise: 0, rate: 100}
                user:
                  reactionTime: 0s
                  script:
                    - tilt: 4.5
                      speed: 90
                    - hold: 10s       # below 5°: not inverted
                    - tilt: 6
                      speed: 90
                    - hold: 10s       # inverted
                    - tilt: 3
                      speed: 90
                    - hold: 10s       # still inverted: not below 3°
                    - tilt: 1
                      speed: 90
                    - hold: 10s       # no longer inverted
                """)).startsSessionAt(Duration.ZERO, 6000, 600, 60000);
        c.channel.advanceBy(Duration.ofSeconds(45));
        long counted = c.measurements().get(c.measurements().size() - 1).timeInvertedMs();
        // 10 s at 6° + 10 s at 3° + the tilts 5→6, 6→3 and 3→1 (about 0.3 s at 20°/s)
        assertTrue(counted >= 20_000 && counted <= 20_400, "counted " + counted + " ms");
    }

    @Test
    void aGentleMorningCountsTheHoldAndTheTiltsAboveFiveDegrees() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("compliant-morning"))
                .startsSessionAt(START, 6000, 600, 3000).guards();
        c.channel.runUntil(() -> table(c).userPhase() == SimulatedUser.Phase.DONE
                && table(c).trueAngleDeg() < -79, Duration.ofMinutes(10));
        // 30° at 6°/s: 4.17 s from 5° up; 180 s hold; down from 30° to 3° at 8°/s: 3.375 s
        long counted = c.measurements().get(c.measurements().size() - 1).timeInvertedMs();
        assertEquals(187_540, counted, 150);
        double maxAngle = c.measurements().stream().mapToDouble(Measurement::angleDegrees).max().orElseThrow();
        assertEquals(30.0, maxAngle, 0.3);
    }

    // ------------------------------------------------------------------ watchdog and alarms

    @Test
    void theTableSoundsItsOwnAlarmWhenHeartbeatsStopWhileTheUserHangs() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("compliant-morning"))
                .startsSessionAt(START, 6000, 600, 3000).goesSilentAt(Duration.ofSeconds(60));
        c.channel.advanceBy(Duration.ofSeconds(90));
        List<ScriptedCompanion.Received> alarmed = c.received.stream()
                .filter(r -> r.message() instanceof Measurement m && m.has(MeasurementFlags.DEVICE_ALARM)).toList();
        assertFalse(alarmed.isEmpty(), "the table's buzzer sounds");
        // heartbeats go at 3, 4, ... 59 s (silence wins the tie at 60 s); the last reaches the table at
        // 59.002 s, the 3 s timeout passes at 62.002 s and the next 20 Hz sample carries the alarm
        double firstAlarm = seconds(alarmed.get(0).atNanos());
        assertEquals(62.05, firstAlarm, 1e-6, "first alarmed sample");
        assertTrue(c.all(Status.class).stream().anyMatch(s -> (s.faults() & StatusFaults.HEARTBEAT_LOST) != 0
                && s.firmwareState() == FirmwareState.ALARM));
        // the user hears it and, 1.5 s later, comes back; the table stops its own alarm below 2°
        assertTrue(table(c).trueAngleDeg() < -79, "the user came up: " + table(c).trueAngleDeg());
        Measurement last = c.measurements().get(c.measurements().size() - 1);
        assertFalse(last.has(MeasurementFlags.DEVICE_ALARM));
    }

    @Test
    void theWatchdogStaysQuietWhileTheUserIsNotInvertedAndSoundsOnceTheyAre() throws ScenarioException {
        ScriptedCompanion c = companion(inline("""
                user:
                  onAlarm: ignore
                  script:
                    - hold: 30s
                    - tilt: 20
                    - hold: 1m
                """)).startsSessionAt(START, 6000, 600, 3000).goesSilentAt(Duration.ofSeconds(5));
        c.channel.advanceBy(Duration.ofSeconds(30));
        assertTrue(c.all(Status.class).stream().anyMatch(s -> (s.faults() & StatusFaults.HEARTBEAT_LOST) != 0),
                "the watchdog expired");
        assertTrue(c.measurements().stream().noneMatch(m -> m.has(MeasurementFlags.DEVICE_ALARM)),
                "no alarm for a user standing upright");
        c.channel.advanceBy(Duration.ofSeconds(30));
        assertTrue(c.measurements().stream().anyMatch(m -> m.has(MeasurementFlags.DEVICE_ALARM)));
        assertEquals(AlarmPattern.HIGH, table(c).ownAlarm(), "nobody watches: HIGH at any angle (PROTOCOL.md §6.3)");
    }

    @Test
    void beyondTheLimitsWithoutAnAlarmFromTheCompanionTheTableSoundsMedium() throws ScenarioException {
        // the companion heartbeats but never alarms: the table is not the last line, but it is one
        ScriptedCompanion c = companion(inline("""
                user:
                  onAlarm: ignore
                  script:
                    - tilt: 20
                    - hold: 1m
                """)).startsSessionAt(START, 1500, 600, 3000);
        c.channel.advanceBy(Duration.ofSeconds(40));
        assertEquals(AlarmPattern.MEDIUM, table(c).ownAlarm(), "20° is beyond the 15° limit");
        assertTrue(c.measurements().get(c.measurements().size() - 1).has(MeasurementFlags.DEVICE_ALARM));
        assertFalse(c.all(Status.class).stream().anyMatch(s -> (s.faults() & StatusFaults.HEARTBEAT_LOST) != 0));
        c.send(new ControlCommand.SetAlarm(AlarmPattern.OFF));
        c.channel.advanceBy(Duration.ofSeconds(1));
        assertEquals(AlarmPattern.OFF, table(c).ownAlarm(), "Set Alarm OFF silences a self-started alarm");
        c.channel.advanceBy(Duration.ofSeconds(3));
        assertEquals(AlarmPattern.MEDIUM, table(c).ownAlarm(), "and it returns after another timeout beyond the limits");
    }

    @Test
    void onlyTheControllingCompanionFeedsTheWatchdogButAnyOfItsRequestsDoes() throws ScenarioException {
        ScriptedCompanion reading = companion(ScenarioLoader.load("compliant-morning"))
                .startsSessionAt(START, 6000, 600, 3000).goesSilentAt(Duration.ofSeconds(10));
        for (int s = 11; s < 60; s += 2) {
            reading.sendsAt(Duration.ofSeconds(s), new ControlCommand.ReadStatus());
        }
        reading.channel.advanceBy(Duration.ofSeconds(60));
        assertTrue(reading.all(Status.class).stream().noneMatch(s -> (s.faults() & StatusFaults.HEARTBEAT_LOST) != 0),
                "Read Status every 2 s feeds a 3 s watchdog");

        ScriptedCompanion lostControl = companion(ScenarioLoader.load("compliant-morning"))
                .startsSessionAt(START, 6000, 600, 3000);
        lostControl.channel.advanceBy(Duration.ofSeconds(10));
        lostControl.channel.table().peerDisconnected();
        lostControl.channel.advanceBy(Duration.ofSeconds(10));
        assertTrue(lostControl.all(Status.class).stream().anyMatch(s -> (s.faults() & StatusFaults.HEARTBEAT_LOST) != 0),
                "heartbeats from a companion without control do not feed it");
    }

    @Test
    void aMotorisedTableReturnsTheUserOnItsOwnWhenNobodyWatchesAndTheLimitsArePassed() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("motorised-return"))
                .startsSessionAt(START, 4000, 600, 3000).goesSilentAt(Duration.ofSeconds(5));
        assertTrue(c.channel.runUntil(() -> table(c).motorEngaged(), Duration.ofMinutes(2)));
        assertTrue(c.sent.stream().noneMatch(s -> s.request().command() instanceof ControlCommand.ReturnToUpright));
        assertTrue(c.channel.runUntil(() -> table(c).trueAngleDeg() <= -79.99, Duration.ofMinutes(1)));
    }

    @Test
    void startSessionOnAFaultySensorFails() throws ScenarioException {
        ScriptedCompanion c = companion(inline("""
                user: {script: [ {hold: 1m} ]}
                """));
        table(c).inject(new FaultSpec.SensorDropout(Duration.ZERO, Duration.ofSeconds(5), true));
        c.send(new ControlCommand.RequestControl());
        c.channel.advanceBy(Duration.ofMillis(100));
        int start = c.send(new ControlCommand.StartSession());
        c.channel.advanceBy(Duration.ofMillis(100));
        assertEquals(ResultCode.OPERATION_FAILED, c.responseTo(start).result());
    }

    @Test
    void theUserComesBackWhenTheCompanionSoundsTheBuzzer() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("overstay"))
                .startsSessionAt(START, 6000, 300, 3000).guards();
        c.channel.runUntil(() -> table(c).userPhase() == SimulatedUser.Phase.DONE, Duration.ofMinutes(15));
        ScriptedCompanion.Sent alarm = c.sent.stream()
                .filter(s -> s.request().command() instanceof ControlCommand.SetAlarm a && a.pattern() == AlarmPattern.HIGH)
                .findFirst().orElseThrow();
        Measurement atAlarm = c.measurements().stream().filter(m -> m.timeInvertedMs() > 300_000).findFirst().orElseThrow();
        assertNotNull(atAlarm);
        // the 5-minute limit passes about 5 min after the user reached 5°; they react 2 s after the buzzer
        assertTrue(c.received.stream().anyMatch(r -> r.atNanos() > alarm.atNanos() + 2_000_000_000L
                        && r.message() instanceof Measurement m && m.angleDegrees() < 34),
                "the user is moving back 2 s after the buzzer");
        assertTrue(c.measurements().stream().noneMatch(m -> m.timeInvertedMs() > 310_000),
                "back below 2° within 10 s of the limit");
    }

    @Test
    void theTetherStopsTheBedWhateverTheUserAsks() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("angle-overshoot"))
                .startsSessionAt(START, 6000, 600, 3000).guards();
        c.channel.runUntil(() -> table(c).userPhase() == SimulatedUser.Phase.DONE, Duration.ofMinutes(5));
        double max = c.measurements().stream().mapToDouble(Measurement::angleDegrees).max().orElseThrow();
        assertTrue(max > 79.5 && max < 80.5, "max " + max);
        assertTrue(c.sent.stream().anyMatch(s -> s.request().command() instanceof ControlCommand.SetAlarm),
                "the companion alarmed at its 60° limit");
    }

    @Test
    void anUnresponsiveUserIgnoresTheBuzzerAndTheEndOfTheSession() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("unresponsive-user"))
                .startsSessionAt(START, 3000, 60, 3000).guards();
        c.sendsAt(Duration.ofMinutes(3), new ControlCommand.StopSession());
        c.channel.advanceBy(Duration.ofMinutes(4));
        assertEquals(45.0, table(c).trueAngleDeg(), 0.01);
        assertEquals(SimulatedUser.Phase.DONE, table(c).userPhase());
    }

    @Test
    void aMotorisedTableReturnsTheUserAtItsMotorSpeed() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("motorised-return"))
                .startsSessionAt(START, 4000, 600, 3000).guards();
        assertTrue(c.channel.runUntil(() -> table(c).motorEngaged(), Duration.ofMinutes(5)));
        assertTrue(c.channel.runUntil(() -> table(c).trueAngleDeg() <= -79.99, Duration.ofMinutes(5)));
        ScriptedCompanion.Sent ret = c.sent.stream()
                .filter(s -> s.request().command() instanceof ControlCommand.ReturnToUpright).findFirst().orElseThrow();
        int retId = ret.request().requestId();
        assertEquals(ResultCode.SUCCESS, c.responseTo(retId).result());
        // from 50° to -80° at 6°/s takes 21.7 s
        double took = seconds(c.clock.nowNanos() - ret.atNanos());
        assertEquals(130 / 6.0, took, 0.1);
        assertTrue(c.measurements().stream().allMatch(m -> m.has(MeasurementFlags.MOTORISED)));
    }

    // ------------------------------------------------------------------ calibration

    @Test
    void tareMakesTheCurrentPositionZeroAndSetsCalibrated() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("uncalibrated-sensor"));
        c.channel.advanceBy(Duration.ofSeconds(1));
        Measurement before = c.measurements().get(c.measurements().size() - 1);
        assertFalse(before.has(MeasurementFlags.CALIBRATED));
        assertEquals(3.0, before.angleDegrees(), 0.2, "the mounting offset");
        c.send(new ControlCommand.RequestControl());
        int tare = c.send(new ControlCommand.Tare());
        c.channel.advanceBy(Duration.ofSeconds(1));
        assertEquals(ResultCode.SUCCESS, c.responseTo(tare).result());
        Measurement after = c.measurements().get(c.measurements().size() - 1);
        assertTrue(after.has(MeasurementFlags.CALIBRATED));
        assertEquals(0.0, after.angleDegrees(), 0.2);
        c.send(new ControlCommand.StartSession());
        int duringSession = c.send(new ControlCommand.Tare());
        c.channel.advanceBy(Duration.ofMillis(50));
        assertEquals(ResultCode.OPERATION_FAILED, c.responseTo(duringSession).result(), "never re-zero under a user");
    }

    // ------------------------------------------------------------------ faults

    @Test
    void aRebootRestartsSequenceAndClockAndForgetsSessionControlAndTare() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("device-reboot")).startsSessionAt(START, 6000, 600, 3000);
        c.channel.advanceBy(Duration.ofSeconds(50));
        assertTrue(c.measurements().get(c.measurements().size() - 1).has(MeasurementFlags.CALIBRATED), "tared at start");
        c.channel.advanceBy(Duration.ofSeconds(30));
        assertEquals(2, c.linkChanges.size(), c.linkChanges::toString);
        assertEquals("device rebooting", c.linkChanges.get(0).reason());
        assertEquals(3.0, seconds(c.linkChanges.get(1).atNanos() - c.linkChanges.get(0).atNanos()), 1e-9);
        List<Measurement> ms = c.measurements();
        Measurement firstAfter = ms.stream().filter(m -> m.sequence() == 0 && m.deviceTimeMs() < 1000)
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(50, firstAfter.deviceTimeMs(), "the clock restarts with the firmware");
        assertFalse(firstAfter.has(MeasurementFlags.SESSION_ACTIVE));
        assertFalse(firstAfter.has(MeasurementFlags.CALIBRATED), "the tare lived in RAM");
        assertTrue(c.all(Status.class).stream().anyMatch(s -> (s.faults() & StatusFaults.CALIBRATION_LOST) != 0));
        int id = c.send(new ControlCommand.StartSession());
        c.channel.advanceBy(Duration.ofMillis(50));
        assertEquals(ResultCode.CONTROL_NOT_PERMITTED, c.responseTo(id).result(), "control is gone with the reboot");
    }

    @Test
    void aLinkDropLosesRequestsLeavesASequenceGapAndTheWatchdogFires() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("link-drop")).startsSessionAt(START, 6000, 600, 3000);
        c.channel.advanceBy(Duration.ofSeconds(80));
        assertEquals(List.of(false, true), c.linkChanges.stream().map(ScriptedCompanion.LinkChange::up).toList());
        double down = seconds(c.linkChanges.get(1).atNanos() - c.linkChanges.get(0).atNanos());
        assertEquals(8.0, down, 1e-9);
        TableSimulation t = table(c);
        assertTrue(t.requestsLostWhileDown() >= 7, "heartbeats sent into the void: " + t.requestsLostWhileDown());
        List<Measurement> ms = c.measurements();
        int gap = 0;
        for (int i = 1; i < ms.size(); i++) {
            int d = (ms.get(i).sequence() - ms.get(i - 1).sequence()) & 0xFFFF;
            gap = Math.max(gap, d);
        }
        assertEquals(161, gap, "8 s at 20 Hz: 160 samples lost");
        int afterDrop = ms.indexOf(ms.stream().filter(m -> m.sequence() > 0).reduce((a, b) -> b).orElseThrow());
        assertTrue(afterDrop > 0);
        Measurement firstBack = c.received.stream()
                .filter(r -> r.atNanos() > c.linkChanges.get(1).atNanos() && r.message() instanceof Measurement)
                .map(r -> (Measurement) r.message()).findFirst().orElseThrow();
        assertTrue(firstBack.has(MeasurementFlags.DEVICE_ALARM), "the table alarmed on its own during the drop");
        assertTrue(firstBack.has(MeasurementFlags.SESSION_ACTIVE), "the session survives a link drop");
        int id = c.send(new ControlCommand.SetAlarm(AlarmPattern.OFF));
        c.channel.advanceBy(Duration.ofMillis(50));
        assertEquals(ResultCode.CONTROL_NOT_PERMITTED, c.responseTo(id).result(), "control is lost with the link");
    }

    @Test
    void duplicatedAndSwappedMeasurementsShowInTheSequenceNumbers() throws ScenarioException {
        ScriptedCompanion dup = companion(ScenarioLoader.load("duplicate-sequence")).startsSessionAt(START, 6000, 600, 3000);
        dup.channel.advanceBy(Duration.ofSeconds(80));
        assertEquals(8, repeats(dup.measurements()), "5 + 3 measurements sent twice");
        ScriptedCompanion swap = companion(ScenarioLoader.load("out-of-order-sequence"))
                .startsSessionAt(START, 6000, 600, 3000);
        swap.channel.advanceBy(Duration.ofSeconds(80));
        assertEquals(5, backwardSteps(swap.measurements()), "4 + 1 swapped pairs");
        assertEquals(0, repeats(swap.measurements()));
    }

    private static int repeats(List<Measurement> ms) {
        int n = 0;
        for (int i = 1; i < ms.size(); i++) {
            if (ms.get(i).equals(ms.get(i - 1))) {
                n++;
            }
        }
        return n;
    }

    private static int backwardSteps(List<Measurement> ms) {
        int n = 0;
        for (int i = 1; i < ms.size(); i++) {
            int d = (ms.get(i).sequence() - ms.get(i - 1).sequence()) & 0xFFFF;
            if (d > 0x8000) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aSilentDropoutStopsMeasurementsAndAFlaggedOneMarksThem() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("sensor-dropout")).startsSessionAt(START, 6000, 600, 3000);
        c.channel.advanceBy(Duration.ofMinutes(3));
        List<ScriptedCompanion.Received> ms = c.received.stream().filter(r -> r.message() instanceof Measurement).toList();
        double longestSilence = 0;
        for (int i = 1; i < ms.size(); i++) {
            longestSilence = Math.max(longestSilence, seconds(ms.get(i).atNanos() - ms.get(i - 1).atNanos()));
        }
        assertEquals(5.05, longestSilence, 0.051, "5 s without a measurement on a live link");
        List<Measurement> list = c.measurements();
        int largestDelta = 0;
        for (int i = 1; i < list.size(); i++) {
            largestDelta = Math.max(largestDelta, (list.get(i).sequence() - list.get(i - 1).sequence()) & 0xFFFF);
        }
        assertEquals(101, largestDelta, "the silent slots are numbered, so 100 samples show as lost (PROTOCOL.md §8)");
        long flagged = c.measurements().stream().filter(m -> m.has(MeasurementFlags.SENSOR_FAULT)).count();
        assertEquals(100, flagged, 1, "5 s of flagged samples at 20 Hz");
        assertTrue(c.all(Status.class).stream().anyMatch(s -> s.firmwareState() == FirmwareState.ERROR
                && (s.faults() & StatusFaults.SENSOR) != 0));
    }

    @Test
    void aStuckSensorRepeatsOneReadingWhileTheBedMoves() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("stuck-sensor")).startsSessionAt(START, 6000, 600, 3000);
        c.channel.advanceBy(Duration.ofMinutes(2));
        List<Measurement> ms = c.measurements();
        int longestRun = 0;
        int run = 0;
        for (int i = 1; i < ms.size(); i++) {
            run = ms.get(i).angleCentiDeg() == ms.get(i - 1).angleCentiDeg() ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        assertEquals(599, longestRun, 2, "30 s of one value at 20 Hz");
        assertTrue(ms.stream().noneMatch(m -> m.has(MeasurementFlags.SENSOR_FAULT)), "nothing flags a stuck sensor");
    }

    @Test
    void noiseSpikesAreSingleLargeSamples() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("noise-spikes")).startsSessionAt(START, 6000, 600, 3000);
        c.channel.advanceBy(Duration.ofMinutes(2));
        List<Measurement> ms = c.measurements();
        long spikes = ms.stream().filter(m -> Math.abs(m.angleDegrees() - 30) > 20 && m.timeInvertedMs() > 10_000).count();
        // 20 s at 50 Hz with probability 0.1: about 100
        assertTrue(spikes > 70 && spikes < 130, "spikes " + spikes);
    }

    @Test
    void aFaultInjectedOnDemandBeginsAtOnce() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("compliant-morning"));
        c.channel.advanceBy(Duration.ofSeconds(10));
        table(c).inject(new FaultSpec.LinkDrop(Duration.ofHours(5), Duration.ofSeconds(2)));
        c.channel.advanceBy(Duration.ofSeconds(5));
        assertEquals(2, c.linkChanges.size());
        assertEquals(10.0, seconds(c.linkChanges.get(0).atNanos()), 1e-9, "now, whatever its 'at' says");
        assertEquals(12.0, seconds(c.linkChanges.get(1).atNanos()), 1e-9);
    }

    @Test
    void theInProcessCarrierLosesCorruptFramesAndNeverSeesNoise() throws ScenarioException {
        ScriptedCompanion crc = companion(ScenarioLoader.load("crc-errors")).startsSessionAt(START, 6000, 600, 3000);
        crc.channel.advanceBy(Duration.ofMinutes(2));
        assertEquals(11, crc.channel.corruptFramesLost());
        ScriptedCompanion garbage = companion(ScenarioLoader.load("garbage-bytes")).startsSessionAt(START, 6000, 600, 3000);
        garbage.channel.advanceBy(Duration.ofMinutes(2));
        assertEquals(16 + 64 + 300, garbage.channel.noiseBytesIgnored());
    }

    @Test
    void theSameScenarioAndRequestsGiveTheSameMessages() throws ScenarioException {
        ScriptedCompanion a = companion(ScenarioLoader.load("noise-spikes")).startsSessionAt(START, 6000, 600, 3000).guards();
        ScriptedCompanion b = companion(ScenarioLoader.load("noise-spikes")).startsSessionAt(START, 6000, 600, 3000).guards();
        a.channel.advanceBy(Duration.ofMinutes(2));
        b.channel.advanceBy(Duration.ofMinutes(2));
        assertEquals(a.received, b.received);
    }

    @Test
    void theChannelRefusesToCarryAnythingButControlRequests() throws ScenarioException {
        ScriptedCompanion c = companion(ScenarioLoader.load("compliant-morning"));
        assertThrows(IllegalArgumentException.class, () -> c.channel.send(new Status(0, 0, 0, FirmwareState.IDLE)));
        c.channel.close();
        assertThrows(IllegalStateException.class, () -> c.channel.send(
                new dev.hangtime.protocol.ControlRequest(1, new ControlCommand.Heartbeat())));
    }
}
