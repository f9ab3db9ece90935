package dev.hangtime.simulator.scenario;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in scenarios and on the command line: 90s, 1m30s, 1.5s, 250ms, 1h. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming what was wrong with the text
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("'" + text + "' needs a unit: ms, s, m or h (e.g. 90s, 1m30s, 250ms)");
        }
        Matcher m = PART.matcher(t);
        long nanos = 0;
        int pos = 0;
        while (pos < t.length() && m.find(pos) && m.start() == pos) {
            double amount = Double.parseDouble(m.group(1));
            long unitNanos = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = Math.addExact(nanos, Math.round(amount * unitNanos));
            pos = m.end();
        }
        if (t.isEmpty() || pos != t.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 90s, 1m30s, 1.5s, 250ms, 1h");
        }
        return Duration.ofNanos(nanos);
    }

    /** A short human form: 1h, 3m, 90s, 250ms. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
