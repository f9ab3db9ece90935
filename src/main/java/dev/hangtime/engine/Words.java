package dev.hangtime.engine;

import java.util.Locale;

/** Plain-words formatting of angles and durations for messages people read or hear. */
public final class Words {
    private Words() {
    }

    /** "30°", "27.5°", "-80°": whole degrees without decimals, otherwise one decimal. */
    public static String degrees(double deg) {
        double rounded = Math.round(deg * 10.0) / 10.0;
        if (rounded == Math.rint(rounded)) {
            return (long) rounded + "°";
        }
        return String.format(Locale.ROOT, "%.1f°", rounded);
    }

    /** "20–30°" for a band. */
    public static String band(double minDeg, double maxDeg) {
        String min = degrees(minDeg);
        return min.substring(0, min.length() - 1) + "–" + degrees(maxDeg);
    }

    /** "500 ms", "45 s", "2 min", "1 min 30 s", "1 h 5 min": whole seconds from one second up. */
    public static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        long h = s / 3600;
        long min = (s % 3600) / 60;
        long sec = s % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append(" h");
        }
        if (min > 0) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(min).append(" min");
        }
        if (sec > 0) {
            b.append(' ').append(sec).append(" s");
        }
        return b.toString();
    }
}
