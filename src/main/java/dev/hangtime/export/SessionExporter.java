package dev.hangtime.export;

import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.StoredSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code hangtime sessions export}: one session or all of them, as CSV, JSON or HTML, written atomically
 * ({@link AtomicFiles}). CSV writes two files: the samples at the given path and the summaries beside it
 * ({@code session-12.csv} and {@code session-12-summary.csv}).
 */
public final class SessionExporter {

    private final SessionArchive archive;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param zone  the time zone for the dates and times people read (the CLI passes the system's)
     * @param clock the "exported at" time
     */
    public SessionExporter(SessionArchive archive, ZoneId zone, Clock clock) {
        this.archive = archive;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Exports and returns the files written.
     *
     * @param sessionId one session, or empty for all sessions
     * @throws dev.hangtime.store.UnknownSessionException for an id the store does not hold
     * @throws ExportException                            when a file cannot be written (nothing is left behind)
     */
    public List<Path> export(OptionalLong sessionId, ExportFormat format, Path out, boolean force) {
        // resolve the sessions first: an unknown id must fail before any file is created
        List<StoredSession> sessions = sessionId.isPresent()
                ? List.of(archive.session(sessionId.getAsLong()))
                : archive.sessions();
        return switch (format) {
            case CSV -> {
                CsvExport csv = new CsvExport(archive, zone);
                yield AtomicFiles.write(List.of(
                        new AtomicFiles.Target(out, stream -> csv.writeSamples(sessions, stream)),
                        new AtomicFiles.Target(summaryPathFor(out), stream -> csv.writeSummaries(sessions, stream))),
                        force);
            }
            case JSON -> {
                JsonExport json = new JsonExport(archive, zone, clock);
                yield AtomicFiles.write(List.of(new AtomicFiles.Target(out, stream -> json.write(sessions, stream))), force);
            }
            case HTML -> {
                HtmlReport report = new HtmlReport(archive, zone, clock);
                AtomicFiles.Content content = sessionId.isPresent()
                        ? stream -> report.writeSession(sessions.get(0), stream)
                        : stream -> report.writeHistory(sessions, stream);
                yield AtomicFiles.write(List.of(new AtomicFiles.Target(out, content)), force);
            }
        };
    }

    /** {@code x.csv} → {@code x-summary.csv}; {@code x} → {@code x-summary.csv}. */
    public static Path summaryPathFor(Path samplesPath) {
        String name = samplesPath.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return samplesPath.resolveSibling(stem + "-summary.csv");
    }
}
