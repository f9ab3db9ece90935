package dev.hangtime.export;

import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.StoredLimit;
import dev.hangtime.store.StoredSample;
import dev.hangtime.store.StoredSession;
import dev.hangtime.store.StoredSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * CSV export (RFC 4180, UTF-8, CRLF line ends; columns in docs/STORE.md "CSV export"): one row per sample,
 * streamed from the store row by row so a session of any length exports in constant memory, and a
 * summary file with one row per session.
 */
public final class CsvExport {

    /** The sample file's header. */
    public static final String SAMPLE_HEADER = "session_id,ordinal,sequence,device_time_ms,received_at_ms,"
            + "elapsed_ms,angle_deg,time_inverted_ms,calibrated,user_secured,motorised,sensor_fault";

    /** The summary file's header. */
    public static final String SUMMARY_HEADER = "session_id,started_at,ended_at,routine,profile,device,status,"
            + "summary_source,time_inverted_ms,band_0_30_ms,band_30_60_ms,band_60_90_ms,max_angle_deg,inversions,"
            + "alarms_low,alarms_medium,alarms_high,steps_completed,steps_total,within_limits,missing_samples,"
            + "discarded_samples,samples,samples_recorded,samples_kept_every,limit_max_angle_deg,"
            + "limit_max_angle_source,limit_max_time_inverted_ms,limit_max_time_inverted_source";

    private static final String CRLF = "\r\n";

    private final SessionArchive archive;
    private final ZoneId zone;

    public CsvExport(SessionArchive archive, ZoneId zone) {
        this.archive = archive;
        this.zone = zone;
    }

    /** Writes the samples of the given sessions, in order, to {@code out} (ASCII, so also UTF-8). */
    public void writeSamples(List<StoredSession> sessions, OutputStream out) throws IOException {
        AsciiSink sink = new AsciiSink(out);
        for (char c : (SAMPLE_HEADER + CRLF).toCharArray()) {
            sink.append(c);
        }
        for (StoredSession session : sessions) {
            long sessionId = session.id();
            long startedAtMs = session.startedAt().toEpochMilli();
            archive.forEachSample(sessionId, sample -> appendSample(sink, sessionId, startedAtMs, sample));
        }
        sink.flush();
    }

    /** Writes one summary row per session (limits included) to {@code out} (UTF-8). */
    public void writeSummaries(List<StoredSession> sessions, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(SUMMARY_HEADER);
        writer.write(CRLF);
        StringBuilder row = new StringBuilder(512);
        for (StoredSession session : sessions) {
            row.setLength(0);
            appendSummary(row, session, archive.limits(session.id()));
            writer.append(row);
        }
        writer.flush();
    }

    static void appendSample(AsciiSink row, long sessionId, long startedAtMs, StoredSample sample) throws IOException {
        row.append(sessionId).append(',')
                .append(sample.ordinal()).append(',')
                .append(sample.sequence()).append(',')
                .append(sample.deviceTimeMs()).append(',')
                .append(sample.receivedAtMs()).append(',')
                .append(sample.receivedAtMs() - startedAtMs).append(',')
                .appendDegrees(sample.angleDeg()) // empty when the sample had no angle
                .append(',').append(sample.timeInvertedMs()).append(',')
                .append(sample.calibrated() ? '1' : '0').append(',')
                .append(sample.userSecured() ? '1' : '0').append(',')
                .append(sample.motorised() ? '1' : '0').append(',')
                .append(sample.sensorFault() ? '1' : '0').append('\r').append('\n');
    }

    private void appendSummary(StringBuilder row, StoredSession session, List<StoredLimit> limits) {
        row.append(session.id()).append(',');
        row.append(Formats.isoTime(session.startedAt().toEpochMilli(), zone)).append(',');
        session.endedAt().ifPresent(ended -> row.append(Formats.isoTime(ended.toEpochMilli(), zone)));
        row.append(',');
        text(row, session.routineName());
        row.append(',');
        text(row, session.profileSummary());
        row.append(',');
        text(row, session.deviceDescription());
        row.append(',').append(session.status().name()).append(',');
        Optional<StoredSummary> summary = session.summary();
        if (summary.isPresent()) {
            StoredSummary s = summary.get();
            row.append(s.source()).append(',')
                    .append(s.totalTimeInvertedMs()).append(',')
                    .append(s.band0To30Ms()).append(',')
                    .append(s.band30To60Ms()).append(',')
                    .append(s.band60To90Ms()).append(',');
            Formats.appendDegrees(row, s.maxAngleDeg());
            row.append(',').append(s.inversions()).append(',')
                    .append(s.alarmsLow()).append(',')
                    .append(s.alarmsMedium()).append(',')
                    .append(s.alarmsHigh()).append(',');
            countOrEmpty(row, s.stepsCompleted());
            row.append(',');
            countOrEmpty(row, s.stepsTotal());
            row.append(',').append(s.withinLimits() ? '1' : '0').append(',')
                    .append(s.missingSamples()).append(',')
                    .append(s.discardedSamples()).append(',');
        } else {
            row.append(",".repeat(15)); // in progress: no summary yet
        }
        row.append(session.sampleCount()).append(',')
                .append(session.samplesRecorded()).append(',')
                .append(session.samplesKeptEvery()).append(',');
        Optional<StoredLimit> angle = find(limits, StoredLimit.MAX_ANGLE);
        angle.ifPresent(limit -> Formats.appendDegrees(row, limit.value()));
        row.append(',');
        angle.ifPresent(limit -> row.append(limit.source()));
        row.append(',');
        Optional<StoredLimit> time = find(limits, StoredLimit.MAX_TIME_INVERTED);
        time.ifPresent(limit -> row.append((long) limit.value()));
        row.append(',');
        time.ifPresent(limit -> row.append(limit.source()));
        row.append(CRLF);
    }

    private static Optional<StoredLimit> find(List<StoredLimit> limits, String name) {
        return limits.stream().filter(limit -> limit.name().equals(name)).findFirst();
    }

    private static void countOrEmpty(StringBuilder row, int count) {
        if (count >= 0) {
            row.append(count);
        }
    }

    /**
     * A free-text field (routine, profile, device), quoted per RFC 4180 when needed. A leading = + - @
     * gets an apostrophe so a spreadsheet shows the text instead of running it as a formula (OWASP
     * "CSV injection"): names come from routine files that anyone may have written.
     */
    static void text(StringBuilder row, String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        if (!quote) {
            row.append(safe);
            return;
        }
        row.append('"').append(safe.replace("\"", "\"\"")).append('"');
    }
}
