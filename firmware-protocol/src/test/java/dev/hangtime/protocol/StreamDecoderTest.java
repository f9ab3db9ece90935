package dev.hangtime.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.protocol.ControlResponse.ResultCode;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The serial push decoder (PROTOCOL.md §5): chunking, resynchronisation, counted errors. */
class StreamDecoderTest {

    private final StreamDecoder decoder = new StreamDecoder();
    private final RecordingListener listener = new RecordingListener();

    private static final Measurement SAMPLE = new Measurement(
            MeasurementFlags.CALIBRATED | MeasurementFlags.USER_SECURED | MeasurementFlags.SESSION_ACTIVE,
            42, 90_000L, 3150, 12_500L, 0);
    private static final Status STATUS = new Status(Status.BATTERY_PRESENT, 64, 0, FirmwareState.SESSION);

    @Test
    void partialFrameWaitsAndCompletesAcrossDeliveries() {
        byte[] frame = FrameCodec.encode(SAMPLE);
        feed(Arrays.copyOfRange(frame, 0, 4));
        feed(Arrays.copyOfRange(frame, 4, 11));
        assertEquals(List.of(), listener.events, "nothing before the delimiter");
        feed(Arrays.copyOfRange(frame, 11, frame.length));
        assertEquals(List.of(SAMPLE), listener.messages);
    }

    @Test
    void garbagePrefixIsSkippedToTheNextValidFrame() {
        feed(bytes(0x42, 0x13, 0x99, 0xFE, 0x00));
        feed(FrameCodec.encode(SAMPLE));
        assertEquals(List.of(SAMPLE), listener.messages);
        assertEquals(1, listener.errors.size(), "the garbage is one discarded frame");
        assertEquals(1, decoder.counters().totalErrors());
    }

    @Test
    void corruptCrcFrameIsSkippedAndNextFrameParses() {
        byte[] frame = withBadCrc(SAMPLE);
        feed(concat(frame, FrameCodec.encode(STATUS)));
        assertEquals(List.of(DecodeError.Kind.BAD_CRC), listener.errorKinds());
        assertEquals(List.of(STATUS), listener.messages);
        assertEquals(1, decoder.counters().errors(DecodeError.Kind.BAD_CRC));
        assertEquals(1, decoder.counters().framesDecoded());
    }

    @Test
    void twoFramesInOneChunkBothArrive() {
        feed(concat(FrameCodec.encode(SAMPLE), FrameCodec.encode(STATUS)));
        assertEquals(List.of(SAMPLE, STATUS), listener.messages);
        assertEquals(List.of(), listener.errors);
    }

    @Test
    void oversizeFrameIsDiscarded() {
        byte[] noise = new byte[FrameCodec.MAX_WIRE_BYTES * 3];
        Arrays.fill(noise, (byte) 0x7F);
        feed(noise);
        assertEquals(List.of(DecodeError.Kind.OVERSIZE), listener.errorKinds(),
                "reported once, as soon as the frame outgrows the buffer");
        feed(noise); // still the same frame: no second report
        feed(concat(bytes(0x00), FrameCodec.encode(SAMPLE)));
        assertEquals(List.of(DecodeError.Kind.OVERSIZE), listener.errorKinds());
        assertEquals(List.of(SAMPLE), listener.messages, "the frame after the delimiter parses");
    }

    @Test
    void aFrameOfExactlyTheMaximumLengthIsAccepted() {
        DeviceInfo info = new DeviceInfo(1, 0, "a".repeat(16), "b".repeat(32), -9000, 9000, 0, 10);
        byte[] body = BodyCodec.encode(info);
        byte[] decoded = new byte[FrameCodec.MAX_FRAME_BYTES];
        decoded[0] = (byte) MessageType.DEVICE_INFO.code();
        System.arraycopy(body, 0, decoded, 1, body.length);
        Arrays.fill(decoded, 1 + body.length, decoded.length - FrameCodec.CRC_BYTES, (byte) 0x5A); // extension
        FrameCodec.writeCrc(decoded, decoded.length - FrameCodec.CRC_BYTES,
                FrameCodec.crc32c(decoded, 0, decoded.length - FrameCodec.CRC_BYTES));
        byte[] wire = FrameCodec.wrap(decoded, decoded.length);
        assertTrue(wire.length <= FrameCodec.MAX_WIRE_BYTES);

        feed(wire);

        assertEquals(List.of(info), listener.messages);
        assertEquals(FrameCodec.MAX_FRAME_BYTES - 1 - body.length - FrameCodec.CRC_BYTES,
                decoder.counters().skippedExtensionBytes());
    }

