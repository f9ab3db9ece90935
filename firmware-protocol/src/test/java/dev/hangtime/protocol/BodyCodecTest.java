package dev.hangtime.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.protocol.ControlCommand.OpCode;
import dev.hangtime.protocol.ControlResponse.ResultCode;
import org.junit.jupiter.api.Test;

/** Message bodies as BLE characteristic values (PROTOCOL.md §3, §4). Byte-exact cases live in vectors/. */
class BodyCodecTest {

    @Test
    void everyMeasurementFlagCombinationFitsOneDefaultMtuNotification() {
        for (int flags = 0; flags <= MeasurementFlags.KNOWN; flags++) {
            int rate = (flags & MeasurementFlags.ANGULAR_RATE_PRESENT) != 0 ? -1 : 0;
            Measurement m = new Measurement(flags, 1, 1, 1, 1, rate);
            assertTrue(BodyCodec.encode(m).length <= GattProfile.DEFAULT_ATT_PAYLOAD, m::toString);
        }
    }

    @Test
    void theLongestDeviceInfoFitsASerialFrame() {
        DeviceInfo longest = new DeviceInfo(1, 0, "é".repeat(8), "€".repeat(10) + "ab", -32768, 32767,
                DeviceInfo.KNOWN_CAPABILITIES, 255);
        int framed = FrameCodec.TYPE_BYTES + BodyCodec.encode(longest).length + FrameCodec.CRC_BYTES;
        assertEquals(64, framed);
        assertTrue(framed <= FrameCodec.MAX_FRAME_BYTES);
    }

    @Test
    void anUnknownOpCodeDecodesSoTheTableCanAnswerIt() {
        BodyDecodeResult result = BodyCodec.decode(MessageType.CONTROL_REQUEST, new byte[] {0x42, 17, 9, 9});
        BodyDecodeResult.Decoded decoded = assertInstanceOf(BodyDecodeResult.Decoded.class, result);
        ControlRequest request = (ControlRequest) decoded.message();
        assertEquals(new ControlRequest(17, new ControlCommand.Unknown(0x42)), request);
        assertNull(request.command().opCode());
        assertEquals(2, decoded.skippedExtensionBytes(), "its parameters are skipped");

        ControlResponse answer = new ControlResponse(request.requestId(), request.command().opCodeByte(),
                ResultCode.OP_CODE_NOT_SUPPORTED);
        assertEquals(new ControlResponse(17, 0x42, ResultCode.OP_CODE_NOT_SUPPORTED), answer);
    }

    @Test
    void aControlPointValueIsAResponseWhenItsFirstByteIs0x80() {
        ControlRequest request = new ControlRequest(5, new ControlCommand.Heartbeat());
        ControlResponse response = new ControlResponse(5, OpCode.HEARTBEAT.code(), ResultCode.SUCCESS);
        assertEquals(request, decoded(BodyCodec.decodeControlPoint(BodyCodec.encode(request))));
        assertEquals(response, decoded(BodyCodec.decodeControlPoint(BodyCodec.encode(response))));
    }

    @Test
    void decodingNeverThrowsOnMissingInput() {
        assertEquals(DecodeError.Kind.TRUNCATED, error(BodyCodec.decode(MessageType.STATUS, null)).kind());
        assertEquals(DecodeError.Kind.UNKNOWN_TYPE, error(BodyCodec.decode(null, new byte[5])).kind());
        assertEquals(DecodeError.Kind.TRUNCATED, error(BodyCodec.decodeControlPoint(null)).kind());
    }

    @Test
    void anErrorNamesTheFieldAndTheByteOffset() {
        DecodeError e = error(BodyCodec.decode(MessageType.STATUS, new byte[] {1, (byte) 150, 0, 0, 1}));
        assertEquals(DecodeError.Kind.BAD_FIELD, e.kind());
        assertTrue(e.detail().contains("batteryPercent") && e.detail().contains("byte 1"), e.detail());

        DecodeError t = error(BodyCodec.decode(MessageType.MEASUREMENT, new byte[9]));
        assertTrue(t.detail().contains("9 bytes") && t.detail().contains("14"), t.detail());
    }

    @Test
    void anUnnamedFaultBitIsKeptBecauseItIsStillAFault() {
        Status decoded = (Status) decoded(BodyCodec.decode(MessageType.STATUS, new byte[] {0, 0, 0, 0x40, 2}));
        assertEquals(0x4000, decoded.faults());
    }

    @Test
    void recordsRefuseValuesTheWireCannotCarryFaithfully() {
        assertThrows(IllegalArgumentException.class, () -> new Measurement(0x80, 0, 0, 0, 0, 0),
                "undefined flag bit");
        assertThrows(IllegalArgumentException.class, () -> new Measurement(0, 0, 0, 0, 0, 5),
                "angular rate without its flag");
        assertThrows(IllegalArgumentException.class, () -> new Measurement(0, 65536, 0, 0, 0, 0), "sequence");
        assertThrows(IllegalArgumentException.class, () -> new Measurement(0, 0, 1L << 32, 0, 0, 0), "device time");
        assertThrows(IllegalArgumentException.class, () -> new Status(0, 40, 0, FirmwareState.IDLE),
                "battery level without the battery flag");
        assertThrows(IllegalArgumentException.class,
                () -> new DeviceInfo(1, 0, "x".repeat(17), "", 0, 0, 0, 1), "firmware version over 16 bytes");
        assertThrows(IllegalArgumentException.class,
                () -> new DeviceInfo(1, 0, "", "ü".repeat(17), 0, 0, 0, 1), "model over 32 UTF-8 bytes");
        assertThrows(IllegalArgumentException.class,
                () -> new DeviceInfo(1, 0, "\uD800", "", 0, 0, 0, 1), "lone surrogate");
        assertThrows(IllegalArgumentException.class,
                () -> new DeviceInfo(1, 0, "", "", 100, -100, 0, 1), "angle range upside down");
        assertThrows(IllegalArgumentException.class, () -> new ControlCommand.SetLimits(6000, 180, 0),
                "a zero heartbeat timeout would disable the watchdog");
        assertThrows(IllegalArgumentException.class, () -> new ControlCommand.SetLimits(6000, 0, 3000),
                "a zero time limit");
        assertThrows(IllegalArgumentException.class, () -> new ControlCommand.Unknown(OpCode.TARE.code()),
                "a defined op code is not unknown");
        assertThrows(IllegalArgumentException.class, () -> new ControlCommand.Unknown(0x80), "the response code");
    }

    private static Message decoded(BodyDecodeResult result) {
        return assertInstanceOf(BodyDecodeResult.Decoded.class, result, result::toString).message();
    }

    private static DecodeError error(BodyDecodeResult result) {
        return assertInstanceOf(BodyDecodeResult.Failed.class, result, result::toString).error();
    }
}
