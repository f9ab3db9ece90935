package dev.hangtime.routine;

import dev.hangtime.engine.Contraindication;
import dev.hangtime.engine.DailyBudget;
import dev.hangtime.engine.ExperienceLevel;
import dev.hangtime.engine.PersonalCaps;
import dev.hangtime.engine.PhysicianClearance;
import dev.hangtime.engine.Profile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The profile file, {@code CONFIG_DIR/profile.yaml}: reading it with every problem located, and
 * writing it atomically (a temporary file in the same directory, flushed, then moved over the old
 * one) so a crash never leaves half a profile.
 */
public final class ProfileFile {

    /** The file's name inside the configuration directory. */
    public static final String NAME = "profile.yaml";

    private static final List<String> TOP_KEYS = List.of("experience", "startedOn", "sessionsPerLevel", "caps",
            "budget", "clearance");
    private static final List<String> CAP_KEYS = List.of("maxAngle", "maxTimeInverted");
    private static final List<String> BUDGET_KEYS = List.of("maxSessionsPerDay", "minGap");
    private static final List<String> CLEARANCE_KEYS = List.of("clearedOn", "physician", "confirmed");

    private ProfileFile() {
    }

    /** The profile's path in a configuration directory. */
    public static Path path(Path configDir) {
        return configDir.resolve(NAME);
    }

