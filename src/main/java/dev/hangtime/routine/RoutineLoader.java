package dev.hangtime.routine;

import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineLimits;
import dev.hangtime.engine.RoutineRules;
import dev.hangtime.engine.RoutineStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads routine files (YAML, format in docs/ROUTINES.md) into {@link Routine} records. Every problem
 * in a file is reported at once, each with its line, column and field: first the fields (types,
 * units, ranges, unknown or missing keys), then, when every step is at least recognisable, the
 * engine's {@link RoutineRules} on the whole routine.
 */
public final class RoutineLoader {

    /** Use as {@code tableMaxAngleDeg} when no table is known. */
    public static final double ANY_TABLE = Double.NaN;

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final long LONGEST_LIMIT_MS = 60 * 60_000L;

    private static final List<String> TOP_KEYS = List.of("name", "description", "limits", "steps");
    private static final List<String> LIMIT_KEYS = List.of("maxAngle", "maxTimeInverted", "maxContinuous");
    private static final List<String> CONTINUOUS_KEYS = List.of("above", "duration");
    private static final List<String> STEP_KINDS = List.of("tilt", "hold", "rest", "upright");
    private static final List<String> BAND_KEYS = List.of("min", "max", "note");
    private static final List<String> REST_KEYS = List.of("duration", "note");
    private static final List<String> NOTE_ONLY = List.of("note");

    private RoutineLoader() {
    }

    /** A parsed routine with where its name is written (for catalog problems such as duplicates). */
    record Loaded(Routine routine, Problem nameAt) {
    }

    /**
     * Parses a routine.
     *
     * @param source           how to name the file in problems (its path as the user gave it)
     * @param text             the file's content
     * @param tableMaxAngleDeg the table's maximum angle, or {@link #ANY_TABLE}
     * @throws InvalidFileException with every problem, when there is any
     */
    public static Routine parse(String source, String text, double tableMaxAngleDeg) throws InvalidFileException {
        return read(source, text, tableMaxAngleDeg).routine();
    }

    /** Every problem in a routine file; empty when it is valid. */
    public static List<Problem> problems(String source, String text, double tableMaxAngleDeg) {
        try {
            read(source, text, tableMaxAngleDeg);
            return List.of();
        } catch (InvalidFileException e) {
            return e.problems();
        }
    }

