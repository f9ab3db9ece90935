package dev.hangtime.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code firmware-protocol/vectors/vectors.json} against the Java codec, as any
 * other implementation can run the same file (format: vectors/README.md).
 */
class GoldenVectorsTest {

    @TestFactory
    Stream<DynamicTest> everyGoldenCaseHoldsForTheJavaCodec() {
        return VectorCases.all().stream()
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
    }

    @Test
    void theVectorsCoverEveryMessageTypeAndEveryErrorKind() {
        List<JsonNode> cases = VectorCases.all();
        assertTrue(cases.size() >= 30, "at least 30 cases, found " + cases.size());
        for (MessageType type : MessageType.values()) {
            assertTrue(cases.stream().anyMatch(c -> c.toString().contains("\"type\":\"" + type.name() + "\"")),
                    "a decoded " + type + " in the vectors");
        }
        for (DecodeError.Kind kind : DecodeError.Kind.values()) {
            assertTrue(cases.stream().anyMatch(c -> c.toString().contains("\"error\":\"" + kind.name() + "\"")),
                    "an expected " + kind + " in the vectors");
        }
    }

    private static void run(JsonNode c) {
        switch (c.get("carrier").asText()) {
            case "crc32c" -> {
                byte[] data = VectorCases.hex(c.get("hex").asText());
                int crc = FrameCodec.crc32c(data, 0, data.length);
                assertEquals(c.get("expect").get("crc32c").asText(), String.format("%08x", crc));
            }
            case "body" -> checkBody(c, BodyCodec.decode(MessageType.valueOf(c.get("messageType").asText()),
                    VectorCases.hex(c.get("hex").asText())));
            case "controlPoint" -> checkBody(c, BodyCodec.decodeControlPoint(VectorCases.hex(c.get("hex").asText())));
            case "stream" -> checkStream(c);
            default -> throw new IllegalArgumentException("unknown carrier in case " + c.get("name"));
        }
    }

    private static void checkBody(JsonNode c, BodyDecodeResult result) {
        JsonNode expect = c.get("expect");
        if (expect.has("error")) {
            BodyDecodeResult.Failed failed = assertInstanceOf(BodyDecodeResult.Failed.class, result);
            assertEquals(expect.get("error").asText(), failed.error().kind().name(), failed.error().detail());
            return;
        }
        BodyDecodeResult.Decoded decoded = assertInstanceOf(BodyDecodeResult.Decoded.class, result,
                () -> result.toString());
        Message expected = VectorCases.message(expect.get("message"));
        assertEquals(expected, decoded.message());
        assertEquals(expect.get("unknownFlagBits").asInt(), decoded.unknownFlagBits(), "unknownFlagBits");
        assertEquals(expect.get("skippedExtensionBytes").asInt(), decoded.skippedExtensionBytes(),
                "skippedExtensionBytes");
        if (expect.get("canonical").asBoolean()) {
            assertArrayEquals(VectorCases.hex(c.get("hex").asText()), BodyCodec.encode(expected),
                    "the encoder produces exactly the vector's bytes");
        }
    }

    private static void checkStream(JsonNode c) {
        List<byte[]> chunks = new ArrayList<>();
        c.get("chunks").forEach(h -> chunks.add(VectorCases.hex(h.asText())));
        JsonNode expect = c.get("expect");
        // as the vector splits the stream, and again one byte per delivery: the outcome must not differ
        checkEvents(expect, chunks);
        List<byte[]> singleBytes = new ArrayList<>();
        for (byte[] chunk : chunks) {
            for (byte b : chunk) {
                singleBytes.add(new byte[] {b});
            }
        }
        checkEvents(expect, singleBytes);
        if (expect.get("canonical").asBoolean()) {
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            expect.get("events").forEach(e -> encoded.writeBytes(FrameCodec.encode(VectorCases.message(e.get("message")))));
            chunks.forEach(wire::writeBytes);
            assertArrayEquals(wire.toByteArray(), encoded.toByteArray(), "the encoder produces exactly the vector's frames");
        }
    }

    private static void checkEvents(JsonNode expect, List<byte[]> chunks) {
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = new StreamDecoder();
        for (byte[] chunk : chunks) {
            decoder.feed(chunk, 0, chunk.length, listener);
        }
        List<String> expectedEvents = new ArrayList<>();
        expect.get("events").forEach(e -> expectedEvents.add(e.has("error")
                ? "error " + e.get("error").asText()
                : "message " + VectorCases.message(e.get("message"))));
        assertEquals(expectedEvents, listener.events, () -> "errors: " + listener.errors);

        JsonNode counters = expect.get("counters");
        DecoderCounters actual = decoder.counters();
        assertEquals(counters.get("framesDecoded").asLong(), actual.framesDecoded(), "framesDecoded");
        for (DecodeError.Kind kind : DecodeError.Kind.values()) {
            JsonNode n = counters.get("errors").get(kind.name());
            assertEquals(n == null ? 0 : n.asLong(), actual.errors(kind), "errors " + kind);
        }
        assertEquals(counters.get("messagesWithUnknownFlagBits").asLong(), actual.messagesWithUnknownFlagBits(),
                "messagesWithUnknownFlagBits");
        assertEquals(counters.get("skippedExtensionBytes").asLong(), actual.skippedExtensionBytes(),
                "skippedExtensionBytes");
        long fed = chunks.stream().mapToLong(b -> b.length).sum();
        assertEquals(fed, actual.bytesReceived(), "bytesReceived");
    }
}
