package dev.hangtime.cli;

import dev.hangtime.engine.DailyBudget;
import dev.hangtime.engine.DailyPlan;
import dev.hangtime.engine.Profile;
import dev.hangtime.engine.Progression;
import dev.hangtime.engine.SessionRecord;
import dev.hangtime.engine.Words;
import dev.hangtime.routine.InvalidFileException;
import dev.hangtime.routine.ProfileFile;
import dev.hangtime.routine.RoutineCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hangtime today}: the daily plan (upon waking, morning, evening) with what is done from today's
 * stored sessions and what comes next, and whether the daily budget allows a table session now. The plan
 * itself is the engine's pure {@link DailyPlan#forDay}; this command only gathers its inputs (history
 * from the store, profile and routines from the configuration directory) and prints the result.
 */
@Command(name = "today", mixinStandardHelpOptions = true,
        description = "Today's plan: what is done, what is next, and whether a table session may start now.")
public final class TodayCommand implements Callable<Integer> {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    @Mixin
    DataDirOption dataDir;

    @Mixin
    ConfigDirOption config = new ConfigDirOption();

    @Option(names = "--at", paramLabel = "DATE-TIME",
            description = "Show the plan as it stands at this local time, e.g. 2025-03-01T18:30 (default: now).")
    String at;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ZoneId zone = ZoneId.systemDefault();
        Instant now = at == null ? Instant.now() : parseAt(at, zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        List<SessionRecord> history = StoredHistory.read(dataDir.resolve());
        Path configDir = config.resolve();
        Optional<Profile> profile = profile(configDir);

        DailyPlan.Template template = DailyPlan.Template.standard();
        DailyBudget.Rules rules = DailyBudget.Rules.DEFAULT;
        if (profile.isPresent()) {
            // a beginner's limits may refuse the standard routines: the plan then names one that fits
            template = template.fitting(routines(configDir), Progression.limits(profile.get(), history, today, zone),
                    "beginner");
            rules = profile.get().budget();
        }
        DailyPlan.Plan plan = DailyPlan.forDay(template, history, now, zone, rules);
        print(spec.commandLine().getOut(), plan, now, zone, profile.isPresent());
        return 0;
    }

    private static void print(PrintWriter out, DailyPlan.Plan plan, Instant now, ZoneId zone, boolean haveProfile) {
        out.println("Today, " + DAY.format(plan.day()) + " (as of " + CLOCK.format(now.atZone(zone)) + ")");
        for (DailyPlan.Item item : plan.items()) {
            DailyPlan.Activity activity = item.activity();
            String duration = range(activity.minDurationMs(), activity.maxDurationMs())
                    + (activity.onTable() ? " on the table" : ", off the table");
            String state = switch (item.status()) {
                case DONE -> "done at " + CLOCK.format(item.doneBy().orElseThrow().startedAt().atZone(zone));
                case NEXT -> "next" + window(activity, now, zone) + ": " + howTo(activity);
                case LATER -> "later" + window(activity, now, zone);
                case MISSED -> "missed (" + CLOCK.format(activity.from()) + "–" + CLOCK.format(activity.until()) + ")";
            };
            out.println("  " + mark(item.status()) + " " + activity.title() + " (" + duration + "): " + state);
        }
        DailyBudget.Decision budget = plan.budget();
        out.println("Table sessions: " + budget.reason()
                + budget.nextAllowedAt().map(t -> " Next possible at " + CLOCK.format(t.atZone(zone)) + ".").orElse(""));
        if (!haveProfile) {
            out.println("(No profile yet: the standard plan and budget. `hangtime profile init` sets yours.)");
        }
        out.flush();
    }

    /** "2–3 min" for whole minutes, else both ends in full ("1 min 30 s–2 min"). */
    private static String range(long minMs, long maxMs) {
        if (minMs % 60_000 == 0 && maxMs % 60_000 == 0) {
            return minMs / 60_000 + "–" + maxMs / 60_000 + " min";
        }
        return Words.duration(minMs) + "–" + Words.duration(maxMs);
    }

    private static String mark(DailyPlan.Status status) {
        return switch (status) {
            case DONE -> "[x]";
            case NEXT -> "[>]";
            case LATER -> "[ ]";
            case MISSED -> "[-]";
        };
    }

    /** " from 16:00" when the window has not opened yet; nothing once it is open. */
    private static String window(DailyPlan.Activity activity, Instant now, ZoneId zone) {
        LocalTime time = now.atZone(zone).toLocalTime();
        return time.isBefore(activity.from()) ? ", from " + CLOCK.format(activity.from()) : "";
    }

    private static String howTo(DailyPlan.Activity activity) {
        return activity.onTable() ? "hangtime run --routine " + activity.routineName()
                : "the guided timer '" + activity.routineName() + "'";
    }

    private static Optional<Profile> profile(Path configDir) {
        try {
            return ProfileFile.load(configDir);
        } catch (InvalidFileException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ProfileFile.path(configDir) + ": " + e.getMessage(), e);
        }
    }

    private static java.util.Map<String, dev.hangtime.engine.Routine> routines(Path configDir) {
        try {
            return RoutineCatalog.load(configDir).byName();
        } catch (InvalidFileException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the routines in " + configDir + ": " + e.getMessage(), e);
        }
    }

    private static Instant parseAt(String text, ZoneId zone) {
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserInputException("--at " + text + " is not a local date and time; write e.g. 2025-03-01T18:30");
        }
    }
}
