package dev.hangtime.export;

import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.SessionStatus;
import dev.hangtime.store.StoredAlarmEvent;
import dev.hangtime.store.StoredCommand;
import dev.hangtime.store.StoredLimit;
import dev.hangtime.store.StoredSample;
import dev.hangtime.store.StoredSession;
import dev.hangtime.store.StoredStateChange;
import dev.hangtime.store.StoredSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * A self-contained HTML report a physiotherapist can open offline: no script, no external style sheet,
 * font or image; the charts are inline SVG and the style is in the page. One session: its summary, limits
 * (and what set them), the angle chart with limit bands and alarms, the alarm list, commands and phase
 * changes. All sessions: the history chart, a table of every session, and the latest sessions in detail.
 */
public final class HtmlReport {

    /** How many of the latest sessions the history report shows in detail. */
    static final int DETAILED_IN_HISTORY = 5;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm");
    private static final String STYLE = """
            body { font: 15px/1.45 system-ui, sans-serif; color: #1d232b; max-width: 1060px; margin: 2em auto; padding: 0 1em; }
            h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccd; }
            .meta { color: #556; }
            table { border-collapse: collapse; margin: .6em 0; }
            th, td { text-align: left; padding: .25em .8em .25em 0; border-bottom: 1px solid #e4e6ea; vertical-align: top; }
            td.num, th.num { text-align: right; }
            .status-COMPLETE { color: #1b6e35; } .status-INTERRUPTED, .status-ABORTED { color: #a4161a; font-weight: 600; }
            .status-IN_PROGRESS { color: #8a5a00; }
            svg.chart { width: 100%; height: auto; background: #fff; }
            .chart .grid { stroke: #e3e6ea; stroke-width: 1; } .chart .axis-zero { stroke: #9aa3ad; stroke-width: 1; }
            .chart .tick { font-size: 11px; fill: #556; }
            .chart .trace { fill: none; stroke: #1f5fbf; stroke-width: 1.5; stroke-linejoin: round; }
            .chart .band-advisory { fill: #ffb300; fill-opacity: .16; } .chart .band-limit { fill: #d32f2f; fill-opacity: .12; }
            .chart .limit { stroke: #d32f2f; stroke-width: 1.5; stroke-dasharray: 6 4; }
            .chart .limit-label { font-size: 11px; fill: #a4161a; }
            .chart .fault { stroke: #6a1b9a; stroke-width: 2; }
            .chart .alarm { stroke-width: 1.2; stroke-opacity: .8; }
            .chart .alarm-high { stroke: #d32f2f; fill: #d32f2f; } .chart .alarm-medium { stroke: #f08c00; fill: #f08c00; }
            .chart .alarm-low { stroke: #1c7ed6; fill: #1c7ed6; }
            .chart .bar { fill: #4c7fd1; } .chart .bar-troubled { fill: #d32f2f; } .chart .angle-dot { fill: #1d232b; }
            .legend span { display: inline-block; margin-right: 1.2em; } .swatch { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em; margin-right: .3em; }
            details { margin: .6em 0; } summary { cursor: pointer; color: #1f5fbf; }
            @media print { body { margin: 0; max-width: none; } details { display: block; } h2 { break-before: auto; } }
            """;

    private final SessionArchive archive;
    private final ZoneId zone;
    private final Clock clock;

    public HtmlReport(SessionArchive archive, ZoneId zone, Clock clock) {
        this.archive = archive;
        this.zone = zone;
        this.clock = clock;
    }

    /** A report of one session. */
    public void writeSession(StoredSession session, OutputStream out) throws IOException {
        Writer html = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        begin(html, "Hangtime session " + session.id() + " – " + session.routineName());
        html.write("<h1>" + Html.escape(session.routineName()) + "</h1>\n");
        writeSessionBody(html, session);
        end(html);
    }

