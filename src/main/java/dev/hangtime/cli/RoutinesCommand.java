package dev.hangtime.cli;

import dev.hangtime.engine.EffectiveLimits;
import dev.hangtime.engine.Profile;
import dev.hangtime.engine.ProfileLimits;
import dev.hangtime.engine.Progression;
import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineLimits;
import dev.hangtime.engine.RoutineRules;
import dev.hangtime.engine.SessionRecord;
import dev.hangtime.engine.RoutineStep;
import dev.hangtime.engine.Words;
import dev.hangtime.routine.InvalidFileException;
import dev.hangtime.routine.ProfileFile;
import dev.hangtime.routine.RoutineCatalog;
import dev.hangtime.routine.RoutineLoader;
import dev.hangtime.routine.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hangtime routines list|show|check}: the built-in routines, the user's, and checking a file. */
@Command(name = "routines", mixinStandardHelpOptions = true,
        description = "List, show and check routines (docs/ROUTINES.md describes the format).",
        subcommands = {RoutinesCommand.ListRoutines.class, RoutinesCommand.Show.class, RoutinesCommand.Check.class})
public final class RoutinesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static RoutineCatalog catalog(Path configDir) {
        return CliInputs.config("routines in " + configDir, () -> RoutineCatalog.load(configDir));
    }

    static String range(long minMs, long maxMs) {
        return minMs == maxMs ? Words.duration(minMs) : Words.duration(minMs) + " to " + Words.duration(maxMs);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in and your own routines.")
    static final class ListRoutines implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ConfigDirOption config = new ConfigDirOption();

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-14s %-9s %-10s %-26s %s%n", "NAME", "FROM", "ANGLE", "HOLDS", "DESCRIPTION");
            for (RoutineCatalog.Entry e : catalog(config.resolve()).entries()) {
                Routine r = e.routine();
                out.printf("%-14s %-9s %-10s %-26s %s%n", r.name(), e.builtIn() ? "built-in" : "yours",
                        "up to " + Words.degrees(r.steepestTiltDeg()), range(r.minimumHoldMs(), r.maximumHoldMs()),
                        r.description());
            }
            out.flush();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a routine's limits and steps.")
    static final class Show implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ConfigDirOption config = new ConfigDirOption();
        @Mixin
        DataDirOption dataDir = new DataDirOption();
        @Parameters(paramLabel = "NAME|FILE", description = "A routine's name, or a routine file.")
        String routine;
        @Option(names = "--yaml", description = "Print the routine's YAML as written.")
        boolean yaml;

        @Override
        public void run() {
            Path configDir = config.resolve();
            RoutineCatalog.Entry entry;
            try {
                entry = catalog(configDir).resolve(routine, RoutineLoader.ANY_TABLE);
            } catch (InvalidFileException | IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), e);
            } catch (IOException e) {
                throw new UserInputException("cannot read " + routine + ": " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (yaml) {
                out.print(entry.yaml());
                out.flush();
                return;
            }
            Routine r = entry.routine();
            out.println(r.name() + " (" + (entry.builtIn() ? "built-in" : entry.origin()) + ")");
            if (!r.description().isEmpty()) {
                out.println(r.description());
            }
            RoutineLimits l = r.limits();
            out.println();
            out.println("Limits: angle at most " + Words.degrees(l.maxAngleDeg()) + ", time inverted at most "
                    + Words.duration(l.maxTimeInvertedMs())
                    + l.continuous().map(c -> ", at most " + Words.duration(c.maxMs()) + " at a time above "
                    + Words.degrees(c.aboveAngleDeg())).orElse(""));
            out.println("Steps:");
            int n = 1;
            for (RoutineStep s : r.steps()) {
                out.println("  " + n++ + ". " + s.label() + (s.note().isEmpty() ? "" : " — " + s.note()));
            }
            out.println("Holds " + range(r.minimumHoldMs(), r.maximumHoldMs()) + " in all; rests "
                    + Words.duration(r.totalRestMs()) + ".");
            profileVerdict(configDir, r, StoredHistory.read(dataDir.resolve())).ifPresent(out::println);
            out.flush();
        }

        /** Whether today's profile would let this routine start, when there is a profile. */
        private static Optional<String> profileVerdict(Path configDir, Routine r, List<SessionRecord> history) {
            Optional<Profile> profile;
            try {
                profile = ProfileFile.load(configDir);
            } catch (InvalidFileException | IOException e) {
                return Optional.of("(Your profile could not be read: " + e.getMessage() + ")");
            }
            if (profile.isEmpty()) {
                return Optional.empty();
            }
            // the same past sessions as hangtime profile show, so both commands agree on today's level
            ProfileLimits limits = Progression.limits(profile.get(), history, LocalDate.now(),
                    ZoneId.systemDefault());
            List<String> conflicts = RoutineRules.conflicts(r, EffectiveLimits.strictest(r, limits, Double.NaN));
            return Optional.of(conflicts.isEmpty() ? "Your profile allows this routine today."
                    : "Your profile does not allow this routine today: " + String.join(" ", conflicts));
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check a routine file; report every problem with its line and field (exit code 2).")
    static final class Check implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "The routine file (YAML).")
        Path file;
        @Option(names = "--table-max-angle", paramLabel = "ANGLE",
                description = "Also check against a table that reaches this angle, e.g. 60deg.")
        String tableMaxAngle;

        @Override
        public void run() {
            double tableMax = tableMaxAngle == null ? RoutineLoader.ANY_TABLE
                    : CliInputs.option("--table-max-angle", tableMaxAngle, Units::angleDeg);
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UserInputException(file + ": no such file");
            } catch (IOException e) {
                throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
            }
            try {
                Routine r = RoutineLoader.parse(file.toString(), text, tableMax);
                spec.commandLine().getOut().println(file + ": OK: routine '" + r.name() + "', " + r.steps().size()
                        + " steps, up to " + Words.degrees(r.steepestTiltDeg()) + ", holds "
                        + range(r.minimumHoldMs(), r.maximumHoldMs()));
                spec.commandLine().getOut().flush();
            } catch (InvalidFileException e) {
                throw new UserInputException(e.getMessage(), e);
            }
        }
    }
}
