package dev.hangtime.cli;

import dev.hangtime.export.ExportException;
import dev.hangtime.export.ExportFormat;
import dev.hangtime.export.SessionExporter;
import dev.hangtime.store.DataDirectory;
import dev.hangtime.store.SampleThinner;
import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.SessionStatus;
import dev.hangtime.store.StoreException;
import dev.hangtime.store.StoredAlarmEvent;
import dev.hangtime.store.StoredLimit;
import dev.hangtime.store.StoredSession;
import dev.hangtime.store.StoredSummary;
import dev.hangtime.store.UnknownSessionException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hangtime sessions}: list, show, export and thin recorded sessions. Everything but {@code thin}
 * opens the store read-only, so it can run beside a live session and never changes the file.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "List, show, export and thin recorded sessions.",
        subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.ShowSession.class,
                SessionsCommand.ExportSessions.class, SessionsCommand.ThinSessions.class})
public final class SessionsCommand implements Runnable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens the store read-only, turning "no store yet" into the given user-facing outcome. */
    static SessionArchive openArchive(DataDirectory dataDirectory) {
        Path file = dataDirectory.databaseFile();
        try {
            return SessionArchive.openReadOnly(file);
        } catch (StoreException e) {
            if (e.problem() == StoreException.Problem.MISSING) {
                throw new UserInputException("no sessions recorded yet: " + file + " does not exist (data directory from "
                        + dataDirectory.origin() + ")", e);
            }
            throw e;
        }
    }

    static String statusWords(StoredSession session, boolean recordingNow) {
        if (session.status() == SessionStatus.IN_PROGRESS && !recordingNow) {
            // left by a crash; the next `hangtime run` marks it interrupted and recomputes its summary
            return "unfinished";
        }
        return session.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String duration(long ms) {
        long seconds = Math.round(ms / 1000.0);
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + String.format(Locale.ROOT, "%02d", seconds % 60) + " s";
    }

    /** Time into the session as m:ss.s, e.g. "0:02.5". */
    static String elapsed(long ms) {
        long tenths = Math.max(0, ms) / 100;
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
    }

    static String degrees(double angleDeg) {
        return Double.isFinite(angleDeg) ? String.format(Locale.ROOT, "%.1f°", angleDeg) : "–";
    }

    /** {@code hangtime sessions list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per session, oldest first (reads the per-session summaries only).")
    static final class ListSessions implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Option(names = "--last", paramLabel = "N", description = "Only the latest N sessions.")
        Integer last;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            DataDirectory directory = dataDir.resolve();
            PrintWriter out = spec.commandLine().getOut();
            if (!java.nio.file.Files.exists(directory.databaseFile())) {
                out.println("No sessions recorded yet (" + directory.databaseFile() + " does not exist).");
                return 0;
            }
            if (last != null && last < 1) {
                throw new UserInputException("--last must be at least 1, was " + last);
            }
            try (SessionArchive archive = openArchive(directory)) {
                List<StoredSession> sessions = last == null ? archive.sessions() : archive.latestSessions(last);
                boolean recordingNow = archive.recordingNow();
                ZoneId zone = ZoneId.systemDefault();
                // plain appends, not printf: a format string parsed per line cost ~50 µs × 7,300 sessions
                StringBuilder table = new StringBuilder(96 * (sessions.size() + 1));
                row(table, "ID", "STARTED", "ROUTINE", "STATUS", "INVERTED", "MAX", "ALARMS", "LIMITS");
                for (StoredSession session : sessions) {
                    Optional<StoredSummary> summary = session.summary();
                    row(table, Long.toString(session.id()), WHEN.format(session.startedAt().atZone(zone)),
                            clip(session.routineName(), 28), statusWords(session, recordingNow),
                            summary.map(s -> duration(s.totalTimeInvertedMs())).orElse("–"),
                            summary.map(s -> degrees(s.maxAngleDeg())).orElse("–"),
                            summary.map(s -> String.valueOf(s.alarmCount())).orElse("–"),
                            summary.map(s -> s.withinLimits() ? "within" : "EXCEEDED").orElse("–"));
                }
                out.print(table);
                out.flush(); // print() does not flush an autoflush PrintWriter; println() would
                if (sessions.isEmpty()) {
                    out.println("(no sessions)");
                }
            }
            return 0;
        }

        /** One line of the table: id and numbers right-aligned, text left-aligned. */
        private static void row(StringBuilder table, String id, String started, String routine, String status,
                                String inverted, String max, String alarms, String limits) {
            pad(table, id, 6, true).append("  ");
            pad(table, started, 16, false).append("  ");
            pad(table, routine, 28, false).append("  ");
            pad(table, status, 11, false).append("  ");
            pad(table, inverted, 10, true).append("  ");
            pad(table, max, 7, true).append("  ");
            pad(table, alarms, 6, true).append("  ");
            table.append(limits).append(System.lineSeparator());
        }

        private static StringBuilder pad(StringBuilder table, String text, int width, boolean right) {
            int spaces = Math.max(0, width - text.length());
            if (right) {
                table.append(" ".repeat(spaces)).append(text);
            } else {
                table.append(text).append(" ".repeat(spaces));
            }
            return table;
        }

        private static String clip(String text, int width) {
            return text.length() <= width ? text : text.substring(0, width - 1) + "…";
        }
    }

    /** {@code hangtime sessions show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "One session in detail.")
    static final class ShowSession implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Parameters(paramLabel = "ID", description = "The session id, as `sessions list` shows it.")
        long id;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (SessionArchive archive = openArchive(dataDir.resolve())) {
                StoredSession session = archive.session(id);
                ZoneId zone = ZoneId.systemDefault();
                out.println("Session " + session.id() + ": " + session.routineName());
                out.println("  started   " + WHEN.format(session.startedAt().atZone(zone))
                        + session.endedAt().map(e -> ", ended " + WHEN.format(e.atZone(zone))).orElse(""));
                out.println("  status    " + statusWords(session, archive.recordingNow()));
                out.println("  profile   " + session.profileSummary());
                out.println("  table     " + session.deviceDescription());
                for (StoredLimit limit : archive.limits(id)) {
                    out.println("  limit     " + limit.name() + " = " + ("deg".equals(limit.unit())
                            ? degrees(limit.value()) : duration((long) limit.value())) + ", set by "
                            + limit.source().toLowerCase(Locale.ROOT) + ": " + limit.because());
                }
                if (session.summary().isPresent()) {
                    StoredSummary s = session.summary().get();
                    out.println("  inverted  " + duration(s.totalTimeInvertedMs()) + " (below 30°: "
                            + duration(s.band0To30Ms()) + ", 30–60°: " + duration(s.band30To60Ms()) + ", 60° and more: "
                            + duration(s.band60To90Ms()) + ")");
                    out.println("  steepest  " + degrees(s.maxAngleDeg()) + ", " + s.inversions() + " inversion"
                            + (s.inversions() == 1 ? "" : "s"));
                    out.println("  alarms    " + s.alarmsHigh() + " high, " + s.alarmsMedium() + " medium, "
                            + s.alarmsLow() + " low; " + (s.withinLimits() ? "within limits" : "a LIMIT WAS EXCEEDED"));
                    out.println("  steps     " + (s.stepsCompleted() < 0 ? "not known" : s.stepsCompleted() + " of " + s.stepsTotal()));
                    if (StoredSummary.RECOMPUTED.equals(s.source())) {
                        out.println("  summary   recomputed from the stored samples after the session was cut short");
                    }
                } else {
                    out.println("  summary   none yet");
                }
                out.println("  samples   " + session.sampleCount() + (session.samplesKeptEvery() > 1
                        ? " kept of " + session.samplesRecorded() + " recorded (thinned to every "
                                + session.samplesKeptEvery() + "th)" : ""));
                for (StoredAlarmEvent alarm : archive.alarmEvents(id)) {
                    out.println("  " + alarm.transition().toLowerCase(Locale.ROOT) + " at "
                            + elapsed(alarm.atMs() - session.startedAt().toEpochMilli()) + ": " + alarm.priority()
                            + " " + alarm.reason() + " – " + alarm.message());
                }
            } catch (UnknownSessionException e) {
                throw new UserInputException(e.getMessage(), e);
            }
            return 0;
        }
    }

    /** {@code hangtime sessions export ID|--all --format csv|json|html --out PATH [--force]}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write one session or all of them to a file (CSV also writes a -summary.csv beside it).")
    static final class ExportSessions implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        static final class Which {
            @Parameters(paramLabel = "ID", description = "The session to export.")
            Long id;

            @Option(names = "--all", required = true, description = "Export every session.")
            boolean all;
        }

        @Option(names = "--format", required = true, paramLabel = "FORMAT",
                description = "csv, json or html.")
        ExportFormat format;

        @Option(names = "--out", required = true, paramLabel = "PATH", description = "The file to write.")
        Path out;

        @Option(names = "--force", description = "Replace the file if it exists.")
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (SessionArchive archive = openArchive(dataDir.resolve())) {
                SessionExporter exporter = new SessionExporter(archive, ZoneId.systemDefault(), Clock.systemUTC());
                OptionalLong session = which.id == null ? OptionalLong.empty() : OptionalLong.of(which.id);
                for (Path written : exporter.export(session, format, out, force)) {
                    spec.commandLine().getOut().println("wrote " + written);
                }
            } catch (UnknownSessionException e) {
                throw new UserInputException(e.getMessage(), e);
            } catch (ExportException e) {
                if (e.userInput()) {
                    throw new UserInputException(e.getMessage(), e);
                }
                throw e;
            }
            return 0;
        }
    }

    /** {@code hangtime sessions thin --older-than 1y --keep-every N}. */
    @Command(name = "thin", mixinStandardHelpOptions = true,
            description = {"Keep every N-th sample of old sessions to save space; summaries, limits, alarms,",
                    "commands and phase changes are all kept. Cannot be undone: export first if unsure."})
    static final class ThinSessions implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Option(names = "--older-than", required = true, paramLabel = "AGE",
                description = "Sessions that started longer ago than this: e.g. 90d, 26w, 1y.")
        String olderThan;

        @Option(names = "--keep-every", required = true, paramLabel = "N",
                description = "Keep one sample in N (2..1000); 50 keeps one a second of a 50 Hz trace.")
        int keepEvery;

        @Option(names = "--dry-run", description = "Say what would be removed, change nothing.")
        boolean dryRun;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Duration age = SampleThinner.parseAge(olderThan)
                    .orElseThrow(() -> new UserInputException("--older-than " + olderThan
                            + " is not an age; write a number and d, w or y, e.g. 90d, 26w, 1y"));
            if (keepEvery < 2 || keepEvery > SampleThinner.MAX_KEEP_EVERY) {
                throw new UserInputException("--keep-every must be 2.." + SampleThinner.MAX_KEEP_EVERY + ", was " + keepEvery);
            }
            Path file = dataDir.resolve().databaseFile();
            if (!java.nio.file.Files.exists(file)) {
                throw new UserInputException("no sessions recorded yet: " + file + " does not exist");
            }
            SampleThinner.Result result = SampleThinner.thin(file, Clock.systemUTC().instant().minus(age), keepEvery, dryRun);
            spec.commandLine().getOut().println((dryRun ? "would thin " : "thinned ") + result.sessions()
                    + " sessions: " + result.samplesRemoved() + " samples " + (dryRun ? "to remove" : "removed") + ", "
                    + result.samplesKept() + " kept" + (dryRun ? "" : "; the file is now " + result.fileBytesAfter() / 1_000_000
                    + " MB (was " + result.fileBytesBefore() / 1_000_000 + " MB)"));
            return 0;
        }
    }
}
