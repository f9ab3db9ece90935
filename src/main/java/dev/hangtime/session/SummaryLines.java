package dev.hangtime.session;

import dev.hangtime.engine.SessionOutcome;
import dev.hangtime.engine.SessionSummary;
import dev.hangtime.engine.Words;
import java.util.ArrayList;
import java.util.List;

/** A session summary in plain lines, the same on the terminal and on the display. */
public final class SummaryLines {

    private SummaryLines() {
    }

    /** The heading for a summary with this outcome ("Session complete", "Session aborted"...). */
    public static String heading(SessionOutcome outcome) {
        return switch (outcome) {
            case COMPLETE -> "Session complete";
            case ABORTED -> "Session ended early";
            case INTERRUPTED -> "Session interrupted: the link to the table was lost";
            case IN_PROGRESS -> "Session not finished";
        };
    }

    /** One line per total: time inverted and its bands, steepest angle, inversions, steps, alarms. */
    public static List<String> of(SessionSummary summary) {
        List<String> lines = new ArrayList<>();
        lines.add("Time inverted " + duration(summary.timeInvertedMs()) + " (below 30°: "
                + duration(summary.band0To30Ms()) + ", 30–60°: " + duration(summary.band30To60Ms())
                + ", 60° and more: " + duration(summary.band60To90Ms()) + ")");
        lines.add("Steepest angle " + (Double.isNaN(summary.maxAngleDeg()) ? "none recorded"
                : Words.degrees(summary.maxAngleDeg())));
        lines.add("Inversions " + summary.inversions());
        lines.add("Steps completed " + summary.stepsCompleted() + " of " + summary.stepsTotal());
        lines.add("Alarms " + summary.highAlarms() + " high, " + summary.mediumAlarms() + " medium, "
                + summary.lowAlarms() + " low; " + (summary.withinLimits() ? "stayed within limits"
                : "a limit was reached"));
        if (summary.missingSamples() > 0 || summary.discardedSamples() > 0) {
            lines.add("Samples missing " + summary.missingSamples() + ", discarded " + summary.discardedSamples());
        }
        return List.copyOf(lines);
    }

    private static String duration(long ms) {
        return ms < 1000 ? "0 s" : Words.duration(ms);
    }
}
