package dev.hangtime.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.StoreFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    private String export(OptionalLong session, int samples) throws Exception {
        Path file = dir.resolve("hangtime.db");
        StoreFixture.twoSessions(file, samples);
        Path out = dir.resolve("report.html");
        try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
            new SessionExporter(archive, ZoneOffset.UTC, Clock.systemUTC()).export(session, ExportFormat.HTML, out, false);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Offline means nothing is fetched: no script, no link, no src, no URL but the SVG namespace. */
    private static void assertSelfContained(String html) {
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<link"), "no external style sheet");
        assertFalse(html.contains("src="), "no external image or frame");
        assertFalse(html.contains("url("), "no CSS fetch");
        String withoutNamespace = html.replace("http://www.w3.org/2000/svg", "");
        assertFalse(withoutNamespace.contains("http://") || withoutNamespace.contains("https://"), "no URL");
    }

    @Test
    void aSessionReportIsSelfContainedWithTheAngleTraceTheLimitBandsAndTheAlarmsMarked() throws Exception {
        String html = export(OptionalLong.of(1), 3_000);
        assertSelfContained(html);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<h1>morning: gentle inversion</h1>"));
        assertTrue(html.contains("class=\"band-limit\""), "the area above the limit");
        assertTrue(html.contains("class=\"band-advisory\""), "the advisory margin below it");
        assertTrue(html.contains("limit 45°"));
        assertTrue(html.contains("<line class=\"alarm alarm-medium\""), "the raised alarm is marked");
        assertTrue(html.contains("MEDIUM ANGLE_APPROACHING_LIMIT at 0:02: Ease back, &quot;41°&quot; is close"),
                "with its message as a tooltip, escaped");
        assertTrue(html.contains("class=\"alarm-span alarm-medium\""), "and how long it was active");
        assertTrue(html.contains("Maximum angle") && html.contains("your beginner profile (first two weeks)"),
                "the limits and what set them");
        assertTrue(html.contains("3 min 01 s"), "the summary's time inverted");
    }

    @Test
    void theTraceIsDecimatedToTheChartsWidthWhateverTheNumberOfSamples() throws Exception {
        String html = export(OptionalLong.of(1), 20_000);
        Matcher polyline = Pattern.compile("<polyline class=\"trace\" points=\"([^\"]*)\"").matcher(html);
        int points = 0;
        while (polyline.find()) {
            points += polyline.group(1).split(" ").length;
        }
        assertTrue(points > AngleChart.COLUMNS / 2 && points <= 2 * AngleChart.COLUMNS,
                "min and max per column, at most: " + points);
    }

    @Test
    void theHistoryReportHasTheHistoryChartEverySessionAndStaysSelfContained() throws Exception {
        String html = export(OptionalLong.empty(), 300);
        assertSelfContained(html);
        assertTrue(html.contains("<h1>Session history</h1>"));
        assertTrue(html.contains("aria-label=\"Time inverted and steepest angle per day\""));
        assertEquals(2, html.split("<rect class=\"bar", -1).length - 1, "one bar per day with a session");
        assertTrue(html.contains("<rect class=\"bar bar-troubled\""), "the aborted day stands out");
        assertTrue(html.contains("&#39;=evening") || html.contains("=evening, &quot;decompression&quot;"),
                "names are escaped");
        assertFalse(html.contains("\"decompression\"</td>"), "no raw quotes from names in the table");
        assertTrue(html.contains("<h2>Session 2: "), "the latest sessions in detail");
    }
}
