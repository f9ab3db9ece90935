package dev.hangtime.engine;

import java.util.Objects;

/**
 * A session's totals, kept up to date at every step ({@link SessionState#summary()}) and final once
 * the outcome is no longer {@link SessionOutcome#IN_PROGRESS}. Times are milliseconds on the host
 * clock, summed over the intervals between consecutive samples that started inverted (so the total
 * lags the truth by at most one sample period). Angle bands split the time inverted by the angle of
 * the sample that starts each interval: [.., 30°), [30°, 60°), [60°, ..]; they add up to
 * {@code timeInvertedMs}.
 *
 * @param outcome          how it ended, or IN_PROGRESS
 * @param startedAtMs      host ms when Start was accepted; -1 before
 * @param endedAtMs        host ms when it ended; -1 while running
 * @param timeInvertedMs   total time inverted
 * @param band0To30Ms      time inverted below 30°
 * @param band30To60Ms     time inverted from 30° to below 60°
 * @param band60To90Ms     time inverted at 60° or more
 * @param maxAngleDeg      the steepest trusted angle during the session; NaN when none
 * @param inversions       times the user went from not inverted to inverted (hysteresis)
 * @param lowAlarms        LOW alarms raised during the session
 * @param mediumAlarms     MEDIUM alarms raised
 * @param highAlarms       HIGH alarms raised
 * @param stepsCompleted   routine steps completed
 * @param stepsTotal       routine steps in all
 * @param withinLimits     no limit alarm (angle, time, continuous time) was raised
 * @param missingSamples   samples lost (sequence gaps)
 * @param discardedSamples duplicated or late samples ignored
 */
public record SessionSummary(SessionOutcome outcome, long startedAtMs, long endedAtMs, long timeInvertedMs,
                             long band0To30Ms, long band30To60Ms, long band60To90Ms, double maxAngleDeg,
                             int inversions, int lowAlarms, int mediumAlarms, int highAlarms,
                             int stepsCompleted, int stepsTotal, boolean withinLimits, long missingSamples,
                             int discardedSamples) {

    public SessionSummary {
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Alarms of any priority. */
    public int alarmCount() {
        return lowAlarms + mediumAlarms + highAlarms;
    }

    /** Alarms raised at one priority. */
    public int alarms(AlarmPriority priority) {
        return switch (priority) {
            case LOW -> lowAlarms;
            case MEDIUM -> mediumAlarms;
            case HIGH -> highAlarms;
        };
    }
}
