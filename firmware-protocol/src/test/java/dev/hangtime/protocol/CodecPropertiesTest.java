package dev.hangtime.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.protocol.ControlCommand.AlarmPattern;
import dev.hangtime.protocol.ControlCommand.OpCode;
import dev.hangtime.protocol.ControlResponse.ResultCode;
import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the codec over random messages of every type and random byte streams. Tries are
 * kept modest so the suite stays fast; the fuzz test and the vectors cover the rest.
 */
class CodecPropertiesTest {

    @Property(tries = 300)
    void bodyDecodeOfEncodeGivesTheMessageBack(@ForAll("messages") Message m) {
        BodyDecodeResult result = BodyCodec.decode(m.type(), BodyCodec.encode(m));
        assertEquals(new BodyDecodeResult.Decoded(m, 0, 0), result);
    }

    @Property(tries = 150)
    void streamDecodeOfEncodedFramesGivesEveryMessageBackHoweverTheStreamIsChunked(
            @ForAll @Size(max = 12) List<@net.jqwik.api.From("messages") Message> messages,
            @ForAll("chunkSizes") List<Integer> chunkSizes) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        messages.forEach(m -> wire.writeBytes(FrameCodec.encode(m)));
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = new StreamDecoder();

        feedChunked(decoder, wire.toByteArray(), chunkSizes, listener);

