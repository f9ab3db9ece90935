package dev.hangtime.routine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values with units, as routine and profile files write them: angles {@code 30deg} (or {@code 30°}),
 * durations {@code 500ms}, {@code 90s}, {@code 1.5min}, {@code 2h}. A number without a unit is an
 * error: "90" could be seconds or minutes, and in a safety limit a guess is not good enough.
 */
final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("\\s*(-?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*([^\\s\\d.-][^\\s]*)?\\s*");

    private Quantities() {
    }

    /** The parsed value, or the problem with it (exactly one of the two). */
    record Result(double value, String problem) {
        static Result ok(double value) {
            return new Result(value, null);
        }

        static Result bad(String problem) {
            return new Result(Double.NaN, problem);
        }

        boolean ok() {
            return problem == null;
        }
    }

    /** Degrees from a scalar like "30deg"; {@code isNumber} says the YAML had a bare number. */
    static Result angle(YamlTree.ScalarNode node) {
        return parse(node, "an angle", "30deg", unit -> switch (unit) {
            case "deg", "°" -> 1.0;
            default -> Double.NaN;
        }, "deg");
    }

    /** Milliseconds from a scalar like "90s". */
    static Result duration(YamlTree.ScalarNode node) {
        return parse(node, "a duration", "90s", unit -> switch (unit) {
            case "ms" -> 1.0;
            case "s" -> 1_000.0;
            case "min" -> 60_000.0;
            case "h" -> 3_600_000.0;
            default -> Double.NaN;
        }, "ms, s, min or h");
    }

    private interface UnitScale {
        double scale(String unit);
    }

    private static Result parse(YamlTree.ScalarNode node, String what, String example, UnitScale units, String known) {
        if (node.isNull()) {
            return Result.bad("missing value: expected " + what + " such as " + example);
        }
        String text = node.text().strip();
        if (node.isNumber()) {
            return Result.bad("missing unit: write " + trim(text) + unitHint(example) + " (e.g. " + example + ")");
        }
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            return Result.bad("'" + text + "' is not " + what + ": write it like " + example);
        }
        if (m.group(2) == null) {
            return Result.bad("missing unit: write " + trim(m.group(1)) + unitHint(example) + " (e.g. " + example + ")");
        }
        double scale = units.scale(m.group(2));
        if (Double.isNaN(scale)) {
            return Result.bad("unknown unit '" + m.group(2) + "' in '" + text + "': use " + known);
        }
        return Result.ok(Double.parseDouble(m.group(1)) * scale);
    }

    private static String unitHint(String example) {
        return example.replaceAll("[\\d.]", "");
    }

    private static String trim(String number) {
        return number.strip();
    }
}
