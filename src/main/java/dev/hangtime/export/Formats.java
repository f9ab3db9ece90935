package dev.hangtime.export;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Number and time formatting shared by the exporters: allocation-free where it runs per sample. */
final class Formats {

    private static final DateTimeFormatter ISO_OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Formats() {
    }

    /**
     * Appends degrees with at most three decimals (the store's resolution), trailing zeros dropped:
     * 12.34 → "12.34", 30.0 → "30", -0.5 → "-0.5". A NaN (no angle: sensor fault) appends nothing.
     */
    static void appendDegrees(StringBuilder out, double angleDeg) {
        if (!Double.isFinite(angleDeg)) {
            return;
        }
        long millidegrees = Math.round(angleDeg * 1000.0);
        if (millidegrees < 0) {
            out.append('-');
            millidegrees = -millidegrees;
        }
        out.append(millidegrees / 1000);
        int fraction = (int) (millidegrees % 1000);
        if (fraction != 0) {
            out.append('.');
            int digits = 3;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            for (int pad = digits - 1; pad > 0 && fraction < pow10(pad); pad--) {
                out.append('0');
            }
            out.append(fraction);
        }
    }

    static String degrees(double angleDeg) {
        StringBuilder out = new StringBuilder(12);
        appendDegrees(out, angleDeg);
        return out.toString();
    }

    /** ISO-8601 with the zone's offset, e.g. 2025-03-01T07:12:03.12+01:00. */
    static String isoTime(long epochMs, ZoneId zone) {
        return ISO_OFFSET.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** "4 min 05 s", "45 s", "1 h 02 min": for people reading a report. */
    static String duration(long ms) {
        long seconds = Math.round(ms / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min " + String.format("%02d", seconds % 60) + " s";
        }
        return minutes / 60 + " h " + String.format("%02d", minutes % 60) + " min";
    }

    private static int pow10(int exponent) {
        int value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
