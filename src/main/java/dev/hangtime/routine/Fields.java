package dev.hangtime.routine;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads fields out of a {@link YamlTree} and collects every problem with its location, instead of
 * stopping at the first: the user fixes a file in one pass.
 */
final class Fields {

    final String source;
    final List<Problem> problems = new ArrayList<>();
    private final Map<String, YamlTree.Location> locations = new HashMap<>();
    private final Set<String> badPaths = new HashSet<>();

    Fields(String source) {
        this.source = source;
    }

    void problem(YamlTree.Location at, String path, String message) {
        problems.add(new Problem(source, at.line(), at.column(), path, message));
        badPaths.add(path);
    }

    /** Remembers where a path is, for problems found later (rules on the finished model). */
    void seen(String path, YamlTree.Node node) {
        locations.put(path, node.location());
    }

    /** The location of a path, or of its closest known parent. */
    YamlTree.Location locate(String path) {
        String p = path;
        while (true) {
            YamlTree.Location at = locations.get(p);
            if (at != null) {
                return at;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return locations.getOrDefault("", new YamlTree.Location(0, 0));
            }
            p = p.substring(0, cut);
        }
    }

    /** True when a problem was already reported at this path or at a parent of it. */
    boolean touchesBad(String path) {
        for (String bad : badPaths) {
            if (path.equals(bad) || path.startsWith(bad + ".") || path.startsWith(bad + "[")) {
                return true;
            }
        }
        return false;
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    YamlTree.MapNode map(YamlTree.Node node, String path, String what) {
        return shaped(YamlTree.MapNode.class, node, path, what);
    }

    YamlTree.ListNode list(YamlTree.Node node, String path, String what) {
        return shaped(YamlTree.ListNode.class, node, path, what);
    }

    /** The node as a {@code shape} (a map or a list), or null after reporting what was expected. */
    private <T extends YamlTree.Node> T shaped(Class<T> shape, YamlTree.Node node, String path, String what) {
        seen(path, node);
        if (shape.isInstance(node)) {
            return shape.cast(node);
        }
        problem(node.location(), path, "expected " + what + ", found " + node.kindName());
        return null;
    }

    void onlyKeys(YamlTree.MapNode map, String path, List<String> allowed) {
        for (YamlTree.Entry e : map.entries()) {
            if (!allowed.contains(e.key())) {
                String hint = suggestion(e.key(), allowed);
                problem(e.keyLocation(), child(path, e.key()), "unknown key '" + e.key() + "'"
                        + (hint == null ? "" : ", did you mean '" + hint + "'?")
                        + " Allowed here: " + String.join(", ", allowed));
            }
        }
    }

    YamlTree.Node required(YamlTree.MapNode map, String path, String key) {
        YamlTree.Entry e = map.entry(key);
        if (e == null) {
            problem(map.location(), child(path, key), "missing: '" + key + "' is required here");
            return null;
        }
        return e.value();
    }

    YamlTree.Node optional(YamlTree.MapNode map, String key) {
        YamlTree.Entry e = map.entry(key);
        return e == null ? null : e.value();
    }

    String text(YamlTree.Node node, String path) {
        seen(path, node);
        if (node instanceof YamlTree.ScalarNode && ((YamlTree.ScalarNode) node).token()
                == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            return ((YamlTree.ScalarNode) node).text();
        }
        problem(node.location(), path, "expected text, found " + node.kindName());
        return null;
    }

    /** Degrees, or NaN after reporting the problem. */
    double angle(YamlTree.Node node, String path) {
        seen(path, node);
        if (!(node instanceof YamlTree.ScalarNode)) {
            problem(node.location(), path, "expected an angle such as 30deg, found " + node.kindName());
            return Double.NaN;
        }
        Quantities.Result r = Quantities.angle((YamlTree.ScalarNode) node);
        if (!r.ok()) {
            problem(node.location(), path, r.problem());
            return Double.NaN;
        }
        return r.value();
    }

    /** A positive duration in milliseconds, or -1 after reporting the problem. */
    long positiveDuration(YamlTree.Node node, String path) {
        seen(path, node);
        if (!(node instanceof YamlTree.ScalarNode)) {
            problem(node.location(), path, "expected a duration such as 90s, found " + node.kindName());
            return -1;
        }
        Quantities.Result r = Quantities.duration((YamlTree.ScalarNode) node);
        if (!r.ok()) {
            problem(node.location(), path, r.problem());
            return -1;
        }
        String written = ((YamlTree.ScalarNode) node).text().strip();
        if (r.value() < 0) {
            problem(node.location(), path, "a duration cannot be negative, was " + written);
            return -1;
        }
        long ms = Math.round(r.value());
        if (ms == 0) {
            problem(node.location(), path, "a duration must be longer than zero, was " + written);
            return -1;
        }
        return ms;
    }

    /** An integer in [min, max], or Integer.MIN_VALUE after reporting the problem. */
    int integer(YamlTree.Node node, String path, int min, int max) {
        seen(path, node);
        if (node instanceof YamlTree.ScalarNode && ((YamlTree.ScalarNode) node).token()
                == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) {
            try {
                int v = Integer.parseInt(((YamlTree.ScalarNode) node).text().strip());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(node.location(), path, "must be a whole number from " + min + " to " + max
                    + ", was " + ((YamlTree.ScalarNode) node).text());
            return Integer.MIN_VALUE;
        }
        problem(node.location(), path, "expected a whole number, found " + node.kindName());
        return Integer.MIN_VALUE;
    }

    LocalDate date(YamlTree.Node node, String path) {
        seen(path, node);
        if (node instanceof YamlTree.ScalarNode && !((YamlTree.ScalarNode) node).isNull()) {
            String text = ((YamlTree.ScalarNode) node).text().strip();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problem(node.location(), path, "'" + text + "' is not a date: write it as YYYY-MM-DD");
                return null;
            }
        }
        problem(node.location(), path, "expected a date (YYYY-MM-DD), found " + node.kindName());
        return null;
    }

    /** The allowed key closest to a misspelt one (edit distance at most 2), or null. */
    static String suggestion(String key, List<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String a : allowed) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), a.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