    /** Reads the profile, or empty when the file does not exist. */
    public static Optional<Profile> load(Path configDir) throws InvalidFileException, IOException {
        Path file = path(configDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** Parses a profile; every problem is reported at once. */
    public static Profile parse(String source, String text) throws InvalidFileException {
        YamlTree.Parsed parsed = YamlTree.parse(source, text);
        Fields f = new Fields(source);
        f.problems.addAll(parsed.problems());
        YamlTree.MapNode root = parsed.root() == null ? null
                : f.map(parsed.root(), "", "a map with experience and startedOn");
        if (root == null) {
            throw new InvalidFileException(source, RoutineLoader.sorted(f.problems));
        }
        f.onlyKeys(root, "", TOP_KEYS);

        ExperienceLevel experience = null;
        YamlTree.Node expNode = f.required(root, "", "experience");
        if (expNode != null) {
            String t = f.text(expNode, "experience");
            if (t != null) {
                try {
                    experience = ExperienceLevel.valueOf(t.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    f.problem(expNode.location(), "experience", "'" + t + "' is not an experience level:"
                            + " beginner, intermediate or experienced");
                }
            }
        }
        LocalDate startedOn = null;
        YamlTree.Node startNode = f.required(root, "", "startedOn");
        if (startNode != null) {
            startedOn = f.date(startNode, "startedOn");
        }
        int perLevel = Profile.DEFAULT_SESSIONS_PER_LEVEL;
        YamlTree.Node perLevelNode = f.optional(root, "sessionsPerLevel");
        if (perLevelNode != null) {
            int v = f.integer(perLevelNode, "sessionsPerLevel", 1, 50);
            perLevel = v == Integer.MIN_VALUE ? perLevel : v;
        }

        PersonalCaps caps = PersonalCaps.none();
        YamlTree.Node capsNode = f.optional(root, "caps");
        if (capsNode != null) {
            YamlTree.MapNode m = f.map(capsNode, "caps", "a map with maxAngle and/or maxTimeInverted");
            if (m != null) {
                f.onlyKeys(m, "caps", CAP_KEYS);
                OptionalDouble angle = OptionalDouble.empty();
                OptionalLong time = OptionalLong.empty();
                YamlTree.Node a = f.optional(m, "maxAngle");
                if (a != null) {
                    double deg = f.angle(a, "caps.maxAngle");
                    if (!Double.isNaN(deg)) {
                        if (deg > 0 && deg <= 90) {
                            angle = OptionalDouble.of(deg);
                        } else {
                            f.problem(a.location(), "caps.maxAngle", "must be above 0° and at most 90°");
                        }
                    }
                }
                YamlTree.Node t = f.optional(m, "maxTimeInverted");
                if (t != null) {
                    long ms = f.positiveDuration(t, "caps.maxTimeInverted");
                    if (ms > 0) {
                        time = OptionalLong.of(ms);
                    }
                }
                caps = new PersonalCaps(angle, time);
            }
        }

        DailyBudget.Rules budget = DailyBudget.Rules.DEFAULT;
        YamlTree.Node budgetNode = f.optional(root, "budget");
        if (budgetNode != null) {
            YamlTree.MapNode m = f.map(budgetNode, "budget", "a map with maxSessionsPerDay and/or minGap");
            if (m != null) {
                f.onlyKeys(m, "budget", BUDGET_KEYS);
                int perDay = budget.maxSessionsPerDay();
                long gap = budget.minGapMs();
                YamlTree.Node n = f.optional(m, "maxSessionsPerDay");
                if (n != null) {
                    int v = f.integer(n, "budget.maxSessionsPerDay", 1, 10);
                    perDay = v == Integer.MIN_VALUE ? perDay : v;
                }
                YamlTree.Node g = f.optional(m, "minGap");
                if (g != null) {
                    long ms = f.positiveDuration(g, "budget.minGap");
                    if (ms > 24 * 3_600_000L) {
                        f.problem(g.location(), "budget.minGap", "must be at most 24h");
                    } else if (ms > 0) {
                        gap = ms;
                    }
                }
                budget = new DailyBudget.Rules(perDay, gap);
            }
        }

        Optional<PhysicianClearance> clearance = Optional.empty();
        YamlTree.Node clearanceNode = f.optional(root, "clearance");
        if (clearanceNode != null) {
            YamlTree.MapNode m = f.map(clearanceNode, "clearance", "a map with clearedOn, physician and confirmed");
            if (m != null) {
                f.onlyKeys(m, "clearance", CLEARANCE_KEYS);
                YamlTree.Node dateNode = f.required(m, "clearance", "clearedOn");
                LocalDate on = dateNode == null ? null : f.date(dateNode, "clearance.clearedOn");
                String physician = "";
                YamlTree.Node ph = f.optional(m, "physician");
                if (ph != null) {
                    String t = f.text(ph, "clearance.physician");
                    physician = t == null ? "" : t.strip();
                }
                EnumSet<Contraindication> confirmed = EnumSet.noneOf(Contraindication.class);
                YamlTree.Node listNode = f.required(m, "clearance", "confirmed");
                YamlTree.ListNode list = listNode == null ? null
                        : f.list(listNode, "clearance.confirmed", "a list of confirmed contraindications");
                if (list != null) {
                    for (int i = 0; i < list.items().size(); i++) {
                        String p = "clearance.confirmed[" + i + "]";
                        String key = f.text(list.items().get(i), p);
                        if (key != null) {
                            Contraindication c = Contraindication.fromKey(key.strip());
                            if (c == null) {
                                f.problem(list.items().get(i).location(), p, "unknown contraindication '" + key
                                        + "'; see hangtime profile clearance for the list");
                            } else {
                                confirmed.add(c);
                            }
                        }
                    }
                }
                if (on != null) {
                    clearance = Optional.of(new PhysicianClearance(on, physician, confirmed));
                }
            }
        }

        if (!f.problems.isEmpty()) {
            throw new InvalidFileException(source, RoutineLoader.sorted(f.problems));
        }
        return new Profile(experience, startedOn, caps, clearance, budget, perLevel);
    }

    /** The profile as YAML, in the format {@link #parse} reads. */
    public static String format(Profile profile) {
        StringBuilder b = new StringBuilder();
        b.append("# Hangtime profile. Edit with `hangtime profile`, or by hand (docs/ROUTINES.md \"Profile\").\n");
        b.append("experience: ").append(profile.experience().name().toLowerCase(Locale.ROOT)).append('\n');
        b.append("startedOn: ").append(profile.startedOn()).append('\n');
        b.append("sessionsPerLevel: ").append(profile.sessionsPerLevel()).append('\n');
        PersonalCaps caps = profile.caps();
        if (caps.maxAngleDeg().isPresent() || caps.maxTimeInvertedMs().isPresent()) {
            b.append("caps:\n");
            caps.maxAngleDeg().ifPresent(a -> b.append("  maxAngle: ").append(number(a)).append("deg\n"));
            caps.maxTimeInvertedMs().ifPresent(t -> b.append("  maxTimeInverted: ").append(duration(t)).append('\n'));
        }
        b.append("budget:\n");
        b.append("  maxSessionsPerDay: ").append(profile.budget().maxSessionsPerDay()).append('\n');
        b.append("  minGap: ").append(duration(profile.budget().minGapMs())).append('\n');
        profile.clearance().ifPresent(c -> {
            b.append("clearance:\n");
            b.append("  clearedOn: ").append(c.clearedOn()).append('\n');
            b.append("  physician: ").append(quoted(c.physician())).append('\n');
            b.append("  confirmed:\n");
            for (Contraindication x : Contraindication.values()) {
                if (c.confirmed().contains(x)) {
                    b.append("    - ").append(x.key()).append('\n');
                }
            }
        });
        return b.toString();
    }

    /**
     * Writes the profile atomically: temporary file in the same directory, flushed to disk, then
     * moved over the old file. Creates the directory when needed.
     */
    public static void write(Path configDir, Profile profile) throws IOException {
        Files.createDirectories(configDir);
        Path target = path(configDir);
        Path tmp = Files.createTempFile(configDir, ".profile-", ".yaml.tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.UTF_8.encode(format(profile)));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The shortest exact form with a unit: "2min", "90s", "1500ms", "2h". */
    static String duration(long ms) {
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "min";
        }
        if (ms % 1_000L == 0) {
            return ms / 1_000L + "s";
        }
        return ms + "ms";
    }

    /** A YAML double-quoted scalar. */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\x%02x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
