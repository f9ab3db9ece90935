package dev.hangtime.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * What the progression, budget and daily-plan functions need to know of one past session. The
 * store keeps these (it builds them with {@link #of}); the pure functions take a list of them.
 *
 * @param startedAt       when the session started (Start pressed)
 * @param routineName     the routine's name, or a guided timer's name such as "wake-stretches"
 * @param outcome         how it ended
 * @param withinLimits    no limit alarm (angle, time, continuous time) was raised during it
 * @param alarmCount      alarms of any priority raised during it
 * @param timeInvertedMs  total time inverted, milliseconds (0 for an off-table activity)
 */
public record SessionRecord(Instant startedAt, String routineName, SessionOutcome outcome,
                            boolean withinLimits, int alarmCount, long timeInvertedMs) {

    public SessionRecord {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(routineName, "routineName");
        Objects.requireNonNull(outcome, "outcome");
        if (alarmCount < 0 || timeInvertedMs < 0) {
            throw new IllegalArgumentException("alarmCount and timeInvertedMs must not be negative");
        }
    }

    /** The record of a session from its summary. */
    public static SessionRecord of(Instant startedAt, String routineName, SessionSummary summary) {
        return new SessionRecord(startedAt, routineName, summary.outcome(), summary.withinLimits(),
                summary.alarmCount(), summary.timeInvertedMs());
    }

    /** Completed, within limits, without any alarm: counts towards the next progression level. */
    public boolean clean() {
        return outcome == SessionOutcome.COMPLETE && withinLimits && alarmCount == 0;
    }
}
