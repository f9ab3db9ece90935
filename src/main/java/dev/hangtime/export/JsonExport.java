package dev.hangtime.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.StoredAlarmEvent;
import dev.hangtime.store.StoredCommand;
import dev.hangtime.store.StoredLimit;
import dev.hangtime.store.StoredSample;
import dev.hangtime.store.StoredSession;
import dev.hangtime.store.StoredStateChange;
import dev.hangtime.store.StoredSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * JSON export: one document holding, for each session, its summary, limits, alarms, commands, state
 * changes and samples. The layout is documented in docs/STORE.md "JSON export" and versioned by
 * {@value #FORMAT_VERSION}; samples are streamed, so memory use does not grow with their number.
 */
public final class JsonExport {

    /** The {@code format} field of every export. */
    public static final String FORMAT = "hangtime-sessions";
    /** Raised when a field changes meaning or disappears; new fields may appear without a raise. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SessionArchive archive;
    private final ZoneId zone;
    private final Clock clock;

    public JsonExport(SessionArchive archive, ZoneId zone, Clock clock) {
        this.archive = archive;
        this.zone = zone;
        this.clock = clock;
    }

    /** Writes the sessions, oldest first as given, to {@code out} (UTF-8). */
    public void write(List<StoredSession> sessions, OutputStream out) throws IOException {
        JsonFactory factory = MAPPER.getFactory();
        try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
            // the caller owns and closes the stream (AtomicFiles syncs it first)
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            // compact: pretty-printing puts every sample field on a line of its own, 5 times the size
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("formatVersion", FORMAT_VERSION);
            json.writeStringField("exportedAt", Formats.isoTime(clock.millis(), zone));
            json.writeArrayFieldStart("sessions");
            for (StoredSession session : sessions) {
                writeSession(json, session);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private void writeSession(JsonGenerator json, StoredSession session) throws IOException {
        long startedAtMs = session.startedAt().toEpochMilli();
        json.writeStartObject();
        json.writeNumberField("id", session.id());
        json.writeStringField("startedAt", Formats.isoTime(startedAtMs, zone));
        json.writeNumberField("startedAtMs", startedAtMs);
        if (session.endedAt().isPresent()) {
            long endedAtMs = session.endedAt().get().toEpochMilli();
            json.writeStringField("endedAt", Formats.isoTime(endedAtMs, zone));
            json.writeNumberField("endedAtMs", endedAtMs);
        } else {
            json.writeNullField("endedAt");
            json.writeNullField("endedAtMs");
        }
        json.writeStringField("routine", session.routineName());
        json.writeStringField("profile", session.profileSummary());
        json.writeStringField("device", session.deviceDescription());
        json.writeStringField("status", session.status().name());
        json.writeFieldName("summary");
        if (session.summary().isPresent()) {
            writeSummary(json, session.summary().get());
        } else {
            json.writeNull();
        }
        json.writeArrayFieldStart("limits");
        for (StoredLimit limit : archive.limits(session.id())) {
            json.writeStartObject();
            json.writeStringField("name", limit.name());
            json.writeNumberField("value", limit.value());
            json.writeStringField("unit", limit.unit());
            json.writeStringField("source", limit.source());
            json.writeStringField("because", limit.because());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("alarms");
        for (StoredAlarmEvent alarm : archive.alarmEvents(session.id())) {
            json.writeStartObject();
            json.writeNumberField("atMs", alarm.atMs());
            json.writeStringField("transition", alarm.transition());
            json.writeStringField("reason", alarm.reason());
            json.writeStringField("priority", alarm.priority());
            json.writeStringField("message", alarm.message());
            json.writeNumberField("raisedAtMs", alarm.raisedAtMs());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("commands");
        for (StoredCommand command : archive.commands(session.id())) {
            json.writeStartObject();
            json.writeNumberField("atMs", command.atMs());
            json.writeStringField("command", command.command());
            json.writeFieldName("arguments");
            writeArguments(json, command.argumentsJson());
            json.writeStringField("result", command.result());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("stateChanges");
        for (StoredStateChange change : archive.stateChanges(session.id())) {
            json.writeStartObject();
            json.writeNumberField("atMs", change.atMs());
            json.writeStringField("from", change.fromPhase());
            json.writeStringField("to", change.toPhase());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("samples");
        json.writeNumberField("count", session.sampleCount());
        json.writeNumberField("recorded", session.samplesRecorded());
        json.writeNumberField("keptEvery", session.samplesKeptEvery());
        json.writeArrayFieldStart("rows");
        archive.forEachSample(session.id(), sample -> writeSample(json, sample));
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeSummary(JsonGenerator json, StoredSummary summary) throws IOException {
        json.writeStartObject();
        json.writeStringField("source", summary.source());
        json.writeNumberField("timeInvertedMs", summary.totalTimeInvertedMs());
        json.writeNumberField("band0To30Ms", summary.band0To30Ms());
        json.writeNumberField("band30To60Ms", summary.band30To60Ms());
        json.writeNumberField("band60To90Ms", summary.band60To90Ms());
        writeAngle(json, "maxAngleDeg", summary.maxAngleDeg());
        json.writeNumberField("inversions", summary.inversions());
        json.writeNumberField("alarmsLow", summary.alarmsLow());
        json.writeNumberField("alarmsMedium", summary.alarmsMedium());
        json.writeNumberField("alarmsHigh", summary.alarmsHigh());
        writeCount(json, "stepsCompleted", summary.stepsCompleted());
        writeCount(json, "stepsTotal", summary.stepsTotal());
        json.writeBooleanField("withinLimits", summary.withinLimits());
        json.writeNumberField("missingSamples", summary.missingSamples());
        json.writeNumberField("discardedSamples", summary.discardedSamples());
        json.writeEndObject();
    }

    private static void writeSample(JsonGenerator json, StoredSample sample) throws IOException {
        json.writeStartObject();
        json.writeNumberField("ordinal", sample.ordinal());
        json.writeNumberField("sequence", sample.sequence());
        json.writeNumberField("deviceTimeMs", sample.deviceTimeMs());
        json.writeNumberField("receivedAtMs", sample.receivedAtMs());
        writeAngle(json, "angleDeg", sample.angleDeg());
        json.writeNumberField("timeInvertedMs", sample.timeInvertedMs());
        json.writeBooleanField("calibrated", sample.calibrated());
        json.writeBooleanField("userSecured", sample.userSecured());
        json.writeBooleanField("motorised", sample.motorised());
        json.writeBooleanField("sensorFault", sample.sensorFault());
        json.writeEndObject();
    }

    /** JSON has no NaN: an angle that was not a number is written as null. */
    private static void writeAngle(JsonGenerator json, String field, double angleDeg) throws IOException {
        if (Double.isFinite(angleDeg)) {
            json.writeFieldName(field);
            json.writeNumber(Formats.degrees(angleDeg));
        } else {
            json.writeNullField(field);
        }
    }

    /** -1 (unknown, in a recomputed summary) is written as null. */
    private static void writeCount(JsonGenerator json, String field, int count) throws IOException {
        if (count >= 0) {
            json.writeNumberField(field, count);
        } else {
            json.writeNullField(field);
        }
    }

    /** The command's arguments as the JSON object they were stored as; a string if they do not parse. */
    private static void writeArguments(JsonGenerator json, String argumentsJson) throws IOException {
        JsonNode arguments;
        try {
            arguments = MAPPER.readTree(argumentsJson);
        } catch (JsonProcessingException e) {
            json.writeString(argumentsJson);
            return;
        }
        json.writeTree(arguments);
    }
}
