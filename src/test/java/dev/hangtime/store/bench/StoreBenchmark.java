package dev.hangtime.store.bench;

import dev.hangtime.cli.HangtimeCommand;
import dev.hangtime.engine.Sample;
import dev.hangtime.export.ExportFormat;
import dev.hangtime.export.SessionExporter;
import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.SessionRecorder;
import dev.hangtime.store.SessionStore;
import dev.hangtime.store.StoreStats;
import dev.hangtime.store.StoredSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The store's benchmarks (BENCHMARKS.md "Store and export"). A command, not a test: timing goals are
 * measured here, never asserted in unit tests.
 *
 * <pre>
 * mvn -o -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.hangtime.store.bench.StoreBenchmark -Dexec.args="MODE [DIR] [OPTIONS]"
 * </pre>
 * Modes: {@code ingest} (durable samples per second and commit latency), {@code export} (a one-million-
 * sample session to CSV), {@code history [SESSIONS_WITH_SAMPLES]} (ten years of twice-daily sessions:
 * {@code sessions list} and history queries, file size per sample). DIR defaults to a new temporary
 * directory, which is left in place for inspection.
 */
public final class StoreBenchmark {

    private static final PrintWriter OUT = new PrintWriter(System.out, true);

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "help";
        Path dir = args.length > 1 ? Files.createDirectories(Path.of(args[1]))
                : Files.createTempDirectory("hangtime-bench-");
        OUT.println("# hangtime store benchmark: " + mode + " in " + dir + " (" + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + ")");
        switch (mode) {
            case "ingest" -> ingest(dir);
            case "export" -> exportCsv(dir);
            case "history" -> history(dir, args.length > 2 ? Integer.parseInt(args[2]) : 7_300);
            default -> OUT.println("modes: ingest | export | history [SESSIONS_WITH_SAMPLES]");
        }
    }

    // ------------------------------------------------------------------ ingest

    /** One run's figures. */
    private record IngestRun(String label, long samples, double durablePerSecond, double maxLatencyMs, long late,
                             long commits, int largestBatch) {
    }

    private static void ingest(Path dir) throws Exception {
        List<IngestRun> runs = new ArrayList<>();
        // warm-up, not counted: lets the JIT compile the record and write paths before anything is measured
        paced(dir, "warm-up (not counted), 20,000/s, 5 s", 20_000, 5);
        runs.add(paced(dir, "50 Hz (one table), 10 s", 50, 10));
        for (int repeat = 0; repeat < 3; repeat++) {
            runs.add(paced(dir, "20,000/s offered, 10 s", 20_000, 10));
        }
        for (int repeat = 0; repeat < 3; repeat++) {
            runs.add(paced(dir, "40,000/s offered, 10 s", 40_000, 10));
        }
        for (int repeat = 0; repeat < 3; repeat++) {
            runs.add(flood(dir, 1_000_000));
        }
        OUT.printf(Locale.ROOT, "%nload average (1 min) after the runs: %s%n", loadAverage());
        OUT.printf(Locale.ROOT, "| run | samples | durable samples/s | max commit latency (ms) | samples later than 100 ms "
                + "| commits | largest batch |%n");
        OUT.printf(Locale.ROOT, "|---|---:|---:|---:|---:|---:|---:|%n");
        for (IngestRun run : runs) {
            OUT.printf(Locale.ROOT, "| %s | %,d | %,.0f | %.1f | %,d (%.2f %%) | %,d | %,d |%n", run.label(), run.samples(),
                    run.durablePerSecond(), run.maxLatencyMs(), run.late(), 100.0 * run.late() / run.samples(),
                    run.commits(), run.largestBatch());
        }
        for (String label : List.of("20,000/s offered, 10 s", "40,000/s offered, 10 s", "flood")) {
            List<IngestRun> of = runs.stream().filter(r -> r.label().startsWith(label)).toList();
            OUT.printf(Locale.ROOT, "median of %s: %,.0f durable samples/s, max commit latency %.1f ms (worst run %.1f ms)%n",
                    label, median(of.stream().map(IngestRun::durablePerSecond).toList()),
                    median(of.stream().map(IngestRun::maxLatencyMs).toList()),
                    of.stream().mapToDouble(IngestRun::maxLatencyMs).max().orElse(0));
        }
    }

    /** Records at a fixed offered rate, as a producer thread would; waits until all are durable. */
    private static IngestRun paced(Path dir, String label, int perSecond, int seconds) throws Exception {
        Path file = Files.createTempFile(dir, "ingest-", ".db");
        Files.delete(file);
        try (SessionStore store = SessionStore.open(file)) {
            SessionRecorder recorder = store.beginSession(SyntheticSessions.start(0, Instant.now()));
            recorder.flush().get(10, TimeUnit.SECONDS);
            long total = (long) perSecond * seconds;
            long startedAtMs = recorder.startedAtMs();
            long t0 = System.nanoTime();
            long recorded = 0;
            while (recorded < total) {
                long due = Math.min(total, (System.nanoTime() - t0) * perSecond / 1_000_000_000L + 1);
                for (; recorded < due; recorded++) {
                    recorder.recordSample(sample(recorded, startedAtMs));
                }
                LockSupport.parkNanos(200_000); // the producer's pace: samples arrive over time, not at once
            }
            recorder.flush().get(60, TimeUnit.SECONDS);
            double elapsedS = (System.nanoTime() - t0) / 1e9;
            StoreStats stats = store.stats();
            IngestRun run = new IngestRun(label, total, total / elapsedS, stats.maxCommitLatencyNanos() / 1e6,
                    stats.samplesLate(), stats.commits(), stats.largestBatch());
            OUT.printf(Locale.ROOT, "%s: %,.0f durable/s, max commit latency %.1f ms, %,d commits%n", label,
                    run.durablePerSecond(), run.maxLatencyMs(), run.commits());
            return run;
        } finally {
            deleteStore(file);
        }
    }

    /** Records as fast as the caller can; the writer's capacity. */
    private static IngestRun flood(Path dir, int total) throws Exception {
        Path file = Files.createTempFile(dir, "flood-", ".db");
        Files.delete(file);
        try (SessionStore store = SessionStore.open(file)) {
            SessionRecorder recorder = store.beginSession(SyntheticSessions.start(0, Instant.now()));
            recorder.flush().get(10, TimeUnit.SECONDS);
            long startedAtMs = recorder.startedAtMs();
            long t0 = System.nanoTime();
            for (long i = 0; i < total; i++) {
                recorder.recordSample(sample(i, startedAtMs));
            }
            recorder.flush().get(120, TimeUnit.SECONDS);
            double elapsedS = (System.nanoTime() - t0) / 1e9;
            StoreStats stats = store.stats();
            IngestRun run = new IngestRun("flood (" + String.format(Locale.ROOT, "%,d", total) + " at once)", total,
                    total / elapsedS, stats.maxCommitLatencyNanos() / 1e6, stats.samplesLate(), stats.commits(),
                    stats.largestBatch());
            OUT.printf(Locale.ROOT, "flood: %,.0f durable/s, max commit latency %.1f ms (queueing included)%n",
                    run.durablePerSecond(), run.maxLatencyMs());
            return run;
        } finally {
            deleteStore(file);
        }
    }

    private static Sample sample(long i, long startedAtMs) {
        double angle = Math.round((30 + 5 * Math.sin(i / 250.0)) * 100) / 100.0;
        return new Sample((int) (i & 0xFFFF), i * 20, startedAtMs + i / 50, angle, i * 20, true, true, false, false);
    }

    // ------------------------------------------------------------------ export

    private static void exportCsv(Path dir) throws Exception {
        Path file = dir.resolve("export-1m.db");
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            try (SessionStore store = SessionStore.open(file)) {
                SessionRecorder recorder = store.beginSession(SyntheticSessions.start(1, Instant.parse("2025-03-01T06:30:00Z")));
                SyntheticSessions.record(recorder, 1, 1_000_000);
            }
            OUT.printf(Locale.ROOT, "built a 1,000,000-sample session in %.1f s (%,d bytes)%n",
                    (System.nanoTime() - t0) / 1e9, Files.size(file));
        }
        Path out = dir.resolve("session-1.csv");
        List<Double> seconds = new ArrayList<>();
        List<Double> cpuSeconds = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 0; run < 6; run++) {
            long t0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
                new SessionExporter(archive, ZoneOffset.UTC, Clock.systemUTC())
                        .export(OptionalLong.of(1), ExportFormat.CSV, out, true);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            seconds.add(s);
            cpuSeconds.add(cpu);
            OUT.printf(Locale.ROOT, "CSV export run %d: %.2f s wall, %.2f s CPU%s%n", run + 1, s, cpu,
                    run == 0 ? " (cold JIT)" : "");
        }
        OUT.printf(Locale.ROOT, "CSV export of 1,000,000 samples: median %.2f s wall (%.2f s CPU) over 6 runs "
                + "(first run %.2f s); %,d bytes; load average %s%n", median(seconds), median(cpuSeconds),
                seconds.get(0), Files.size(out), loadAverage());
        for (ExportFormat format : List.of(ExportFormat.JSON, ExportFormat.HTML)) {
            Path target = dir.resolve("session-1." + format.name().toLowerCase(Locale.ROOT));
            long t0 = System.nanoTime();
            try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
                new SessionExporter(archive, ZoneOffset.UTC, Clock.systemUTC())
                        .export(OptionalLong.of(1), format, target, true);
            }
            OUT.printf(Locale.ROOT, "%s export of the same session: %.2f s, %,d bytes%n", format,
                    (System.nanoTime() - t0) / 1e9, Files.size(target));
        }
    }

    // ------------------------------------------------------------------ history

    private static void history(Path dir, int sessionsWithSamples) throws Exception {
        int sessions = 7_300; // ten years, twice a day
        Path dataDir = dir.resolve("history-" + sessionsWithSamples);
        Path file = dataDir.resolve("hangtime.db");
        if (!Files.exists(file)) {
            build(file, sessions, sessionsWithSamples);
        }
        long[] samples = sampleCount(file);
        long fileBytes = Files.size(file);
        OUT.printf(Locale.ROOT, "store: %,d sessions, %,d samples, %,d bytes (%s)%n", sessions, samples[0], fileBytes, file);
        if (samples[0] > 0) {
            double perSample = (double) samples[1] / samples[0];
            double perSampleFile = (double) fileBytes / samples[0];
            long perYear = 2L * 365 * 12_000; // twice a day, 4 min at 50 Hz
            OUT.printf(Locale.ROOT, "sample table: %.1f bytes per sample (b-tree pages / samples); whole file: %.1f bytes per sample%n",
                    perSample, perSampleFile);
            OUT.printf(Locale.ROOT, "per year of use (2 sessions a day x 4 min x 50 Hz = %,d samples): %.0f MB%n", perYear,
                    perYear * perSample / 1e6);
        }
        String[] list = {"sessions", "list", "--data-dir", dataDir.toString()};
        OUT.printf(Locale.ROOT, "`hangtime sessions list` (all %,d, in-process, open + query + print): median %s%n",
                sessions, medianMs(21, () -> HangtimeCommand.commandLine()
                        .setOut(new PrintWriter(OutputStream.nullOutputStream())).execute(list)));
        String[] last = {"sessions", "list", "--last", "10", "--data-dir", dataDir.toString()};
        OUT.printf(Locale.ROOT, "`hangtime sessions list --last 10`: median %s%n",
                medianMs(21, () -> HangtimeCommand.commandLine()
                        .setOut(new PrintWriter(OutputStream.nullOutputStream())).execute(last)));
        Instant end;
        try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
            end = archive.latestSessions(1).get(0).startedAt().plus(Duration.ofHours(1));
        }
        OUT.printf(Locale.ROOT, "history query, last 90 days (open + sessionsStartedBetween): median %s%n",
                medianMs(21, () -> {
                    try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
                        List<StoredSession> recent = archive.sessionsStartedBetween(end.minus(Duration.ofDays(90)), end);
                        if (recent.size() != 180) { // 90 days, twice a day
                            throw new IllegalStateException("expected 180 sessions, got " + recent.size());
                        }
                    }
                }));
        OUT.printf(Locale.ROOT, "history query, all sessions' summaries (open + sessions()): median %s%n",
                medianMs(21, () -> {
                    try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
                        archive.sessions();
                    }
                }));
        Path report = dir.resolve("history-" + sessionsWithSamples + ".html");
        OUT.printf(Locale.ROOT, "`sessions export --all --format html` (history chart, table, 5 latest in detail): median %s; load average %s%n",
                medianMs(5, () -> {
                    try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
                        new SessionExporter(archive, ZoneOffset.UTC, Clock.systemUTC())
                                .export(OptionalLong.empty(), ExportFormat.HTML, report, true);
                    }
                }), loadAverage());
    }

    /** Ten years of twice-daily sessions from 2015-01-01; the last {@code withSamples} keep their samples. */
    private static void build(Path file, int sessions, int withSamples) throws Exception {
        long t0 = System.nanoTime();
        Instant firstDay = Instant.parse("2015-01-01T00:00:00Z");
        long storedSamples = 0;
        try (SessionStore store = SessionStore.open(file)) {
            for (int index = 0; index < sessions; index++) {
                Instant start = firstDay.plus(Duration.ofDays(index / 2))
                        .plus(index % 2 == 0 ? Duration.ofMinutes(6 * 60 + 30) : Duration.ofHours(19));
                SessionRecorder recorder = store.beginSession(SyntheticSessions.start(index, start));
                long target = 9_000 + (index * 7919L) % 6_001; // 3 to 5 minutes at 50 Hz
                boolean keep = index >= sessions - withSamples;
                storedSamples += SyntheticSessions.record(recorder, index, target, keep).samples();
                if (index % 50 == 49) {
                    recorder.flush().get(120, TimeUnit.SECONDS); // back-pressure: keep the queue bounded
                    OUT.printf(Locale.ROOT, "\rbuilding: %,d sessions, %,d samples", index + 1, storedSamples);
                    OUT.flush();
                }
            }
        }
        OUT.printf(Locale.ROOT, "%nbuilt %,d sessions (%,d with samples, %,d samples) in %.0f s%n", sessions, withSamples,
                storedSamples, (System.nanoTime() - t0) / 1e9);
    }

    /** [samples, bytes of the sample table's pages] from SQLite's dbstat. */
    private static long[] sampleCount(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            long count;
            try (ResultSet rows = statement.executeQuery("SELECT sum(sample_count) FROM session")) {
                rows.next();
                count = rows.getLong(1);
            }
            try (ResultSet rows = statement.executeQuery("SELECT sum(pgsize) FROM dbstat WHERE name = 'sample'")) {
                rows.next();
                return new long[] {count, rows.getLong(1)};
            }
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** Runs the action; returns "median wall ms (median CPU ms of this thread)". */
    private static String medianMs(int runs, Action action) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            action.run();
            wall.add((System.nanoTime() - t0) / 1e6);
            cpu.add((threads.getCurrentThreadCpuTime() - cpu0) / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f ms wall (%.1f ms CPU)", median(wall), median(cpu));
    }

    /** The 1-minute load average, so a reader can judge how busy the machine was. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void deleteStore(Path file) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm", ".writer-lock")) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }
}
