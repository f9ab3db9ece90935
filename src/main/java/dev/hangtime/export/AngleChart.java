package dev.hangtime.export;

import dev.hangtime.store.StoredAlarmEvent;
import dev.hangtime.store.StoredSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An inline SVG chart of one session's angle over time, with the angle-limit band (the advisory margin
 * below the limit in amber, above the limit in red) and every alarm marked: a line where it was raised
 * and a bar for as long as it was active, coloured by priority, with the engine's message as a tooltip.
 *
 * <p>Fed samples one by one; it keeps the minimum and maximum angle per pixel column ({@value #COLUMNS}
 * columns), so a million samples cost the same memory as a thousand and draw the same picture the full
 * trace would at this width.
 */
final class AngleChart {

    static final int COLUMNS = 960;
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 320;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 58; // x axis labels and the alarm strip
    private static final long BREAK_AFTER_MS = 1_000; // a longer silence between samples breaks the line
    /** The engine's default advisory margin (SafetyThresholds.angleAdvisoryDeg). */
    private static final double ADVISORY_MARGIN_DEG = 5.0;

    private final long startMs;
    private final long durationMs;
    private final double maxAngleLimitDeg;
    private final double[] columnMin = new double[COLUMNS];
    private final double[] columnMax = new double[COLUMNS];
    private final boolean[] minFirst = new boolean[COLUMNS];
    private final long[] columnFirstMs = new long[COLUMNS];
    private final long[] columnLastMs = new long[COLUMNS];
    private final boolean[] hasAngle = new boolean[COLUMNS];
    private final boolean[] fault = new boolean[COLUMNS];
    private double dataMin = Double.POSITIVE_INFINITY;
    private double dataMax = Double.NEGATIVE_INFINITY;

    /**
     * @param startMs          the session's start, host ms
     * @param endMs            its end (or last sample), host ms
     * @param maxAngleLimitDeg the effective angle limit, or NaN when unknown
     */
    AngleChart(long startMs, long endMs, double maxAngleLimitDeg) {
        this.startMs = startMs;
        this.durationMs = Math.max(1_000, endMs - startMs);
        this.maxAngleLimitDeg = maxAngleLimitDeg;
    }

    void accept(StoredSample sample) {
        int column = column(sample.receivedAtMs());
        double angle = sample.angleDeg();
        if (sample.sensorFault() || !Double.isFinite(angle)) {
            fault[column] = true;
        }
        if (!Double.isFinite(angle)) {
            return;
        }
        if (!hasAngle[column]) {
            hasAngle[column] = true;
            columnMin[column] = angle;
            columnMax[column] = angle;
            columnFirstMs[column] = sample.receivedAtMs();
        } else if (angle < columnMin[column]) {
            columnMin[column] = angle;
            minFirst[column] = false; // the minimum came after the maximum
        } else if (angle > columnMax[column]) {
            columnMax[column] = angle;
            minFirst[column] = true;
        }
        columnLastMs[column] = sample.receivedAtMs();
        dataMin = Math.min(dataMin, angle);
        dataMax = Math.max(dataMax, angle);
    }

    /** The SVG element, sized to fit its container's width. */
    String svg(List<StoredAlarmEvent> alarmEvents) {
        double low = Math.floor(Math.min(-10.0, finiteOr(dataMin, 0.0)) / 10.0) * 10.0;
        double limitTop = Double.isFinite(maxAngleLimitDeg) ? maxAngleLimitDeg + 10.0 : 0.0;
        double high = Math.ceil(Math.max(Math.max(60.0, limitTop), finiteOr(dataMax, 0.0)) / 10.0) * 10.0;
        Scale y = new Scale(low, high, TOP + plotHeight(), TOP);
        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Angle over time\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        if (Double.isFinite(maxAngleLimitDeg)) {
            double advisory = maxAngleLimitDeg - ADVISORY_MARGIN_DEG;
            rect(svg, "band-advisory", LEFT, y.at(maxAngleLimitDeg), plotWidth(),
                    y.at(advisory) - y.at(maxAngleLimitDeg), "advisory: within " + Formats.degrees(ADVISORY_MARGIN_DEG)
                            + "° of the " + Formats.degrees(maxAngleLimitDeg) + "° limit");
            rect(svg, "band-limit", LEFT, TOP, plotWidth(), y.at(maxAngleLimitDeg) - TOP,
                    "above the " + Formats.degrees(maxAngleLimitDeg) + "° limit");
            line(svg, "limit", LEFT, y.at(maxAngleLimitDeg), LEFT + plotWidth(), y.at(maxAngleLimitDeg));
            text(svg, "limit-label", LEFT + plotWidth() - 4, y.at(maxAngleLimitDeg) - 4, "end",
                    "limit " + Formats.degrees(maxAngleLimitDeg) + "°");
        }
        double tickStep = (high - low) > 90 ? 30 : 10;
        for (double tick = Math.ceil(low / tickStep) * tickStep; tick <= high; tick += tickStep) {
            line(svg, tick == 0 ? "axis-zero" : "grid", LEFT, y.at(tick), LEFT + plotWidth(), y.at(tick));
            text(svg, "tick", LEFT - 6, y.at(tick) + 4, "end", Formats.degrees(tick) + "°");
        }
        long stepMs = timeStep(durationMs);
        for (long t = 0; t <= durationMs; t += stepMs) {
            double x = xAt(startMs + t);
            line(svg, "grid", x, TOP, x, TOP + plotHeight());
            text(svg, "tick", x, TOP + plotHeight() + 16, "middle", clock(t));
        }
        trace(svg, y);
        faults(svg);
        alarms(svg, alarmEvents);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void trace(StringBuilder svg, Scale y) {
        List<StringBuilder> segments = new ArrayList<>();
        StringBuilder current = null;
        long previousLastMs = Long.MIN_VALUE;
        for (int column = 0; column < COLUMNS; column++) {
            if (!hasAngle[column]) {
                continue;
            }
            if (current == null || columnFirstMs[column] - previousLastMs > BREAK_AFTER_MS) {
                current = new StringBuilder();
                segments.add(current);
            }
            double x = LEFT + (column + 0.5) * plotWidth() / COLUMNS;
            double first = minFirst[column] ? columnMin[column] : columnMax[column];
            double second = minFirst[column] ? columnMax[column] : columnMin[column];
            point(current, x, y.at(first));
            if (second != first) {
                point(current, x, y.at(second));
            }
            previousLastMs = columnLastMs[column];
        }
        for (StringBuilder segment : segments) {
            svg.append("<polyline class=\"trace\" points=\"").append(segment).append("\"/>\n");
        }
    }

    private void faults(StringBuilder svg) {
        for (int column = 0; column < COLUMNS; column++) {
            if (fault[column]) {
                double x = LEFT + (column + 0.5) * plotWidth() / COLUMNS;
                svg.append("<line class=\"fault\" x1=\"").append(Html.coordinate(x)).append("\" y1=\"")
                        .append(TOP + plotHeight() - 6).append("\" x2=\"").append(Html.coordinate(x))
                        .append("\" y2=\"").append(TOP + plotHeight()).append("\"><title>sensor fault or no angle")
                        .append("</title></line>\n");
            }
        }
    }

    private void alarms(StringBuilder svg, List<StoredAlarmEvent> events) {
        double stripY = TOP + plotHeight() + 26;
        Map<String, StoredAlarmEvent> active = new HashMap<>();
        List<double[]> spans = new ArrayList<>();
        List<StoredAlarmEvent> spanEvents = new ArrayList<>();
        for (StoredAlarmEvent event : events) {
            if (StoredAlarmEvent.RAISED.equals(event.transition())) {
                double x = xAt(event.atMs());
                svg.append("<line class=\"alarm alarm-").append(event.priority().toLowerCase(java.util.Locale.ROOT))
                        .append("\" x1=\"").append(Html.coordinate(x)).append("\" y1=\"").append(TOP)
                        .append("\" x2=\"").append(Html.coordinate(x)).append("\" y2=\"")
                        .append(TOP + plotHeight()).append("\"><title>").append(Html.escape(alarmTitle(event)))
                        .append("</title></line>\n");
                active.putIfAbsent(event.reason(), event);
            } else {
                StoredAlarmEvent raised = active.remove(event.reason());
                if (raised != null) {
                    spans.add(new double[] {xAt(raised.atMs()), xAt(event.atMs())});
                    spanEvents.add(raised);
                }
            }
        }
        for (StoredAlarmEvent stillActive : active.values()) { // never cleared: to the end of the chart
            spans.add(new double[] {xAt(stillActive.atMs()), LEFT + plotWidth()});
            spanEvents.add(stillActive);
        }
        for (int i = 0; i < spans.size(); i++) {
            StoredAlarmEvent event = spanEvents.get(i);
            double width = Math.max(2.0, spans.get(i)[1] - spans.get(i)[0]);
            rect(svg, "alarm-span alarm-" + event.priority().toLowerCase(java.util.Locale.ROOT), spans.get(i)[0],
                    stripY, width, 10, alarmTitle(event));
        }
        text(svg, "tick", LEFT - 6, stripY + 9, "end", "alarms");
    }

    private String alarmTitle(StoredAlarmEvent event) {
        return event.priority() + " " + event.reason() + " at " + clock(event.atMs() - startMs) + ": " + event.message();
    }

    private int column(long atMs) {
        long offset = Math.max(0, Math.min(durationMs, atMs - startMs));
        return (int) Math.min(COLUMNS - 1, offset * COLUMNS / durationMs);
    }

    private double xAt(long atMs) {
        long offset = Math.max(0, Math.min(durationMs, atMs - startMs));
        return LEFT + (double) offset * plotWidth() / durationMs;
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /** A tick step giving five to twelve ticks: 5 s, 10 s, 15 s, 30 s, 1 min, 2 min, 5 min, ... */
    static long timeStep(long durationMs) {
        long[] steps = {5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
                3_600_000, 7_200_000};
        for (long step : steps) {
            if (durationMs / step <= 12) {
                return step;
            }
        }
        return Math.max(steps[steps.length - 1], durationMs / 12 / 3_600_000 * 3_600_000);
    }

    /** Elapsed time as m:ss, or h:mm:ss past an hour. */
    static String clock(long elapsedMs) {
        long seconds = Math.max(0, elapsedMs) / 1000;
        if (seconds >= 3600) {
            return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    private static double finiteOr(double value, double fallback) {
        return Double.isFinite(value) ? value : fallback;
    }

    private static void point(StringBuilder points, double x, double y) {
        if (points.length() > 0) {
            points.append(' ');
        }
        points.append(Html.coordinate(x)).append(',').append(Html.coordinate(y));
    }

    private static void rect(StringBuilder svg, String cssClass, double x, double y, double width, double height,
                             String title) {
        svg.append("<rect class=\"").append(cssClass).append("\" x=\"").append(Html.coordinate(x))
                .append("\" y=\"").append(Html.coordinate(y)).append("\" width=\"")
                .append(Html.coordinate(Math.max(0, width))).append("\" height=\"")
                .append(Html.coordinate(Math.max(0, height))).append("\"><title>").append(Html.escape(title))
                .append("</title></rect>\n");
    }

    private static void line(StringBuilder svg, String cssClass, double x1, double y1, double x2, double y2) {
        svg.append("<line class=\"").append(cssClass).append("\" x1=\"").append(Html.coordinate(x1))
                .append("\" y1=\"").append(Html.coordinate(y1)).append("\" x2=\"").append(Html.coordinate(x2))
                .append("\" y2=\"").append(Html.coordinate(y2)).append("\"/>\n");
    }

    private static void text(StringBuilder svg, String cssClass, double x, double y, String anchor, String text) {
        svg.append("<text class=\"").append(cssClass).append("\" x=\"").append(Html.coordinate(x))
                .append("\" y=\"").append(Html.coordinate(y)).append("\" text-anchor=\"").append(anchor).append("\">")
                .append(Html.escape(text)).append("</text>\n");
    }

    /** Maps a value range onto a pixel range (pixel y grows downwards, so {@code toLow > toHigh}). */
    private record Scale(double low, double high, double toLow, double toHigh) {
        double at(double value) {
            return toLow + (value - low) * (toHigh - toLow) / (high - low);
        }
    }
}