        assertEquals(messages, listener.messages);
        assertEquals(List.of(), listener.errors);
        assertEquals(messages.size(), decoder.counters().framesDecoded());
    }

    @Property(tries = 300)
    void theDecoderNeverThrowsAndReportsOneOutcomePerDelimiter(
            @ForAll("noisyStreams") byte[] stream, @ForAll("chunkSizes") List<Integer> chunkSizes) {
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = new StreamDecoder();

        feedChunked(decoder, stream, chunkSizes, listener);

        long delimiters = 0;
        for (byte b : stream) {
            if (b == 0) {
                delimiters++;
            }
        }
        DecoderCounters counters = decoder.counters();
        long outcomes = listener.messages.size() + listener.errors.size();
        assertEquals(outcomes, counters.framesDecoded() + counters.totalErrors());
        // each delimiter closes one frame; an oversize frame is reported before its delimiter arrives
        assertTrue(outcomes == delimiters || outcomes == delimiters + 1,
                outcomes + " outcomes for " + delimiters + " delimiters");
        assertEquals(stream.length, counters.bytesReceived());
    }

    @Property(tries = 300)
    void afterArbitraryGarbageAndADelimiterTheNextFrameDecodes(
            @ForAll("noisyStreams") byte[] garbage, @ForAll("messages") Message m,
            @ForAll("chunkSizes") List<Integer> chunkSizes) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(garbage);
        wire.write(0);
        wire.writeBytes(FrameCodec.encode(m));
        RecordingListener listener = new RecordingListener();

        feedChunked(new StreamDecoder(), wire.toByteArray(), chunkSizes, listener);

        assertTrue(!listener.messages.isEmpty(), "no message decoded");
        assertEquals(m, listener.messages.get(listener.messages.size() - 1));
        assertEquals("message " + m, listener.events.get(listener.events.size() - 1));
    }

    @Property(tries = 300)
    void bodyDecodingNeverThrowsForAnyValueOfAnyType(
            @ForAll @Size(max = 80) byte[] value, @ForAll @IntRange(max = 4) int typeIndex) {
        MessageType type = MessageType.values()[typeIndex];
        BodyDecodeResult result = BodyCodec.decode(type, value);
        if (result instanceof BodyDecodeResult.Decoded decoded) {
            // what decodes re-encodes to a body no longer than the input, which decodes to the same message
            byte[] again = BodyCodec.encode(decoded.message());
            assertTrue(again.length <= value.length);
            assertEquals(decoded.message(), ((BodyDecodeResult.Decoded) BodyCodec.decode(type, again)).message());
        }
    }

    private static void feedChunked(StreamDecoder decoder, byte[] stream, List<Integer> chunkSizes,
                                    DecodeListener listener) {
        int pos = 0;
        int i = 0;
        while (pos < stream.length) {
            int size = chunkSizes.isEmpty() ? stream.length : chunkSizes.get(i++ % chunkSizes.size());
            int n = Math.min(size, stream.length - pos);
            decoder.feed(stream, pos, n, listener);
            pos += n;
        }
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 40).list().ofMaxSize(8);
    }

    /** Random bytes, biased towards 0x00 and frame-like bytes so that frames both start and break. */
    @Provide
    Arbitrary<byte[]> noisyStreams() {
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just((byte) 0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of((byte) 0x01, (byte) 0x02, (byte) 0x10, (byte) 0x11,
                        (byte) 0xFF)),
                net.jqwik.api.Tuple.of(6, Arbitraries.bytes()));
        Arbitrary<byte[]> random = b.array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> long0Free = Arbitraries.bytes().filter(x -> x != 0).array(byte[].class)
                .ofMinSize(FrameCodec.MAX_WIRE_BYTES).ofMaxSize(600);
        return Arbitraries.oneOf(random, long0Free);
    }

    @Provide
    Arbitrary<Message> messages() {
        return Arbitraries.oneOf(measurements(), statuses(), deviceInfos(), requests(), responses());
    }

    private static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    private static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    private static Arbitrary<Integer> s16() {
        return Arbitraries.integers().between(Short.MIN_VALUE, Short.MAX_VALUE);
    }

    private static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    private static Arbitrary<Message> measurements() {
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, MeasurementFlags.KNOWN);
        return Combinators.combine(flags, u16(), u32(), s16(), u32(), s16())
                .as((f, seq, t, angle, inverted, rate) -> new Measurement(f, seq, t, angle, inverted,
                        (f & MeasurementFlags.ANGULAR_RATE_PRESENT) != 0 ? rate : 0));
    }

    private static Arbitrary<Message> statuses() {
        return Combinators.combine(Arbitraries.of(0, Status.BATTERY_PRESENT), Arbitraries.integers().between(0, 100),
                        u16(), Arbitraries.of(FirmwareState.class))
                .as((f, battery, faults, state) -> new Status(f, f == 0 ? 0 : battery, faults, state));
    }

    private static Arbitrary<String> utf8UpTo(int maxBytes) {
        return Arbitraries.strings().ofMaxLength(maxBytes)
                .filter(s -> Utf8.encodedLength(s) >= 0 && Utf8.encodedLength(s) <= maxBytes);
    }

    private static Arbitrary<Message> deviceInfos() {
        return Combinators.combine(u8(), utf8UpTo(DeviceInfo.MAX_FIRMWARE_VERSION_BYTES),
                        utf8UpTo(DeviceInfo.MAX_TABLE_MODEL_BYTES), s16(), s16(),
                        Arbitraries.integers().between(0, DeviceInfo.KNOWN_CAPABILITIES),
                        Arbitraries.integers().between(1, 255))
                .as((minor, fw, model, a, b, caps, rate) -> new DeviceInfo(DeviceInfo.PROTOCOL_MAJOR, minor, fw,
                        model, Math.min(a, b), Math.max(a, b), caps, rate));
    }

    private static Arbitrary<ControlCommand> commands() {
        Arbitrary<ControlCommand> limits = Combinators.combine(s16(), Arbitraries.integers().between(1, 0xFFFF),
                        Arbitraries.integers().between(ControlCommand.SetLimits.MIN_HEARTBEAT_TIMEOUT_MS, 0xFFFF))
                .as(ControlCommand.SetLimits::new);
        Arbitrary<ControlCommand> alarm = Arbitraries.of(AlarmPattern.class).map(ControlCommand.SetAlarm::new);
        Arbitrary<ControlCommand> unknown = u8()
                .filter(c -> OpCode.fromCode(c) == null && c != ControlResponse.RESPONSE_CODE)
                .map(ControlCommand.Unknown::new);
        Arbitrary<ControlCommand> plain = Arbitraries.of(new ControlCommand.RequestControl(),
                new ControlCommand.StartSession(), new ControlCommand.StopSession(),
                new ControlCommand.ReturnToUpright(), new ControlCommand.Tare(), new ControlCommand.Heartbeat(),
                new ControlCommand.ReadDeviceInfo(), new ControlCommand.ReadStatus());
        return Arbitraries.oneOf(limits, alarm, unknown, plain);
    }

    private static Arbitrary<Message> requests() {
        return Combinators.combine(u8(), commands()).as(ControlRequest::new);
    }

    private static Arbitrary<Message> responses() {
        return Combinators.combine(u8(), u8(), Arbitraries.of(ResultCode.class)).as(ControlResponse::new);
    }
}