    /** A report of all the given sessions (oldest first): history chart, table, latest in detail. */
    public void writeHistory(List<StoredSession> sessions, OutputStream out) throws IOException {
        Writer html = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        begin(html, "Hangtime session history");
        html.write("<h1>Session history</h1>\n");
        if (sessions.isEmpty()) {
            html.write("<p>No sessions recorded.</p>\n");
            end(html);
            return;
        }
        long totalMs = sessions.stream().flatMap(s -> s.summary().stream()).mapToLong(StoredSummary::totalTimeInvertedMs).sum();
        long troubled = sessions.stream().filter(HtmlReport::troubled).count();
        html.write("<p class=\"meta\">" + sessions.size() + " sessions from "
                + Html.escape(WHEN.format(sessions.get(0).startedAt().atZone(zone))) + " to "
                + Html.escape(WHEN.format(sessions.get(sessions.size() - 1).startedAt().atZone(zone)))
                + "; " + Html.escape(Formats.duration(totalMs)) + " inverted in all; " + troubled
                + " with a limit alarm or not completed.</p>\n");
        html.write("<h2>Time inverted and steepest angle</h2>\n");
        html.write("<p class=\"legend\"><span><i class=\"swatch\" style=\"background:#4c7fd1\"></i>time inverted "
                + "(left axis)</span><span><i class=\"swatch\" style=\"background:#d32f2f\"></i>with a limit alarm, "
                + "an interruption or an abort</span><span><i class=\"swatch\" style=\"background:#1d232b;border-radius:50%\">"
                + "</i>steepest angle (right axis)</span></p>\n");
        html.write(HistoryChart.svg(sessions, zone));
        html.write("<h2>All sessions</h2>\n");
        html.write("<table><thead><tr><th class=\"num\">#</th><th>Started</th><th>Routine</th><th>Status</th>"
                + "<th class=\"num\">Inverted</th><th class=\"num\">Steepest</th><th class=\"num\">Alarms</th>"
                + "<th>Within limits</th></tr></thead><tbody>\n");
        for (int i = sessions.size() - 1; i >= 0; i--) { // newest first, as a reader looks for the latest
            StoredSession session = sessions.get(i);
            Optional<StoredSummary> summary = session.summary();
            html.write("<tr><td class=\"num\">" + session.id() + "</td><td>"
                    + Html.escape(WHEN.format(session.startedAt().atZone(zone))) + "</td><td>"
                    + Html.escape(session.routineName()) + "</td><td class=\"status-" + session.status().name() + "\">"
                    + statusWords(session) + "</td><td class=\"num\">"
                    + summary.map(s -> Html.escape(Formats.duration(s.totalTimeInvertedMs()))).orElse("–")
                    + "</td><td class=\"num\">" + summary.map(s -> angle(s.maxAngleDeg())).orElse("–")
                    + "</td><td class=\"num\">" + summary.map(s -> String.valueOf(s.alarmCount())).orElse("–")
                    + "</td><td>" + summary.map(s -> s.withinLimits() ? "yes" : "<strong>no</strong>").orElse("–")
                    + "</td></tr>\n");
        }
        html.write("</tbody></table>\n");
        int detailed = Math.min(DETAILED_IN_HISTORY, sessions.size());
        for (int i = sessions.size() - 1; i >= sessions.size() - detailed; i--) {
            StoredSession session = sessions.get(i);
            html.write("<h2>Session " + session.id() + ": " + Html.escape(session.routineName()) + "</h2>\n");
            writeSessionBody(html, session);
        }
        end(html);
    }

