package dev.hangtime.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hangtime.protocol.ControlCommand.AlarmPattern;
import dev.hangtime.protocol.ControlResponse.ResultCode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One example of every message through both carriers; the exhaustive cases live in vectors/. */
class CodecRoundTripTest {

    static final List<Message> ONE_OF_EACH = List.of(
            new Measurement(MeasurementFlags.CALIBRATED | MeasurementFlags.SESSION_ACTIVE, 65535, 123_456L, 4500,
                    61_000L, 0),
            new Measurement(MeasurementFlags.KNOWN, 0, 0xFFFF_FFFFL, -32768, 0, -12),
            new Status(Status.BATTERY_PRESENT, 87, StatusFaults.LOW_BATTERY, FirmwareState.SESSION),
            new DeviceInfo(1, 0, "1.4.2", "Teeter FitSpine X3 + hangsense", -8000, 9000,
                    DeviceInfo.MOTORISED | DeviceInfo.BUZZER, 20),
            new ControlRequest(7, new ControlCommand.RequestControl()),
            new ControlRequest(8, new ControlCommand.SetLimits(6000, 180, 3000)),
            new ControlRequest(9, new ControlCommand.SetAlarm(AlarmPattern.HIGH)),
            new ControlRequest(10, new ControlCommand.Unknown(0x42)),
            new ControlResponse(8, ControlCommand.OpCode.SET_LIMITS.code(), ResultCode.SUCCESS));

    @Test
    void everyMessageTypeSurvivesTheBodyCodec() {
        for (Message m : ONE_OF_EACH) {
            BodyDecodeResult result = BodyCodec.decode(m.type(), BodyCodec.encode(m));
            BodyDecodeResult.Decoded decoded = assertInstanceOf(BodyDecodeResult.Decoded.class, result, m::toString);
            assertEquals(m, decoded.message());
        }
    }

    @Test
    void everyMessageTypeSurvivesSerialFramingInOneStream() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Message m : ONE_OF_EACH) {
            wire.writeBytes(FrameCodec.encode(m));
        }
        List<Message> received = new ArrayList<>();
        List<DecodeError> errors = new ArrayList<>();
        StreamDecoder decoder = new StreamDecoder();
        decoder.feed(wire.toByteArray(), new DecodeListener() {
            @Override
            public void onMessage(Message m) {
                received.add(m);
            }

            @Override
            public void onError(DecodeError e) {
                errors.add(e);
            }
        });
        assertEquals(List.of(), errors);
        assertEquals(ONE_OF_EACH, received);
        assertEquals(ONE_OF_EACH.size(), decoder.counters().framesDecoded());
    }

    @Test
    void measurementFitsOneDefaultMtuNotification() {
        Measurement largest = new Measurement(MeasurementFlags.KNOWN, 1, 1, 1, 1, 1);
        assertEquals(16, BodyCodec.encode(largest).length);
    }
}
