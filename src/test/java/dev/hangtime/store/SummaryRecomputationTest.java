package dev.hangtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryRecomputationTest {

    private static final int TRUSTED = SampleFlags.CALIBRATED | SampleFlags.USER_SECURED;

    private long ordinal;

    private StoredSample at(int sequence, long receivedAtMs, double angleDeg) {
        return new StoredSample(ordinal++, sequence, receivedAtMs, receivedAtMs, angleDeg, 0, TRUSTED);
    }

    private static StoredSummary recompute(List<StoredSample> samples, List<StoredAlarmEvent> alarms) {
        SummaryRecomputation recomputation = new SummaryRecomputation();
        samples.forEach(recomputation::accept);
        return recomputation.summary(alarms);
    }

    @Test
    void timeInvertedSumsIntervalsStartedInvertedIntoTheBandOfTheirFirstSample() {
        StoredSummary summary = recompute(List.of(
                at(0, 0, 0.0),        // not inverted
                at(1, 1_000, 12.0),   // enters (>= 10°): 1..2 s counts in [0°, 30°)
                at(2, 2_000, 35.0),   // 2..4 s in [30°, 60°)
                at(3, 4_000, 61.0),   // 4..7 s at 60° or more
                at(4, 7_000, 40.0),   // 7..8 s in [30°, 60°)
                at(5, 8_000, 4.9)),   // below 5°: no longer inverted
                List.of());
        assertEquals(7_000, summary.totalTimeInvertedMs());
        assertEquals(1_000, summary.band0To30Ms());
        assertEquals(3_000, summary.band30To60Ms());
        assertEquals(3_000, summary.band60To90Ms());
        assertEquals(61.0, summary.maxAngleDeg());
        assertEquals(1, summary.inversions());
        assertEquals(StoredSummary.RECOMPUTED, summary.source());
        assertEquals(-1, summary.stepsCompleted(), "steps cannot be known from samples");
    }

    @Test
    void hysteresisKeepsNoiseBetweenFiveAndTenDegreesFromCountingNewInversions() {
        StoredSummary summary = recompute(List.of(
                at(0, 0, 11.0), at(1, 100, 6.0), at(2, 200, 11.0), at(3, 300, 5.5), at(4, 400, 10.5),
                at(5, 500, 4.0), at(6, 600, 10.0), at(7, 700, 9.0)),
                List.of());
        assertEquals(2, summary.inversions());
        assertEquals(600, summary.totalTimeInvertedMs()); // 0..500 ms, then 600..700 ms
    }

    @Test
    void aSpikeFasterThanAPersonCanMoveIsNotTrusted() {
        StoredSummary summary = recompute(List.of(
                at(0, 0, 2.0), at(1, 20, 30.0), // 28° in 20 ms: 1400°/s, a glitch, not a fall into inversion
                at(2, 40, 2.5), at(3, 1_040, 12.0)), // 9.5° in a second: plausible, inverted from here
                List.of());
        assertEquals(12.0, summary.maxAngleDeg());
        assertEquals(1, summary.inversions());
        assertEquals(0, summary.totalTimeInvertedMs());
    }

    @Test
    void untrustedSamplesNeitherMoveTheStateNorSetTheMaximum() {
        SummaryRecomputation recomputation = new SummaryRecomputation();
        recomputation.accept(at(0, 0, 20.0));
        recomputation.accept(new StoredSample(ordinal++, 1, 20, 20, 85.0, 0, TRUSTED | SampleFlags.SENSOR_FAULT));
        recomputation.accept(new StoredSample(ordinal++, 2, 40, 40, 0.0, 0, SampleFlags.USER_SECURED)); // uncalibrated
        recomputation.accept(new StoredSample(ordinal++, 3, 60, 60, Double.NaN, 0, TRUSTED));
        recomputation.accept(at(4, 80, 20.0));
        StoredSummary summary = recomputation.summary(List.of());
        assertEquals(20.0, summary.maxAngleDeg());
        assertEquals(80, summary.totalTimeInvertedMs(), "still inverted through the untrusted samples");
        assertEquals(80, summary.band0To30Ms());
    }

    @Test
    void sequenceGapsCountAsMissingAcrossTheWrapAndDuplicatesAreDiscarded() {
        StoredSummary summary = recompute(List.of(
                at(65_534, 0, 0.0), at(65_535, 20, 0.0), at(2, 80, 0.0), // 0 and 1 lost across the wrap
                at(2, 81, 0.0),                                          // duplicate
                at(1, 82, 0.0),                                          // late
                at(6, 160, 0.0)),                                        // 3, 4, 5 lost
                List.of());
        assertEquals(5, summary.missingSamples());
        assertEquals(2, summary.discardedSamples());
    }

    @Test
    void alarmCountsComeFromRaisedEventsAndOnlyLimitAlarmsBreakTheLimits() {
        List<StoredAlarmEvent> advisoriesOnly = List.of(
                new StoredAlarmEvent(1, "RAISED", "ANGLE_APPROACHING_LIMIT", "MEDIUM", "ease back", 1),
                new StoredAlarmEvent(2, "CLEARED", "ANGLE_APPROACHING_LIMIT", "MEDIUM", "ease back", 1),
                new StoredAlarmEvent(3, "RAISED", "TIME_APPROACHING_LIMIT", "LOW", "15 s left", 3),
                new StoredAlarmEvent(4, "RAISED", "SENSOR_SILENT", "HIGH", "no data", 4));
        StoredSummary advisory = recompute(List.of(), advisoriesOnly);
        assertEquals(1, advisory.alarmsLow());
        assertEquals(1, advisory.alarmsMedium());
        assertEquals(1, advisory.alarmsHigh());
        assertTrue(advisory.withinLimits());

        StoredSummary breached = recompute(List.of(), List.of(
                new StoredAlarmEvent(5, "RAISED", "TIME_LIMIT", "HIGH", "return now", 5)));
        assertFalse(breached.withinLimits());
        assertTrue(Double.isNaN(breached.maxAngleDeg()), "no trusted angle at all");
    }
}