    private void writeSessionBody(Writer html, StoredSession session) throws IOException {
        long sessionId = session.id();
        html.write("<p class=\"meta\">Session " + sessionId + ", "
                + Html.escape(WHEN.format(session.startedAt().atZone(zone)))
                + session.endedAt().map(e -> " to " + Html.escape(DateTimeFormatter.ofPattern("HH:mm:ss")
                        .format(e.atZone(zone)))).orElse("")
                + " · <span class=\"status-" + session.status().name() + "\">" + statusWords(session) + "</span>"
                + " · profile: " + Html.escape(session.profileSummary())
                + " · table: " + Html.escape(session.deviceDescription()) + "</p>\n");

        List<StoredLimit> limits = archive.limits(sessionId);
        List<StoredAlarmEvent> alarms = archive.alarmEvents(sessionId);
        double maxAngleLimit = limits.stream().filter(l -> l.name().equals(StoredLimit.MAX_ANGLE))
                .mapToDouble(StoredLimit::value).findFirst().orElse(Double.NaN);

        html.write("<table class=\"summary\"><tbody>\n");
        Optional<StoredSummary> summary = session.summary();
        if (summary.isPresent()) {
            StoredSummary s = summary.get();
            row(html, "Time inverted", Formats.duration(s.totalTimeInvertedMs()));
            row(html, "Below 30° / 30–60° / 60° and more", Formats.duration(s.band0To30Ms()) + " / "
                    + Formats.duration(s.band30To60Ms()) + " / " + Formats.duration(s.band60To90Ms()));
            row(html, "Steepest angle", Double.isFinite(s.maxAngleDeg()) ? Formats.degrees(s.maxAngleDeg()) + "°" : "no trusted angle");
            row(html, "Inversions", String.valueOf(s.inversions()));
            row(html, "Alarms (high / medium / low)", s.alarmsHigh() + " / " + s.alarmsMedium() + " / " + s.alarmsLow());
            row(html, "Within limits", s.withinLimits() ? "yes" : "no: a limit alarm was raised");
            row(html, "Routine steps completed", s.stepsCompleted() < 0 ? "not known (recovered after a crash)"
                    : s.stepsCompleted() + " of " + s.stepsTotal());
            if (s.missingSamples() > 0 || s.discardedSamples() > 0) {
                row(html, "Samples lost / discarded", s.missingSamples() + " / " + s.discardedSamples());
            }
            if (StoredSummary.RECOMPUTED.equals(s.source())) {
                row(html, "Summary", "recomputed from the recorded samples after the session was interrupted");
            }
        } else {
            row(html, "Summary", "not yet available: the session is in progress");
        }
        row(html, "Samples", session.sampleCount() + (session.samplesKeptEvery() > 1
                ? " kept of " + session.samplesRecorded() + " recorded (thinned to every " + session.samplesKeptEvery() + ")"
                : ""));
        html.write("</tbody></table>\n");

        if (!limits.isEmpty()) {
            html.write("<table class=\"limits\"><thead><tr><th>Limit</th><th class=\"num\">Value</th><th>Set by</th>"
                    + "<th>Because</th></tr></thead><tbody>\n");
            for (StoredLimit limit : limits) {
                html.write("<tr><td>" + Html.escape(limitWords(limit.name())) + "</td><td class=\"num\">"
                        + Html.escape(limitValue(limit)) + "</td><td>" + Html.escape(limit.source().toLowerCase(java.util.Locale.ROOT))
                        + "</td><td>" + Html.escape(limit.because()) + "</td></tr>\n");
            }
            html.write("</tbody></table>\n");
        }

        long startMs = session.startedAt().toEpochMilli();
        long endMs = session.endedAt().map(java.time.Instant::toEpochMilli).orElse(startMs);
        AngleChart chart = new AngleChart(startMs, Math.max(endMs, lastSampleAt(sessionId, startMs)), maxAngleLimit);
        archive.forEachSample(sessionId, chart::accept);
        html.write("<p class=\"legend\"><span><i class=\"swatch\" style=\"background:#1f5fbf\"></i>angle</span>"
                + "<span><i class=\"swatch\" style=\"background:#ffb300;opacity:.5\"></i>advisory band</span>"
                + "<span><i class=\"swatch\" style=\"background:#d32f2f;opacity:.4\"></i>above the limit</span>"
                + "<span><i class=\"swatch\" style=\"background:#d32f2f\"></i>high alarm</span>"
                + "<span><i class=\"swatch\" style=\"background:#f08c00\"></i>medium</span>"
                + "<span><i class=\"swatch\" style=\"background:#1c7ed6\"></i>low</span>"
                + "<span><i class=\"swatch\" style=\"background:#6a1b9a\"></i>sensor fault</span></p>\n");
        html.write(chart.svg(alarms));

        if (!alarms.isEmpty()) {
            html.write("<table class=\"alarms\"><thead><tr><th>At</th><th></th><th>Priority</th><th>Reason</th>"
                    + "<th>Message</th></tr></thead><tbody>\n");
            for (StoredAlarmEvent alarm : alarms) {
                html.write("<tr><td>" + AngleChart.clock(alarm.atMs() - startMs) + "</td><td>"
                        + alarm.transition().toLowerCase(java.util.Locale.ROOT) + "</td><td>" + Html.escape(alarm.priority())
                        + "</td><td>" + Html.escape(alarm.reason()) + "</td><td>" + Html.escape(alarm.message())
                        + "</td></tr>\n");
            }
            html.write("</tbody></table>\n");
        }
        List<StoredCommand> commands = archive.commands(sessionId);
        if (!commands.isEmpty()) {
            html.write("<details><summary>" + commands.size() + " commands sent to the table</summary><table><tbody>\n");
            for (StoredCommand command : commands) {
                html.write("<tr><td>" + AngleChart.clock(command.atMs() - startMs) + "</td><td>"
                        + Html.escape(command.command()) + "</td><td>" + Html.escape(command.argumentsJson())
                        + "</td><td>" + Html.escape(command.result()) + "</td></tr>\n");
            }
            html.write("</tbody></table></details>\n");
        }
        List<StoredStateChange> changes = archive.stateChanges(sessionId);
        if (!changes.isEmpty()) {
            html.write("<details><summary>" + changes.size() + " phase changes</summary><table><tbody>\n");
            for (StoredStateChange change : changes) {
                html.write("<tr><td>" + AngleChart.clock(change.atMs() - startMs) + "</td><td>"
                        + Html.escape(change.fromPhase()) + " → " + Html.escape(change.toPhase()) + "</td></tr>\n");
            }
            html.write("</tbody></table></details>\n");
        }
    }

