package dev.hangtime.export;

import dev.hangtime.store.SessionStatus;
import dev.hangtime.store.StoredSession;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An inline SVG history across sessions, from their stored summaries only: time inverted per day (or
 * per week, or per month, whichever gives no more than about 120 bars) as bars, and the steepest angle
 * in each period as a dot. A period with an alarm at a limit, or an interrupted session, is drawn in
 * the alarm colour, so a physiotherapist sees at a glance when things went wrong.
 */
final class HistoryChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 300;
    private static final int LEFT = 56;
    private static final int RIGHT = 48;
    private static final int TOP = 14;
    private static final int BOTTOM = 40;

    enum Period {
        DAY, WEEK, MONTH;

        LocalDate start(LocalDate date) {
            return switch (this) {
                case DAY -> date;
                case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> date.withDayOfMonth(1);
            };
        }

        String label() {
            return switch (this) {
                case DAY -> "day";
                case WEEK -> "week";
                case MONTH -> "month";
            };
        }
    }

    /** Totals of one period. */
    private static final class Bucket {
        long timeInvertedMs;
        double maxAngleDeg = Double.NaN;
        int sessions;
        boolean troubled;
    }

    private HistoryChart() {
    }

    static Period periodFor(LocalDate first, LocalDate last) {
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days <= 120) {
            return Period.DAY;
        }
        return days <= 120 * 7 ? Period.WEEK : Period.MONTH;
    }

    static String svg(List<StoredSession> sessions, ZoneId zone) {
        if (sessions.isEmpty()) {
            return "<p>No sessions recorded.</p>\n";
        }
        LocalDate first = sessions.stream().map(s -> s.startedAt().atZone(zone).toLocalDate())
                .min(LocalDate::compareTo).orElseThrow();
        LocalDate last = sessions.stream().map(s -> s.startedAt().atZone(zone).toLocalDate())
                .max(LocalDate::compareTo).orElseThrow();
        Period period = periodFor(first, last);
        Map<LocalDate, Bucket> buckets = new TreeMap<>();
        for (LocalDate day = period.start(first); !day.isAfter(last); day = next(day, period)) {
            buckets.put(day, new Bucket());
        }
        for (StoredSession session : sessions) {
            Bucket bucket = buckets.get(period.start(session.startedAt().atZone(zone).toLocalDate()));
            bucket.sessions++;
            bucket.troubled |= session.status() == SessionStatus.INTERRUPTED || session.status() == SessionStatus.ABORTED;
            session.summary().ifPresent(summary -> {
                bucket.timeInvertedMs += summary.totalTimeInvertedMs();
                if (Double.isFinite(summary.maxAngleDeg())
                        && (Double.isNaN(bucket.maxAngleDeg) || summary.maxAngleDeg() > bucket.maxAngleDeg)) {
                    bucket.maxAngleDeg = summary.maxAngleDeg();
                }
                bucket.troubled |= !summary.withinLimits();
            });
        }
        long maxTimeMs = buckets.values().stream().mapToLong(b -> b.timeInvertedMs).max().orElse(0);
        double maxMinutes = Math.max(1.0, Math.ceil(maxTimeMs / 60_000.0));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double barWidth = (double) plotWidth / buckets.size();
        StringBuilder svg = new StringBuilder(32 * 1024);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Time inverted and steepest angle per ").append(period.label())
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotHeight - plotHeight * i / 4.0;
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(Html.coordinate(y))
                    .append("\" x2=\"").append(LEFT + plotWidth).append("\" y2=\"").append(Html.coordinate(y)).append("\"/>\n");
            text(svg, LEFT - 6, y + 4, "end", trimmed(maxMinutes * i / 4.0) + " min");
            text(svg, LEFT + plotWidth + 6, y + 4, "start", trimmed(90.0 * i / 4.0) + "°");
        }
        int index = 0;
        int labelEvery = Math.max(1, buckets.size() / 8);
        DateTimeFormatter labelFormat = period == Period.MONTH ? DateTimeFormatter.ofPattern("yyyy-MM")
                : DateTimeFormatter.ISO_LOCAL_DATE;
        for (Map.Entry<LocalDate, Bucket> entry : buckets.entrySet()) {
            Bucket bucket = entry.getValue();
            double x = LEFT + index * barWidth;
            double height = plotHeight * (bucket.timeInvertedMs / 60_000.0) / maxMinutes;
            String label = period.label() + " of " + entry.getKey() + ": " + bucket.sessions + " session"
                    + (bucket.sessions == 1 ? "" : "s") + ", " + Formats.duration(bucket.timeInvertedMs) + " inverted"
                    + (Double.isFinite(bucket.maxAngleDeg) ? ", steepest " + Formats.degrees(bucket.maxAngleDeg) + "°" : "")
                    + (bucket.troubled ? ", with a limit alarm or an interruption" : "");
            if (bucket.sessions > 0) {
                svg.append("<rect class=\"").append(bucket.troubled ? "bar bar-troubled" : "bar")
                        .append("\" x=\"").append(Html.coordinate(x + barWidth * 0.1)).append("\" y=\"")
                        .append(Html.coordinate(TOP + plotHeight - height)).append("\" width=\"")
                        .append(Html.coordinate(Math.max(0.5, barWidth * 0.8))).append("\" height=\"")
                        .append(Html.coordinate(height)).append("\"><title>").append(Html.escape(label))
                        .append("</title></rect>\n");
            }
            if (Double.isFinite(bucket.maxAngleDeg)) {
                double y = TOP + plotHeight - plotHeight * Math.max(0, Math.min(90, bucket.maxAngleDeg)) / 90.0;
                svg.append("<circle class=\"angle-dot\" cx=\"").append(Html.coordinate(x + barWidth / 2))
                        .append("\" cy=\"").append(Html.coordinate(y)).append("\" r=\"").append(barWidth < 6 ? "1.5" : "3")
                        .append("\"><title>").append(Html.escape(label)).append("</title></circle>\n");
            }
            if (index % labelEvery == 0) {
                text(svg, x + barWidth / 2, TOP + plotHeight + 16, "middle", labelFormat.format(entry.getKey()));
            }
            index++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static LocalDate next(LocalDate day, Period period) {
        return switch (period) {
            case DAY -> day.plusDays(1);
            case WEEK -> day.plusWeeks(1);
            case MONTH -> day.plusMonths(1);
        };
    }

    private static String trimmed(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(Math.round(value * 10) / 10.0);
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String text) {
        svg.append("<text class=\"tick\" x=\"").append(Html.coordinate(x)).append("\" y=\"").append(Html.coordinate(y))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(Html.escape(text)).append("</text>\n");
    }
}