    /** Reads and parses a routine file (UTF-8). */
    public static Routine load(Path file, double tableMaxAngleDeg) throws InvalidFileException, IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), tableMaxAngleDeg);
    }

    static Loaded read(String source, String text, double tableMaxAngleDeg) throws InvalidFileException {
        YamlTree.Parsed parsed = YamlTree.parse(source, text);
        Fields f = new Fields(source);
        f.problems.addAll(parsed.problems());
        if (parsed.root() == null) {
            throw new InvalidFileException(source, sorted(f.problems));
        }
        YamlTree.MapNode root = f.map(parsed.root(), "", "a map with name, limits and steps");
        if (root == null) {
            throw new InvalidFileException(source, sorted(f.problems));
        }
        f.onlyKeys(root, "", TOP_KEYS);

        String name = "unnamed";
        YamlTree.Location nameAt = root.location();
        YamlTree.Node nameNode = f.required(root, "", "name");
        if (nameNode != null) {
            nameAt = nameNode.location();
            String n = f.text(nameNode, "name");
            if (n != null) {
                if (NAME.matcher(n).matches()) {
                    name = n;
                } else {
                    f.problem(nameNode.location(), "name", "'" + n + "' is not a usable name: lower-case letters,"
                            + " digits and '-', starting with a letter or digit, at most 40 characters");
                }
            }
        }
        String description = "";
        YamlTree.Node descriptionNode = f.optional(root, "description");
        if (descriptionNode != null) {
            String d = f.text(descriptionNode, "description");
            description = d == null ? "" : d.strip();
        }

        RoutineLimits limits = readLimits(f, root);
        List<RoutineStep> steps = new ArrayList<>();
        boolean stepsRecognised = readSteps(f, root, steps);

        if (stepsRecognised) {
            Routine candidate = new Routine(name, description, limits, steps);
            for (RoutineRules.Violation v : RoutineRules.check(candidate, tableMaxAngleDeg)) {
                if (!f.touchesBad(v.path())) {
                    YamlTree.Location at = f.locate(v.path());
                    f.problems.add(new Problem(source, at.line(), at.column(), v.path(), v.message()));
                }
            }
        }
        if (!f.problems.isEmpty()) {
            throw new InvalidFileException(source, sorted(f.problems));
        }
        return new Loaded(new Routine(name, description, limits, steps),
                new Problem(source, nameAt.line(), nameAt.column(), "name", ""));
    }

    /** The routine's limits; invalid values are reported and replaced by ones no rule objects to. */
    private static RoutineLimits readLimits(Fields f, YamlTree.MapNode root) {
        double maxAngle = 90;
        long maxTime = LONGEST_LIMIT_MS;
        Optional<RoutineLimits.Continuous> continuous = Optional.empty();
        YamlTree.Node node = f.required(root, "", "limits");
        YamlTree.MapNode limits = node == null ? null : f.map(node, "limits", "a map with maxAngle and maxTimeInverted");
        if (limits == null) {
            return new RoutineLimits(maxAngle, maxTime, continuous);
        }
        f.onlyKeys(limits, "limits", LIMIT_KEYS);
        YamlTree.Node angleNode = f.required(limits, "limits", "maxAngle");
        if (angleNode != null) {
            double a = f.angle(angleNode, "limits.maxAngle");
            if (checkMaxAngle(f, angleNode, "limits.maxAngle", a)) {
                maxAngle = a;
            }
        }
        YamlTree.Node timeNode = f.required(limits, "limits", "maxTimeInverted");
        if (timeNode != null) {
            long ms = f.positiveDuration(timeNode, "limits.maxTimeInverted");
            if (ms > LONGEST_LIMIT_MS) {
                f.problem(timeNode.location(), "limits.maxTimeInverted", "longer than 60 min is not a routine limit"
                        + " this program will enforce");
            } else if (ms > 0) {
                maxTime = ms;
            }
        }
        YamlTree.Node contNode = f.optional(limits, "maxContinuous");
        if (contNode != null) {
            YamlTree.MapNode cont = f.map(contNode, "limits.maxContinuous", "a map with above and duration");
            if (cont != null) {
                f.onlyKeys(cont, "limits.maxContinuous", CONTINUOUS_KEYS);
                YamlTree.Node aboveNode = f.required(cont, "limits.maxContinuous", "above");
                YamlTree.Node durationNode = f.required(cont, "limits.maxContinuous", "duration");
                double above = aboveNode == null ? Double.NaN : f.angle(aboveNode, "limits.maxContinuous.above");
                boolean aboveOk = aboveNode != null && checkMaxAngle(f, aboveNode, "limits.maxContinuous.above", above);
                long ms = durationNode == null ? -1 : f.positiveDuration(durationNode, "limits.maxContinuous.duration");
                if (aboveOk && ms > 0) {
                    continuous = Optional.of(new RoutineLimits.Continuous(above, ms));
                }
            }
        }
        return new RoutineLimits(maxAngle, maxTime, continuous);
    }

    private static boolean checkMaxAngle(Fields f, YamlTree.Node node, String path, double a) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (a <= 0) {
            f.problem(node.location(), path, "must be above 0° (head-down), was " + ((YamlTree.ScalarNode) node).text().strip());
            return false;
        }
        if (a > RoutineRules.FULL_INVERSION_DEG) {
            f.problem(node.location(), path, "beyond full inversion (90°), was " + ((YamlTree.ScalarNode) node).text().strip());
            return false;
        }
        return true;
    }

    /**
     * Reads the steps into {@code out}; an invalid step of a known kind becomes a placeholder of that
     * kind with values no rule objects to (its problems already reported), so the rules on order
     * still run without reporting the placeholder's values.
     *
     * @return false when some step's kind could not be recognised (the rules on order are skipped)
     */
    private static boolean readSteps(Fields f, YamlTree.MapNode root, List<RoutineStep> out) {
        YamlTree.Node node = f.required(root, "", "steps");
        if (node == null) {
            return false;
        }
        YamlTree.ListNode list = f.list(node, "steps", "a list of steps");
        if (list == null) {
            return false;
        }
        boolean recognised = true;
        for (int i = 0; i < list.items().size(); i++) {
            RoutineStep step = readStep(f, list.items().get(i), "steps[" + i + "]");
            if (step == null) {
                recognised = false;
            } else {
                out.add(step);
            }
        }
        return recognised;
    }

    private static RoutineStep readStep(Fields f, YamlTree.Node node, String path) {
        f.seen(path, node);
        if (node instanceof YamlTree.ScalarNode) {
            YamlTree.ScalarNode s = (YamlTree.ScalarNode) node;
            if ("upright".equals(s.text().strip()) && s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                f.seen(path + ".upright", node);
                return new RoutineStep.Upright("");
            }
            f.problem(node.location(), path, unknownKind(s.text().strip()));
            return null;
        }
        if (!(node instanceof YamlTree.MapNode)) {
            f.problem(node.location(), path, "expected a step (tilt, hold, rest or upright), found " + node.kindName());
            return null;
        }
        YamlTree.MapNode map = (YamlTree.MapNode) node;
        if (map.entries().size() != 1) {
            List<String> keys = map.entries().stream().map(YamlTree.Entry::key).toList();
            f.problem(map.location(), path, "a step has exactly one kind (tilt, hold, rest or upright)"
                    + (keys.isEmpty() ? ", found none" : ", found: " + String.join(", ", keys)
                    + " (start each step with its own '-')"));
            return null;
        }
        YamlTree.Entry e = map.entries().get(0);
        String kindPath = path + "." + e.key();
        f.seen(kindPath, e.value());
        switch (e.key()) {
            case "tilt": {
                YamlTree.MapNode band = f.map(e.value(), kindPath, "a map with min and max angles");
                if (band == null) {
                    return placeholderTilt("");
                }
                f.onlyKeys(band, kindPath, BAND_KEYS);
                double min = angleField(f, band, kindPath, "min");
                double max = angleField(f, band, kindPath, "max");
                String note = note(f, band, kindPath);
                if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
                    f.problem(band.location(), kindPath, "min " + fmt(min) + "° is above max " + fmt(max) + "°");
                }
                if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
                    return placeholderTilt(note);
                }
                return new RoutineStep.Tilt(min, max, note);
            }
            case "hold": {
                YamlTree.MapNode range = f.map(e.value(), kindPath, "a map with min and max durations");
                if (range == null) {
                    return new RoutineStep.Hold(1, 1, "");
                }
                f.onlyKeys(range, kindPath, BAND_KEYS);
                YamlTree.Node minNode = f.required(range, kindPath, "min");
                YamlTree.Node maxNode = f.required(range, kindPath, "max");
                long min = minNode == null ? -1 : f.positiveDuration(minNode, kindPath + ".min");
                long max = maxNode == null ? -1 : f.positiveDuration(maxNode, kindPath + ".max");
                String note = note(f, range, kindPath);
                if (min > 0 && max > 0 && min > max) {
                    f.problem(range.location(), kindPath, "min " + ((YamlTree.ScalarNode) minNode).text().strip()
                            + " is longer than max " + ((YamlTree.ScalarNode) maxNode).text().strip());
                }
                if (min <= 0 || max <= 0 || min > max) {
                    return new RoutineStep.Hold(1, 1, note);
                }
                return new RoutineStep.Hold(min, max, note);
            }
            case "rest": {
                if (e.value() instanceof YamlTree.ScalarNode) { // shorthand: "rest: 30s"
                    long ms = f.positiveDuration(e.value(), kindPath);
                    return new RoutineStep.Rest(ms > 0 ? ms : 1, "");
                }
                YamlTree.MapNode rest = f.map(e.value(), kindPath, "a duration (rest: 30s) or a map with duration");
                if (rest == null) {
                    return new RoutineStep.Rest(1, "");
                }
                f.onlyKeys(rest, kindPath, REST_KEYS);
                YamlTree.Node d = f.required(rest, kindPath, "duration");
                long ms = d == null ? -1 : f.positiveDuration(d, kindPath + ".duration");
                return new RoutineStep.Rest(ms > 0 ? ms : 1, note(f, rest, kindPath));
            }
            case "upright": {
                if (e.value() instanceof YamlTree.ScalarNode && ((YamlTree.ScalarNode) e.value()).isNull()) {
                    return new RoutineStep.Upright("");
                }
                YamlTree.MapNode up = f.map(e.value(), kindPath, "nothing, or a map with a note");
                if (up == null) {
                    return new RoutineStep.Upright("");
                }
                f.onlyKeys(up, kindPath, NOTE_ONLY);
                return new RoutineStep.Upright(note(f, up, kindPath));
            }
            default:
                f.problem(e.keyLocation(), path, unknownKind(e.key()));
                return null;
        }
    }

    /**
     * Stands in for a tilt whose values were wrong (and reported): a band so small and shallow
     * that no rule on values objects to it, while the rules on order still see a tilt.
     */
    private static RoutineStep placeholderTilt(String note) {
        return new RoutineStep.Tilt(1, 1 + RoutineRules.MIN_BAND_WIDTH_DEG, note);
    }

    private static String unknownKind(String kind) {
        String hint = Fields.suggestion(kind, STEP_KINDS);
        return "unknown step '" + kind + "'" + (hint == null ? "" : ", did you mean '" + hint + "'?")
                + " Steps are: tilt, hold, rest, upright";
    }

    private static double angleField(Fields f, YamlTree.MapNode map, String path, String key) {
        YamlTree.Node node = f.required(map, path, key);
        if (node == null) {
            return Double.NaN;
        }
        String p = path + "." + key;
        double a = f.angle(node, p);
        if (Double.isNaN(a)) {
            return a;
        }
        if (a > RoutineRules.FULL_INVERSION_DEG || a < -RoutineRules.FULL_INVERSION_DEG) {
            f.problem(node.location(), p, "beyond full inversion (90°), was " + ((YamlTree.ScalarNode) node).text().strip());
            return Double.NaN;
        }
        return a;
    }

    private static String note(Fields f, YamlTree.MapNode map, String path) {
        YamlTree.Node n = f.optional(map, "note");
        if (n == null) {
            return "";
        }
        String text = f.text(n, path + ".note");
        return text == null ? "" : text.strip();
    }

    private static String fmt(double deg) {
        return deg == Math.rint(deg) ? Long.toString((long) deg) : Double.toString(deg);
    }

    static List<Problem> sorted(List<Problem> problems) {
        List<Problem> out = new ArrayList<>(problems);
        out.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return out;
    }
}
