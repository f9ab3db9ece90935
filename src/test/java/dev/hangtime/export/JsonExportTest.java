package dev.hangtime.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.StoreFixture;
import dev.hangtime.store.TestSessions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON export against the schema documented in docs/STORE.md "JSON export". */
class JsonExportTest {

    @TempDir
    Path dir;

    private JsonNode export(OptionalLong session) throws Exception {
        Path file = dir.resolve("hangtime.db");
        StoreFixture.twoSessions(file, 200);
        Path out = dir.resolve("export.json");
        try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
            new SessionExporter(archive, ZoneOffset.UTC, Clock.fixed(Instant.parse("2025-04-01T12:00:00Z"), ZoneOffset.UTC))
                    .export(session, ExportFormat.JSON, out, false);
        }
        return new ObjectMapper().readTree(out.toFile());
    }

    @Test
    void aSessionExportCarriesSummaryLimitsAlarmsCommandsStateChangesAndSamples() throws Exception {
        JsonNode root = export(OptionalLong.of(1));
        assertEquals("hangtime-sessions", root.get("format").asText());
        assertEquals(1, root.get("formatVersion").asInt());
        assertEquals("2025-04-01T12:00:00Z", root.get("exportedAt").asText());
        assertEquals(1, root.get("sessions").size());
        JsonNode session = root.get("sessions").get(0);
        assertEquals(1, session.get("id").asLong());
        assertEquals("2025-03-01T06:30:00Z", session.get("startedAt").asText());
        assertEquals(TestSessions.START.toEpochMilli(), session.get("startedAtMs").asLong());
        assertEquals("COMPLETE", session.get("status").asText());
        assertEquals("morning: gentle inversion", session.get("routine").asText());

        JsonNode summary = session.get("summary");
        assertEquals("ENGINE", summary.get("source").asText());
        assertEquals(181_000, summary.get("timeInvertedMs").asLong());
        assertEquals(40.37, summary.get("maxAngleDeg").asDouble());
        assertTrue(summary.get("withinLimits").asBoolean());

        JsonNode limit = session.get("limits").get(0);
        assertEquals("maxAngleDeg", limit.get("name").asText());
        assertEquals(45.0, limit.get("value").asDouble());
        assertEquals("PROFILE", limit.get("source").asText());

        assertEquals(2, session.get("alarms").size());
        assertEquals("RAISED", session.get("alarms").get(0).get("transition").asText());
        assertEquals("Ease back, \"41°\" is close to your 45° limit", session.get("alarms").get(0).get("message").asText());

        JsonNode pushLimits = session.get("commands").get(0);
        assertEquals("PushLimits", pushLimits.get("command").asText());
        assertEquals(180, pushLimits.get("arguments").get("maxTimeInvertedS").asInt(), "arguments stay an object");
        assertEquals("SUCCESS", pushLimits.get("result").asText());
        assertEquals("HOLDING", session.get("stateChanges").get(1).get("to").asText());

        JsonNode samples = session.get("samples");
        assertEquals(200, samples.get("count").asLong());
        assertEquals(1, samples.get("keptEvery").asInt());
        assertEquals(200, samples.get("rows").size());
        JsonNode sample = samples.get("rows").get(150);
        assertEquals(150, sample.get("ordinal").asLong());
        assertEquals(39.63, sample.get("angleDeg").asDouble());
        assertEquals(TestSessions.START.toEpochMilli() + 3_000, sample.get("receivedAtMs").asLong());
        assertTrue(sample.get("calibrated").asBoolean());
    }

    @Test
    void anAngleThatWasNotANumberIsNullAndAllSessionsComeOldestFirst() throws Exception {
        JsonNode root = export(OptionalLong.empty());
        assertEquals(2, root.get("sessions").size());
        JsonNode aborted = root.get("sessions").get(1);
        assertEquals("ABORTED", aborted.get("status").asText());
        assertTrue(aborted.get("samples").get("rows").get(1).get("angleDeg").isNull());
        assertTrue(aborted.get("samples").get("rows").get(1).get("sensorFault").asBoolean());
        assertEquals(false, aborted.get("summary").get("withinLimits").asBoolean());
    }
}
