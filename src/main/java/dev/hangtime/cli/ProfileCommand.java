package dev.hangtime.cli;

import dev.hangtime.engine.Contraindication;
import dev.hangtime.engine.DailyBudget;
import dev.hangtime.engine.ExperienceLevel;
import dev.hangtime.engine.PersonalCaps;
import dev.hangtime.engine.PhysicianClearance;
import dev.hangtime.engine.Profile;
import dev.hangtime.engine.ProfileLimits;
import dev.hangtime.engine.Progression;
import dev.hangtime.engine.SessionRecord;
import dev.hangtime.engine.Words;
import dev.hangtime.routine.ProfileFile;
import dev.hangtime.routine.Units;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hangtime profile show|init|set|clearance}: the user's experience, personal caps, daily
 * budget and physician clearance, in CONFIG_DIR/profile.yaml (written atomically).
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Show and change your profile: experience, personal caps, daily budget, physician clearance.",
        subcommands = {ProfileCommand.Show.class, ProfileCommand.Init.class, ProfileCommand.Set.class,
                ProfileCommand.Clearance.class})
public final class ProfileCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Profile load(Path configDir) {
        return CliInputs.config(ProfileFile.path(configDir).toString(), () -> ProfileFile.load(configDir))
                .orElseThrow(() -> new UserInputException("no profile in " + configDir
                        + "; create one with: hangtime profile init --experience beginner"));
    }

    static void save(Path configDir, Profile profile) {
        try {
            ProfileFile.write(configDir, profile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + ProfileFile.path(configDir) + ": " + e.getMessage(), e);
        }
    }

    static void describe(PrintWriter out, Path configDir, Profile p, List<SessionRecord> sessions) {
        out.println("Profile: " + ProfileFile.path(configDir));
        out.println("Experience: " + p.experience().name().toLowerCase(Locale.ROOT) + ", started " + p.startedOn());
        out.println("Physician clearance: " + p.clearance().map(c -> c.complete()
                ? "recorded " + c.clearedOn() + (c.physician().isEmpty() ? "" : " (" + c.physician() + ")")
                : "incomplete, " + c.missing().size() + " item(s) not confirmed")
                .orElse("none recorded (needed above " + Words.degrees(Progression.STEEP_ABOVE_DEG) + ")"));
        PersonalCaps caps = p.caps();
        List<String> capText = new ArrayList<>();
        caps.maxAngleDeg().ifPresent(a -> capText.add("angle " + Words.degrees(a)));
        caps.maxTimeInvertedMs().ifPresent(t -> capText.add("time inverted " + Words.duration(t)));
        out.println("Personal caps: " + (capText.isEmpty() ? "none" : String.join(", ", capText)));
        out.println("Budget: at most " + p.budget().maxSessionsPerDay() + " sessions a day, "
                + Words.duration(p.budget().minGapMs()) + " apart");
        LocalDate today = LocalDate.now();
        ZoneId zone = ZoneId.systemDefault();
        Progression.Status status = Progression.status(p, sessions, today, zone);
        out.println("Progression: " + status.level().describe() + ", " + status.cleanSinceLastRise() + " of "
                + status.sessionsPerLevel() + " clean sessions towards the next. " + status.nextRequirement());
        out.println("Today your profile sets:");
        ProfileLimits limits = Progression.limits(p, sessions, today, zone);
        limits.maxAngle().ifPresent(a -> out.println("  " + a.explain()));
        limits.maxTimeInverted().ifPresent(t -> out.println("  " + t.explain()));
        out.println("(" + sessions.size() + " past session(s) counted.)");
        out.flush();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show your profile and today's caps.")
    static final class Show implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ConfigDirOption config = new ConfigDirOption();
        @Mixin
        DataDirOption dataDir = new DataDirOption();

        @Override
        public void run() {
            Path dir = config.resolve();
            describe(spec.commandLine().getOut(), dir, load(dir), StoredHistory.read(dataDir.resolve()));
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create your profile.")
    static final class Init implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ConfigDirOption config = new ConfigDirOption();
        @Mixin
        DataDirOption dataDir = new DataDirOption();
        @Option(names = "--experience", required = true, paramLabel = "LEVEL",
                description = "beginner, intermediate or experienced.")
        ExperienceLevel experience;
        @Option(names = "--started-on", paramLabel = "DATE", description = "YYYY-MM-DD (default: today).")
        String startedOn;
        @Option(names = "--force", description = "Replace an existing profile.")
        boolean force;

        @Override
        public void run() {
            Path dir = config.resolve();
            if (!force && java.nio.file.Files.exists(ProfileFile.path(dir))) {
                throw new UserInputException(ProfileFile.path(dir) + " exists; use --force to replace it,"
                        + " or hangtime profile set to change it");
            }
            LocalDate start = startedOn == null ? LocalDate.now() : date("--started-on", startedOn);
            Profile p = Profile.starting(experience, start);
            save(dir, p);
            describe(spec.commandLine().getOut(), dir, p, StoredHistory.read(dataDir.resolve()));
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change your profile.")
    static final class Set implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ConfigDirOption config = new ConfigDirOption();
        @Mixin
        DataDirOption dataDir = new DataDirOption();
        @Option(names = "--experience", paramLabel = "LEVEL", description = "beginner, intermediate or experienced.")
        ExperienceLevel experience;
        @Option(names = "--max-angle", paramLabel = "ANGLE", description = "Personal angle cap, e.g. 40deg; 'none' removes it.")
        String maxAngle;
        @Option(names = "--max-time", paramLabel = "DURATION",
                description = "Personal cap on time inverted per session, e.g. 3min; 'none' removes it.")
        String maxTime;
        @Option(names = "--max-sessions-per-day", paramLabel = "N", description = "1 to 10.")
        Integer maxSessionsPerDay;
        @Option(names = "--min-gap", paramLabel = "DURATION", description = "Between two sessions, e.g. 2h.")
        String minGap;
        @Option(names = "--sessions-per-level", paramLabel = "N",
                description = "Clean sessions needed to rise one progression level, 1 to 50.")
        Integer sessionsPerLevel;

        @Override
        public void run() {
            Path dir = config.resolve();
            Profile p = load(dir);
            boolean changed = false;
            if (experience != null) {
                p = p.withExperience(experience);
                changed = true;
            }
            if (maxAngle != null || maxTime != null) {
                OptionalDouble angle = p.caps().maxAngleDeg();
                OptionalLong time = p.caps().maxTimeInvertedMs();
                if (maxAngle != null) {
                    angle = maxAngle.equals("none") ? OptionalDouble.empty() : OptionalDouble.of(angle("--max-angle", maxAngle));
                }
                if (maxTime != null) {
                    time = maxTime.equals("none") ? OptionalLong.empty() : OptionalLong.of(duration("--max-time", maxTime));
                }
                p = p.withCaps(new PersonalCaps(angle, time));
                changed = true;
            }
            if (maxSessionsPerDay != null || minGap != null) {
                int perDay = maxSessionsPerDay == null ? p.budget().maxSessionsPerDay() : maxSessionsPerDay;
                long gap = minGap == null ? p.budget().minGapMs() : duration("--min-gap", minGap);
                if (perDay < 1 || perDay > 10) {
                    throw new UserInputException("--max-sessions-per-day must be 1 to 10, was " + perDay);
                }
                if (gap > 24 * 3_600_000L) {
                    throw new UserInputException("--min-gap must be at most 24h, was " + minGap);
                }
                p = p.withBudget(new DailyBudget.Rules(perDay, gap));
                changed = true;
            }
            if (sessionsPerLevel != null) {
                if (sessionsPerLevel < 1 || sessionsPerLevel > 50) {
                    throw new UserInputException("--sessions-per-level must be 1 to 50, was " + sessionsPerLevel);
                }
                p = p.withSessionsPerLevel(sessionsPerLevel);
                changed = true;
            }
            if (!changed) {
                throw new UserInputException("nothing to set: give at least one option (see hangtime profile set --help)");
            }
            save(dir, p);
            describe(spec.commandLine().getOut(), dir, p, StoredHistory.read(dataDir.resolve()));
        }

        private static double angle(String option, String text) {
            double deg = CliInputs.option(option, text, Units::angleDeg);
            if (!(deg > 0 && deg <= 90)) {
                throw new UserInputException(option + " must be above 0° and at most 90°, was " + text);
            }
            return deg;
        }
    }

    @Command(name = "clearance", mixinStandardHelpOptions = true,
            description = {"Record that a physician cleared you for steep inversion (above 60°).",
                    "Every contraindication listed must be confirmed, with --confirm or --interactive."})
    static final class Clearance implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ConfigDirOption config = new ConfigDirOption();
        @Mixin
        DataDirOption dataDir = new DataDirOption();
        @Option(names = "--date", paramLabel = "DATE", description = "The consultation, YYYY-MM-DD (default: today).")
        String date;
        @Option(names = "--physician", paramLabel = "NAME", description = "Who cleared you.")
        String physician = "";
        @Option(names = "--confirm", split = ",", paramLabel = "KEY",
                description = "Contraindications you discussed with your physician and are cleared for (all of them).")
        List<String> confirm = new ArrayList<>();
        @Option(names = "--interactive", description = "Ask about each contraindication in turn.")
        boolean interactive;
        @Option(names = "--revoke", description = "Remove the recorded clearance.")
        boolean revoke;

        /** The answers for --interactive; standard input unless a test sets it. */
        BufferedReader input;

        @Override
        public void run() {
            Path dir = config.resolve();
            Profile p = load(dir);
            PrintWriter out = spec.commandLine().getOut();
            if (revoke) {
                save(dir, p.withClearance(Optional.empty()));
                out.println("Physician clearance removed: nothing above " + Words.degrees(Progression.STEEP_ABOVE_DEG) + ".");
                out.flush();
                return;
            }
            EnumSet<Contraindication> confirmed = EnumSet.noneOf(Contraindication.class);
            if (interactive) {
                confirmed.addAll(ask(out));
            } else if (confirm.isEmpty()) {
                out.println("Inversion raises blood pressure and the pressure in your head and eyes. Before steep or full");
                out.println("inversion, discuss each of these with your physician:");
                for (Contraindication c : Contraindication.values()) {
                    out.printf("  %-29s %s%n", c.key(), c.description());
                }
                out.println("Then record the clearance, confirming every item:");
                out.println("  hangtime profile clearance --physician NAME --date YYYY-MM-DD --interactive");
                out.println("or with --confirm KEY,KEY,... naming all " + Contraindication.values().length + " keys.");
                out.flush();
                throw new UserInputException("nothing recorded: confirm every contraindication");
            } else {
                List<String> unknown = new ArrayList<>();
                for (String key : confirm) {
                    Contraindication c = Contraindication.fromKey(key.strip());
                    if (c == null) {
                        unknown.add(key);
                    } else {
                        confirmed.add(c);
                    }
                }
                if (!unknown.isEmpty()) {
                    throw new UserInputException("--confirm: unknown contraindication(s) " + String.join(", ", unknown)
                            + "; run hangtime profile clearance to see the list");
                }
            }
            LocalDate on = date == null ? LocalDate.now() : date("--date", date);
            PhysicianClearance clearance = new PhysicianClearance(on, physician.strip(), confirmed);
            if (!clearance.complete()) {
                StringBuilder b = new StringBuilder("nothing recorded: not confirmed:");
                for (Contraindication c : clearance.missing()) {
                    b.append("\n  ").append(c.key()).append(" (").append(c.description()).append(')');
                }
                throw new UserInputException(b.toString());
            }
            if (on.isAfter(LocalDate.now())) {
                throw new UserInputException("--date " + on + " is in the future");
            }
            save(dir, p.withClearance(Optional.of(clearance)));
            out.println("Physician clearance recorded (" + on + "). Steep inversion can now be reached through progression.");
            out.flush();
        }

        private EnumSet<Contraindication> ask(PrintWriter out) {
            BufferedReader in = input != null ? input
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            EnumSet<Contraindication> yes = EnumSet.noneOf(Contraindication.class);
            out.println("For each item: did you discuss it with your physician, who cleared you for steep inversion? (y/n)");
            for (Contraindication c : Contraindication.values()) {
                out.print("  " + c.description() + "? ");
                out.flush();
                String answer;
                try {
                    answer = in.readLine();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read the answer: " + e.getMessage(), e);
                }
                if (answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                    yes.add(c);
                }
            }
            return yes;
        }
    }

    static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UserInputException(option + ": '" + text + "' is not a date: write it as YYYY-MM-DD");
        }
    }

    static long duration(String option, String text) {
        return CliInputs.option(option, text, Units::durationMs);
    }
}
