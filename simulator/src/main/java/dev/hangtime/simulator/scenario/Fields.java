package dev.hangtime.simulator.scenario;

import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Typed, checked access to one mapping of a scenario file. Every failure names the file, the line
 * and column of the offending value (or key), and the field's path.
 */
final class Fields {

    private final String file;
    private final YamlNode.MapNode map;

    private Fields(String file, YamlNode.MapNode map) {
        this.file = file;
        this.map = map;
    }

    /** The mapping at {@code node}; anything else is an error naming what was expected. */
    static Fields of(YamlNode node, String file, String what) throws ScenarioException {
        if (node instanceof YamlNode.MapNode m) {
            return new Fields(file, m);
        }
        throw error(file, node, what + " must be a mapping of 'key: value' lines");
    }

    /** Rejects keys not in {@code known}, pointing at the unknown key and suggesting the nearest. */
    Fields allowOnly(String... known) throws ScenarioException {
        List<String> knownList = Arrays.asList(known);
        for (YamlNode.Entry e : map.entries().values()) {
            if (!knownList.contains(e.key())) {
                String path = map.path().isEmpty() ? e.key() : map.path() + "." + e.key();
                String nearest = knownList.stream()
                        .min(Comparator.comparingInt(k -> editDistance(k, e.key())))
                        .filter(k -> editDistance(k, e.key()) <= 3).orElse(null);
                throw new ScenarioException(file, e.line(), e.column(), path, "unknown field"
                        + (nearest != null ? "; did you mean '" + nearest + "'?" : "")
                        + " (known here: " + String.join(", ", known) + ")");
            }
        }
        return this;
    }

    boolean has(String key) {
        return map.entries().containsKey(key);
    }

    YamlNode.MapNode node() {
        return map;
    }

    /** The value node of {@code key}, or null when absent. */
    YamlNode get(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? null : e.value();
    }

    YamlNode required(String key) throws ScenarioException {
        YamlNode n = get(key);
        if (n == null) {
            String path = map.path().isEmpty() ? key : map.path() + "." + key;
            throw new ScenarioException(file, map.line(), map.column(), path, "is required but missing");
        }
        return n;
    }

    String string(String key, String fallback, int maxUtf8Bytes) throws ScenarioException {
        YamlNode n = get(key);
        if (n == null) {
            return fallback;
        }
        YamlNode.Scalar s = scalar(n, "a text");
        if (s.isNull()) {
            throw error(file, n, "must be a text, not empty");
        }
        if (s.text().getBytes(StandardCharsets.UTF_8).length > maxUtf8Bytes) {
            throw error(file, n, "is longer than " + maxUtf8Bytes + " bytes (UTF-8)");
        }
        return s.text();
    }

    boolean bool(String key, boolean fallback) throws ScenarioException {
        YamlNode n = get(key);
        if (n == null) {
            return fallback;
        }
        YamlNode.Scalar s = scalar(n, "true or false");
        if (s.token() == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (s.token() == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw error(file, n, "must be true or false, was '" + s.text() + "'");
    }

    /** A number within [min, max]; {@code unit} names it in errors (e.g. "degrees"). */
    double number(String key, double fallback, double min, double max, String unit) throws ScenarioException {
        YamlNode n = get(key);
        return n == null ? fallback : number(file, n, min, max, unit);
    }

    static double number(String file, YamlNode n, double min, double max, String unit) throws ScenarioException {
        YamlNode.Scalar s = scalarOf(file, n, "a number of " + unit);
        if (s.token() != JsonToken.VALUE_NUMBER_INT && s.token() != JsonToken.VALUE_NUMBER_FLOAT) {
            throw error(file, n, "must be a number of " + unit + ", was '" + s.text() + "'");
        }
        double v = Double.parseDouble(s.text());
        if (!(v >= min && v <= max)) {
            throw error(file, n, s.text() + " is out of range; allowed " + fmt(min) + ".." + fmt(max) + " " + unit);
        }
        return v;
    }

    long integer(String key, long fallback, long min, long max, String unit) throws ScenarioException {
        YamlNode n = get(key);
        if (n == null) {
            return fallback;
        }
        YamlNode.Scalar s = scalar(n, "a whole number");
        if (s.token() != JsonToken.VALUE_NUMBER_INT) {
            throw error(file, n, "must be a whole number of " + unit + ", was '" + s.text() + "'");
        }
        long v;
        try {
            v = Long.parseLong(s.text());
        } catch (NumberFormatException e) {
            throw error(file, n, s.text() + " is out of range; allowed " + min + ".." + max + " " + unit);
        }
        if (v < min || v > max) {
            throw error(file, n, s.text() + " is out of range; allowed " + min + ".." + max + " " + unit);
        }
        return v;
    }

    Duration duration(String key, Duration fallback, Duration min, Duration max) throws ScenarioException {
        YamlNode n = get(key);
        return n == null ? fallback : duration(file, n, min, max);
    }

    /** A duration such as {@code 90s}, {@code 1m30s}, {@code 1.5s}, {@code 250ms}, {@code 1h}. */
    static Duration duration(String file, YamlNode n, Duration min, Duration max) throws ScenarioException {
        YamlNode.Scalar s = scalarOf(file, n, "a duration");
        Duration d;
        try {
            d = Durations.parse(s.text());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw error(file, n, e instanceof ArithmeticException ? "'" + s.text() + "' is too long" : e.getMessage());
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw error(file, n, "'" + s.text() + "' is out of range; allowed " + Durations.format(min) + ".."
                    + Durations.format(max));
        }
        return d;
    }

    ScenarioException errorAt(String key, String problem) {
        YamlNode n = get(key);
        return n == null ? new ScenarioException(file, map.line(), map.column(), map.path(), problem)
                : error(file, n, problem);
    }

    static ScenarioException error(String file, YamlNode n, String problem) {
        return new ScenarioException(file, n.line(), n.column(), n.path(), problem);
    }

    private YamlNode.Scalar scalar(YamlNode n, String expected) throws ScenarioException {
        return scalarOf(file, n, expected);
    }

    private static YamlNode.Scalar scalarOf(String file, YamlNode n, String expected) throws ScenarioException {
        if (n instanceof YamlNode.Scalar s) {
            return s;
        }
        throw error(file, n, "must be " + expected + ", not a " + (n instanceof YamlNode.ListNode ? "list" : "mapping"));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
