package dev.hangtime.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Jazzer fuzz targets for both decoders. In the normal test run they execute in regression mode
 * over the seed inputs in {@code src/test/resources/dev/hangtime/protocol/ProtocolFuzzTestInputs/<method>/}
 * of this tree (plus the empty input); with {@code JAZZER_FUZZ=1} Jazzer fuzzes them.
 */
class ProtocolFuzzTest {

    /** A fixed, well-formed frame that must decode after any input followed by a delimiter. */
    private static final Measurement PROBE = new Measurement(MeasurementFlags.CALIBRATED, 4242, 1, -1, 2, 0);

    @FuzzTest(maxDuration = "10s")
    void streamDecoderSurvivesAnyBytesAndResynchronises(byte[] input) {
        // the first byte picks a chunk size, so the fuzzer also explores where deliveries split
        int chunk = input.length == 0 ? 1 : 1 + (input[0] & 0x3F);
        byte[] stream = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = new StreamDecoder();
        for (int pos = 0; pos < stream.length; pos += chunk) {
            decoder.feed(stream, pos, Math.min(chunk, stream.length - pos), listener);
        }
        DecoderCounters counters = decoder.counters();
        assertEquals(listener.messages.size(), counters.framesDecoded());
        assertEquals(listener.errors.size(), counters.totalErrors());

        byte[] tail = StreamDecoderTest.concat(new byte[] {0}, FrameCodec.encode(PROBE));
        decoder.feed(tail, 0, tail.length, listener);
        assertEquals("message " + PROBE, listener.events.get(listener.events.size() - 1),
                "a well-formed frame after a delimiter always decodes");
    }

    @FuzzTest(maxDuration = "10s")
    void bodyCodecSurvivesAnyValue(byte[] input) {
        if (input.length == 0) {
            assertTrue(BodyCodec.decodeControlPoint(input) instanceof BodyDecodeResult.Failed);
            return;
        }
        // the first byte picks the message type (or the Control Point's own dispatch)
        int selector = (input[0] & 0xFF) % (MessageType.values().length + 1);
        byte[] value = Arrays.copyOfRange(input, 1, input.length);
        BodyDecodeResult result = selector == MessageType.values().length
                ? BodyCodec.decodeControlPoint(value)
                : BodyCodec.decode(MessageType.values()[selector], value);
        if (result instanceof BodyDecodeResult.Decoded decoded) {
            Message m = decoded.message();
            byte[] again = BodyCodec.encode(m);
            assertEquals(value.length, again.length + decoded.skippedExtensionBytes(),
                    "every input byte is a known field or a counted extension byte");
            assertEquals(new BodyDecodeResult.Decoded(m, 0, 0), BodyCodec.decode(m.type(), again),
                    "a decoded message re-encodes canonically");
        }
    }
}
