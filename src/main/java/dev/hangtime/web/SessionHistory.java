package dev.hangtime.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangtime.export.CsvExport;
import dev.hangtime.export.HtmlReport;
import dev.hangtime.export.JsonExport;
import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.StoredSession;
import dev.hangtime.store.StoredSummary;
import dev.hangtime.store.UnknownSessionException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The display's history: past sessions as JSON for the history page, each session's report (the
 * export package's self-contained HTML with its angle chart, limit bands and alarms), the report
 * across sessions, and each session's exports (CSV, JSON) for download.
 *
 * <p>Every request opens its own read-only view of the store (SQLite WAL lets it read while the
 * session records), so requests never share a connection.
 */
public final class SessionHistory {

    /** The history page lists at most this many sessions, newest first: they come from summaries only. */
    static final int LISTED = 500;
    /** Report pages are the export package's: their style is inline, so they need their own policy. */
    private static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final Path databaseFile;
    private final ZoneId zone;
    private final Clock clock;
    private final ObjectMapper json;

    /**
     * @param databaseFile the session store's file
     * @param zone         the zone dates are shown in
     * @param clock        the wall clock, for "report made at"
     */
    public SessionHistory(Path databaseFile, ZoneId zone, Clock clock, ObjectMapper json) {
        this.databaseFile = Objects.requireNonNull(databaseFile, "databaseFile");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = Objects.requireNonNull(json, "json");
    }

    void register(RoutesConfig routes) {
        routes.get("/api/sessions", this::list);
        routes.get("/history/all", this::historyReport);
        routes.get("/history/{id}", ctx -> session(ctx, "report"));
        routes.get("/history/{id}/samples.csv", ctx -> session(ctx, "samples.csv"));
        routes.get("/history/{id}/summary.csv", ctx -> session(ctx, "summary.csv"));
        routes.get("/history/{id}/session.json", ctx -> session(ctx, "session.json"));
    }

    private SessionArchive open() {
        if (!Files.exists(databaseFile)) {
            return null;
        }
        return SessionArchive.openReadOnly(databaseFile);
    }

    private void list(Context ctx) {
        ArrayNode sessions = json.createArrayNode();
        try (SessionArchive archive = open()) {
            if (archive != null) {
                for (StoredSession session : archive.latestSessions(LISTED)) {
                    sessions.add(row(session));
                }
            }
        }
        ctx.contentType("application/json").result(sessions.toString());
    }

    private ObjectNode row(StoredSession session) {
        ObjectNode row = json.createObjectNode();
        row.put("id", session.id());
        row.put("startedAt", session.startedAt().atZone(zone).toOffsetDateTime().toString());
        row.put("endedAt", session.endedAt().map(end -> end.atZone(zone).toOffsetDateTime().toString()).orElse(null));
        row.put("routine", session.routineName());
        row.put("profile", session.profileSummary());
        row.put("device", session.deviceDescription());
        row.put("status", session.status().name());
        row.put("samples", session.sampleCount());
        session.summary().ifPresent(summary -> row.set("summary", summaryNode(summary)));
        return row;
    }

    private ObjectNode summaryNode(StoredSummary summary) {
        ObjectNode node = json.createObjectNode();
        node.put("timeInvertedMs", summary.totalTimeInvertedMs());
        if (Double.isFinite(summary.maxAngleDeg())) {
            node.put("maxAngleDeg", summary.maxAngleDeg());
        } else {
            node.putNull("maxAngleDeg");
        }
        node.put("inversions", summary.inversions());
        node.put("alarmsHigh", summary.alarmsHigh());
        node.put("alarmsMedium", summary.alarmsMedium());
        node.put("alarmsLow", summary.alarmsLow());
        node.put("stepsCompleted", summary.stepsCompleted());
        node.put("stepsTotal", summary.stepsTotal());
        node.put("withinLimits", summary.withinLimits());
        return node;
    }

    private void historyReport(Context ctx) throws IOException {
        try (SessionArchive archive = open()) {
            if (archive == null) {
                notFound(ctx, "No sessions recorded yet.");
                return;
            }
            ByteArrayOutputStream html = new ByteArrayOutputStream();
            List<StoredSession> sessions = archive.sessions();
            new HtmlReport(archive, zone, clock).writeHistory(sessions, html);
            ctx.header("Content-Security-Policy", REPORT_POLICY)
                    .contentType("text/html; charset=utf-8").result(html.toByteArray());
        }
    }

    private void session(Context ctx, String what) throws IOException {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            notFound(ctx, "Not found");
            return;
        }
        try (SessionArchive archive = open()) {
            if (archive == null) {
                notFound(ctx, "No sessions recorded yet.");
                return;
            }
            StoredSession session;
            try {
                session = archive.session(id);
            } catch (UnknownSessionException e) {
                notFound(ctx, "No session " + id + ".");
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            switch (what) {
                case "report" -> {
                    new HtmlReport(archive, zone, clock).writeSession(session, body);
                    ctx.header("Content-Security-Policy", REPORT_POLICY).contentType("text/html; charset=utf-8");
                }
                case "samples.csv" -> {
                    new CsvExport(archive, zone).writeSamples(List.of(session), body);
                    download(ctx, "text/csv; charset=utf-8", "hangtime-session-" + id + ".csv");
                }
                case "summary.csv" -> {
                    new CsvExport(archive, zone).writeSummaries(List.of(session), body);
                    download(ctx, "text/csv; charset=utf-8", "hangtime-session-" + id + "-summary.csv");
                }
                case "session.json" -> {
                    new JsonExport(archive, zone, clock).write(List.of(session), body);
                    download(ctx, "application/json", "hangtime-session-" + id + ".json");
                }
                default -> throw new IllegalArgumentException("unknown history view " + what);
            }
            ctx.result(body.toByteArray());
        }
    }

    private static void download(Context ctx, String contentType, String fileName) {
        ctx.contentType(contentType).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    private static void notFound(Context ctx, String message) {
        ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result(message);
    }
}
