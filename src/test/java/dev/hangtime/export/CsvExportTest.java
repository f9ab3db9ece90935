package dev.hangtime.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.StoreFixture;
import dev.hangtime.store.TestSessions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportTest {

    @TempDir
    Path dir;

    private List<String> exportLines(OptionalLong session, Path out) throws Exception {
        Path file = dir.resolve("hangtime.db");
        StoreFixture.twoSessions(file, 300);
        try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
            List<Path> written = new SessionExporter(archive, ZoneId.of("Europe/Berlin"), Clock.systemUTC())
                    .export(session, ExportFormat.CSV, out, false);
            assertEquals(List.of(out, SessionExporter.summaryPathFor(out)), written);
        }
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    @Test
    void oneSessionExportsOneRowPerSampleWithEveryField() throws Exception {
        Path out = dir.resolve("session-1.csv");
        List<String> lines = exportLines(OptionalLong.of(1), out);
        assertEquals(CsvExport.SAMPLE_HEADER, lines.get(0));
        assertEquals(301, lines.size());
        long startMs = TestSessions.START.toEpochMilli();
        // sample 0: 0°, device count 0, motorised on even samples
        assertEquals("1,0,0,3600000," + startMs + ",0,0,0,1,1,1,0", lines.get(1));
        // sample 150: 40° + ((150*37) % 75 - 37) centidegrees = 39.63°, inverted since sample 25
        assertEquals("1,150,150,3603000," + (startMs + 3_000) + ",3000,39.63,2500,1,1,1,0", lines.get(151));
        assertTrue(Files.readString(out).contains("\r\n"), "RFC 4180 line ends");
    }

    @Test
    void aSampleWithoutAnAngleHasAnEmptyAngleField() throws Exception {
        List<String> lines = exportLines(OptionalLong.of(2), dir.resolve("s2.csv"));
        assertEquals(4, lines.size());
        assertTrue(lines.get(2).matches("2,1,1,1020,\\d+,20,,0,1,1,0,1"), lines.get(2));
        assertTrue(lines.get(3).contains(",46.5,"), lines.get(3));
    }

    @Test
    void theSummaryFileHasOneRowPerSessionWithLimitsAndQuotedNames() throws Exception {
        Path out = dir.resolve("all.csv");
        List<String> samples = exportLines(OptionalLong.empty(), out);
        assertEquals(1 + 300 + 3, samples.size());
        List<String> summary = Files.readAllLines(dir.resolve("all-summary.csv"), StandardCharsets.UTF_8);
        assertEquals(CsvExport.SUMMARY_HEADER, summary.get(0));
        assertEquals(3, summary.size());
        assertEquals("1,2025-03-01T07:30:00+01:00,2025-03-01T07:30:06+01:00,morning: gentle inversion,"
                + "beginner, week 1 of 2,\"simulated table (serial), firmware 1.0\"".replace("beginner, week 1 of 2",
                "\"beginner, week 1 of 2\"")
                + ",COMPLETE,ENGINE,181000,41000,140000,0,40.37,1,2,1,0,3,3,1,0,0,300,300,1,45,PROFILE,180000,ROUTINE",
                summary.get(1));
        // a leading '=' is defused for spreadsheets, and the embedded quotes are doubled
        assertTrue(summary.get(2).startsWith("2,2025-03-02T07:30:00+01:00,2025-03-02T07:30:00.06+01:00,"
                + "\"'=evening, \"\"decompression\"\"\","), summary.get(2));
        assertTrue(summary.get(2).contains(",ABORTED,ENGINE,40,0,40,0,46.5,1,0,0,1,0,3,0,0,0,3,3,1,"), summary.get(2));
    }

    @Test
    void degreesAreWrittenWithTheStoresResolutionAndNoTrailingZeros() {
        StringBuilder out = new StringBuilder();
        for (double angle : new double[] {0.0, 30.0, 12.34, 12.05, 12.005, -0.5, -80.25, 89.999, 0.0004}) {
            Formats.appendDegrees(out, angle);
            out.append(' ');
        }
        assertEquals("0 30 12.34 12.05 12.005 -0.5 -80.25 89.999 0 ", out.toString());
    }

    @Test
    void theByteSinkWritesDegreesAndNumbersExactlyAsTheTextFormatterDoes() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        AsciiSink sink = new AsciiSink(bytes);
        StringBuilder expected = new StringBuilder();
        for (long millidegrees = -120_000; millidegrees <= 120_000; millidegrees += 7) {
            double angle = millidegrees / 1000.0;
            sink.appendDegrees(angle).append(';').append(millidegrees * 1_000_003L).append(' ');
            Formats.appendDegrees(expected, angle);
            expected.append(';').append(millidegrees * 1_000_003L).append(' ');
        }
        sink.appendDegrees(Double.NaN).append(Long.MIN_VALUE).append(Long.MAX_VALUE);
        expected.append(Long.MIN_VALUE).append(Long.MAX_VALUE);
        sink.flush();
        assertEquals(expected.toString(), bytes.toString(StandardCharsets.US_ASCII));
    }
}