    @Test
    void unknownTypeIsSkippedAndCountedNotFatal() {
        byte[] decoded = {0x7E, 1, 2, 3, 0, 0, 0, 0};
        FrameCodec.writeCrc(decoded, 4, FrameCodec.crc32c(decoded, 0, 4));
        feed(concat(FrameCodec.wrap(decoded, decoded.length), FrameCodec.encode(STATUS)));
        assertEquals(List.of(DecodeError.Kind.UNKNOWN_TYPE), listener.errorKinds());
        assertTrue(listener.errors.get(0).detail().contains("type 0x7e"), listener.errors.get(0).detail());
        assertEquals(List.of(STATUS), listener.messages);
    }

    @Test
    void errorsSayWhereInTheStreamTheyHappened() {
        byte[] first = FrameCodec.encode(SAMPLE);
        feed(concat(first, withBadCrc(STATUS)));
        String detail = listener.errors.get(0).detail();
        long lastByte = first.length + withBadCrc(STATUS).length - 1;
        assertTrue(detail.contains("stream byte " + lastByte), detail);
    }

    @Test
    void aHalfFrameFollowedByADelimiterCostsOnlyItself() {
        // a sender restarts mid-frame: the half frame and the next frame merge into one bad frame,
        // which is why senders begin with a 0x00 (PROTOCOL.md §5.4)
        byte[] frame = FrameCodec.encode(SAMPLE);
        feed(Arrays.copyOf(frame, 6));
        feed(concat(bytes(0x00), frame));
        assertEquals(1, listener.errors.size());
        assertEquals(List.of(SAMPLE), listener.messages);
    }

    @Test
    void aListenerThatThrowsLeavesTheDecoderConsistent() {
        DecodeListener throwing = new DecodeListener() {
            @Override
            public void onMessage(Message m) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onError(DecodeError e) {
            }
        };
        byte[] first = FrameCodec.encode(SAMPLE);
        assertThrows(IllegalStateException.class, () -> decoder.feed(first, 0, first.length, throwing));
        feed(FrameCodec.encode(STATUS));
        assertEquals(List.of(STATUS), listener.messages);
        assertEquals(List.of(), listener.errors);
    }

    @Test
    void aListenerThatThrowsOnAnOversizeErrorLeavesTheDecoderSkippingOnlyThatFrame() {
        DecodeListener throwing = new DecodeListener() {
            @Override
            public void onMessage(Message m) {
            }

            @Override
            public void onError(DecodeError e) {
                throw new IllegalStateException("listener bug");
            }
        };
        byte[] noise = new byte[FrameCodec.MAX_WIRE_BYTES + 10];
        Arrays.fill(noise, (byte) 0x33);
        assertThrows(IllegalStateException.class, () -> decoder.feed(noise, 0, noise.length, throwing));
        feed(concat(noise, bytes(0x00), FrameCodec.encode(STATUS)));
        assertEquals(List.of(), listener.errors, "the rest of the oversize frame is skipped silently");
        assertEquals(List.of(STATUS), listener.messages);
    }

    @Test
    void countersAreASnapshotThatLaterBytesDoNotChange() {
        feed(FrameCodec.encode(SAMPLE));
        DecoderCounters before = decoder.counters();
        feed(concat(FrameCodec.encode(STATUS), bytes(0x00)));
        assertEquals(1, before.framesDecoded());
        assertEquals(0, before.errors(DecodeError.Kind.EMPTY_FRAME));
        DecoderCounters after = decoder.counters();
        assertEquals(2, after.framesDecoded());
        assertEquals(1, after.errors(DecodeError.Kind.EMPTY_FRAME));
        assertEquals(FrameCodec.encode(SAMPLE).length + FrameCodec.encode(STATUS).length + 1, after.bytesReceived());
    }

    @Test
    void onlyTheGivenRangeOfAChunkIsRead() {
        byte[] frame = FrameCodec.encode(new ControlResponse(3, 0x08, ResultCode.SUCCESS));
        byte[] padded = concat(bytes(0x01, 0x00), frame, bytes(0x05, 0x00));
        decoder.feed(padded, 2, frame.length, listener);
        assertEquals(List.of(new ControlResponse(3, 0x08, ResultCode.SUCCESS)), listener.messages);
        assertEquals(List.of(), listener.errors);
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.feed(padded, 3, padded.length, listener));
    }

    private void feed(byte[] bytes) {
        decoder.feed(bytes, 0, bytes.length, listener);
    }

    private static byte[] withBadCrc(Message m) {
        byte[] body = BodyCodec.encode(m);
        byte[] decoded = new byte[1 + body.length + FrameCodec.CRC_BYTES];
        decoded[0] = (byte) m.type().code();
        System.arraycopy(body, 0, decoded, 1, body.length);
        int crc = FrameCodec.crc32c(decoded, 0, 1 + body.length);
        FrameCodec.writeCrc(decoded, 1 + body.length, crc ^ 0x0001_0000); // one bit off
        return FrameCodec.wrap(decoded, decoded.length);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