    /** The last sample's time, read from the end of the session's key range (no scan). */
    private long lastSampleAt(long sessionId, long fallbackMs) {
        return archive.lastSample(sessionId).map(StoredSample::receivedAtMs).orElse(fallbackMs);
    }

    private void begin(Writer html, String title) throws IOException {
        html.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"hangtime\">\n<title>" + Html.escape(title) + "</title>\n<style>\n"
                + STYLE + "</style>\n</head>\n<body>\n");
    }

    private void end(Writer html) throws IOException {
        html.write("<p class=\"meta\">Exported by Hangtime on " + Html.escape(WHEN.format(clock.instant().atZone(zone)))
                + ". Times are " + Html.escape(zone.getId()) + ".</p>\n</body>\n</html>\n");
        html.flush();
    }

    private static void row(Writer html, String label, String value) throws IOException {
        html.write("<tr><th>" + Html.escape(label) + "</th><td>" + Html.escape(value) + "</td></tr>\n");
    }

    private static boolean troubled(StoredSession session) {
        boolean endedBadly = session.status() == SessionStatus.INTERRUPTED || session.status() == SessionStatus.ABORTED;
        return endedBadly || session.summary().map(s -> !s.withinLimits()).orElse(false);
    }

    private static String statusWords(StoredSession session) {
        return switch (session.status()) {
            case COMPLETE -> "complete";
            case ABORTED -> "aborted";
            case INTERRUPTED -> "interrupted";
            case IN_PROGRESS -> "in progress";
        };
    }

    private static String angle(double angleDeg) {
        return Double.isFinite(angleDeg) ? Formats.degrees(angleDeg) + "°" : "–";
    }

    private static String limitWords(String name) {
        return switch (name) {
            case StoredLimit.MAX_ANGLE -> "Maximum angle";
            case StoredLimit.MAX_TIME_INVERTED -> "Maximum time inverted";
            case StoredLimit.MAX_CONTINUOUS -> "Longest continuous stay";
            case StoredLimit.CONTINUOUS_ABOVE_ANGLE -> "Continuous stay counted above";
            default -> name;
        };
    }

    private static String limitValue(StoredLimit limit) {
        return "deg".equals(limit.unit()) ? Formats.degrees(limit.value()) + "°"
                : "ms".equals(limit.unit()) ? Formats.duration((long) limit.value()) : limit.value() + " " + limit.unit();
    }
}
