package dev.hangtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.TableCommand;
import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlResponse;
import org.junit.jupiter.api.Test;

class WireMappingTest {

    @Test
    void everyTableCommandHasItsControlPointCommand() {
        assertEquals(new ControlCommand.StartSession(), WireMapping.toWire(new TableCommand.StartSession()));
        assertEquals(new ControlCommand.StopSession(), WireMapping.toWire(new TableCommand.StopSession()));
        assertEquals(new ControlCommand.ReturnToUpright(), WireMapping.toWire(new TableCommand.ReturnToUpright()));
        assertEquals(new ControlCommand.Heartbeat(), WireMapping.toWire(new TableCommand.Heartbeat()));
        assertEquals(new ControlCommand.SetAlarm(ControlCommand.AlarmPattern.OFF),
                WireMapping.toWire(new TableCommand.SilenceAlarm()));
        for (AlarmPriority p : AlarmPriority.values()) {
            assertEquals(new ControlCommand.SetAlarm(WireMapping.pattern(p)),
                    WireMapping.toWire(new TableCommand.SoundAlarm(p)));
        }
    }

    @Test
    void alarmPrioritiesKeepTheirOrderOnTheBuzzer() {
        AlarmPriority[] priorities = AlarmPriority.values();
        for (int i = 1; i < priorities.length; i++) {
            int lower = WireMapping.pattern(priorities[i - 1]).code();
            int higher = WireMapping.pattern(priorities[i]).code();
            assertEquals(true, higher > lower, priorities[i] + " must sound more urgent than " + priorities[i - 1]);
        }
        assertEquals(ControlCommand.AlarmPattern.HIGH, WireMapping.pattern(priorities[priorities.length - 1]));
    }

    @Test
    void limitAngleIsRoundedToTheNearestCentidegree() {
        assertEquals(new ControlCommand.SetLimits(4501, 120, 1500),
                WireMapping.toWire(new TableCommand.PushLimits(45.005, 120, 1500)));
    }

    @Test
    void limitAngleOutsideTheWireRangeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> WireMapping.toWire(new TableCommand.PushLimits(Double.NaN, 120, 1500)));
        assertThrows(IllegalArgumentException.class,
                () -> WireMapping.toWire(new TableCommand.PushLimits(327.68, 120, 1500)));
    }

    @Test
    void resultCodesMapToOutcomesAndUnknownCodesAreFailures() {
        assertEquals(CommandResult.Outcome.SUCCESS, WireMapping.outcome(ControlResponse.ResultCode.SUCCESS));
        assertEquals(CommandResult.Outcome.NOT_SUPPORTED,
                WireMapping.outcome(ControlResponse.ResultCode.OP_CODE_NOT_SUPPORTED));
        assertEquals(CommandResult.Outcome.INVALID_PARAMETER,
                WireMapping.outcome(ControlResponse.ResultCode.INVALID_PARAMETER));
        assertEquals(CommandResult.Outcome.FAILED, WireMapping.outcome(ControlResponse.ResultCode.OPERATION_FAILED));
        assertEquals(CommandResult.Outcome.NOT_PERMITTED,
                WireMapping.outcome(ControlResponse.ResultCode.CONTROL_NOT_PERMITTED));
        assertEquals(CommandResult.Outcome.FAILED, WireMapping.outcome(ControlResponse.ResultCode.UNKNOWN));
    }

    @Test
    void missedSamplesCountAcrossTheSixteenBitWrap() {
        assertEquals(0, WireMapping.missedBetween(7, 8));
        assertEquals(0, WireMapping.missedBetween(65535, 0));
        assertEquals(3, WireMapping.missedBetween(65534, 2));
        assertEquals(100, WireMapping.missedBetween(10, 111));
    }

    @Test
    void repeatsAndStepsBackAreNotLosses() {
        assertEquals(0, WireMapping.missedBetween(8, 8));
        assertEquals(0, WireMapping.missedBetween(8, 7));
        assertEquals(0, WireMapping.missedBetween(500, 3));
    }
}
