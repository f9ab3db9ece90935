package dev.hangtime.store;

import dev.hangtime.engine.SessionSummary;

/**
 * A session's summary as stored in its {@code session} row: what {@code sessions list} and the history
 * charts read, so they never touch the samples.
 *
 * @param totalTimeInvertedMs time spent inverted, milliseconds
 * @param band0To30Ms         time with the angle in [0°, 30°), milliseconds
 * @param band30To60Ms        time with the angle in [30°, 60°), milliseconds
 * @param band60To90Ms        time with the angle at 60° or more, milliseconds
 * @param maxAngleDeg         steepest trusted angle, degrees; NaN when there was none
 * @param inversions          number of times the user went from upright to inverted
 * @param alarmsLow           alarms raised at LOW priority
 * @param alarmsMedium        alarms raised at MEDIUM priority
 * @param alarmsHigh          alarms raised at HIGH priority
 * @param stepsCompleted      routine steps completed; -1 when unknown (a recomputed summary)
 * @param stepsTotal          routine steps in all; -1 when unknown
 * @param withinLimits        true when no limit alarm (angle, time, continuous time) was raised
 * @param missingSamples      samples lost on the way (gaps in the device's sequence numbers)
 * @param discardedSamples    duplicated or late samples the engine ignored
 * @param source              {@code ENGINE} (computed live by the session engine) or {@code RECOMPUTED}
 *                            (rebuilt from the stored samples after a crash)
 */
public record StoredSummary(long totalTimeInvertedMs, long band0To30Ms, long band30To60Ms, long band60To90Ms,
                            double maxAngleDeg, int inversions, int alarmsLow, int alarmsMedium, int alarmsHigh,
                            int stepsCompleted, int stepsTotal, boolean withinLimits, long missingSamples,
                            int discardedSamples, String source) {

    public static final String ENGINE = "ENGINE";
    public static final String RECOMPUTED = "RECOMPUTED";

    /** The engine's summary as stored; {@code source} is {@link #ENGINE} or {@link #RECOMPUTED}. */
    public static StoredSummary of(SessionSummary summary, String source) {
        return new StoredSummary(summary.timeInvertedMs(), summary.band0To30Ms(), summary.band30To60Ms(),
                summary.band60To90Ms(), summary.maxAngleDeg(), summary.inversions(), summary.lowAlarms(),
                summary.mediumAlarms(), summary.highAlarms(), summary.stepsCompleted(), summary.stepsTotal(),
                summary.withinLimits(), summary.missingSamples(), summary.discardedSamples(), source);
    }

    public int alarmCount() {
        return alarmsLow + alarmsMedium + alarmsHigh;
    }
}
