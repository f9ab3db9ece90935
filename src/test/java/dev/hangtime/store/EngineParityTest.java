package dev.hangtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.Alarm;
import dev.hangtime.engine.EngineConfig;
import dev.hangtime.engine.EngineEvent;
import dev.hangtime.engine.ProfileLimits;
import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineLimits;
import dev.hangtime.engine.RoutineStep;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.SessionEngine;
import dev.hangtime.engine.SessionState;
import dev.hangtime.engine.SessionSummary;
import dev.hangtime.engine.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds {@link SummaryRecomputation} to the engine: the real {@link SessionEngine} runs a session of
 * noisy, faulty samples (fault flags, NaN angles, implausible spikes, lost, duplicated and late samples),
 * the samples and alarms the session loop would record go through the recomputation, and the two
 * summaries must agree on everything samples can tell (not on routine steps).
 */
class EngineParityTest {

    private static final Routine ROUTINE = new Routine("parity", "test",
            new RoutineLimits(40, 60_000, Optional.empty()), List.of(
            new RoutineStep.Tilt(20, 35, ""),
            new RoutineStep.Hold(20_000, 40_000, ""),
            new RoutineStep.Rest(5_000, ""),
            new RoutineStep.Upright("")));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void theRecomputedSummaryMatchesTheEnginesOnTheSameSamples(long seed) {
        Random random = new Random(seed);
        SessionEngine engine = new SessionEngine(EngineConfig.of(ROUTINE, ProfileLimits.none()));
        long now = 1_000_000;
        SessionState state = engine.initialState(now);
        int sequence = 0;
        long deviceTimeMs = 50_000;

        // secured and horizontal for half a second, then Start: recording begins with the session
        for (int i = 0; i < 5; i++) {
            now += 100;
            deviceTimeMs += 100;
            state = engine.step(state, new EngineEvent.SampleReceived(
                    new Sample(sequence++, deviceTimeMs, now, 0.0, 0, true, true, false, false)), now).state();
        }
        StepResult started = engine.step(state, new EngineEvent.UserAction(EngineEvent.UserAction.Kind.START), now);
        state = started.state();
        assertTrue(state.sessionActive(), "the session started");

        List<StoredSample> recorded = new ArrayList<>();
        List<StoredAlarmEvent> alarms = new ArrayList<>();
        record(started, now, alarms);
        double angle = 0.0;
        Sample previous = null;
        for (int i = 0; i < 6_000 && !state.phase().terminal(); i++) {
            now += 15 + random.nextInt(30);
            deviceTimeMs += 20;
            double target = i < 3_000 ? 30.0 + 12.0 * Math.sin(i / 400.0) : -40.0;
            angle += Math.max(-0.6, Math.min(0.6, target - angle)) + random.nextGaussian() * 0.15;
            Sample sample;
            // the first two seconds are clean: the recomputation cannot see a gap between the last sample
            // before Start (not recorded) and the first one after it, which the engine counts
            int roll = i < 100 ? 999 : random.nextInt(1_000);
            if (roll < 10 && previous != null) {
                sample = previous; // duplicated by the link
            } else {
                if (roll < 20) {
                    sequence += 1 + random.nextInt(4); // lost on the way
                }
                double reported = roll < 25 ? Double.NaN : roll < 30 ? angle + 25 : angle; // NaN, implausible spike
                sample = new Sample(sequence++ & 0xFFFF, deviceTimeMs, now, Math.round(reported * 100) / 100.0, 0,
                        roll >= 30 && roll < 35 ? false : true, true, false, roll >= 35 && roll < 45);
                previous = sample;
            }
            StepResult result = engine.step(state, new EngineEvent.SampleReceived(sample), now);
            state = result.state();
            recorded.add(new StoredSample(recorded.size(), sample.sequence(), sample.deviceTimeMs(),
                    sample.receivedAtMs(), sample.angleDeg(), 0, SampleFlags.of(sample.calibrated(),
                    sample.userSecured(), sample.motorised(), sample.sensorFault())));
            record(result, now, alarms);
        }

        SessionSummary expected = state.summary();
        SummaryRecomputation recomputation = new SummaryRecomputation();
        recorded.forEach(recomputation::accept);
        StoredSummary actual = recomputation.summary(alarms);

        assertTrue(expected.timeInvertedMs() > 10_000, "the session did invert: " + expected);
        assertEquals(expected.timeInvertedMs(), actual.totalTimeInvertedMs(), "time inverted");
        assertEquals(expected.band0To30Ms(), actual.band0To30Ms(), "below 30°");
        assertEquals(expected.band30To60Ms(), actual.band30To60Ms(), "30–60°");
        assertEquals(expected.band60To90Ms(), actual.band60To90Ms(), "60° and more");
        assertEquals(expected.maxAngleDeg(), actual.maxAngleDeg(), "steepest angle");
        assertEquals(expected.inversions(), actual.inversions(), "inversions");
        assertEquals(expected.missingSamples(), actual.missingSamples(), "missing samples");
        assertEquals(expected.discardedSamples(), actual.discardedSamples(), "discarded samples");
        assertEquals(expected.lowAlarms(), actual.alarmsLow(), "low alarms");
        assertEquals(expected.mediumAlarms(), actual.alarmsMedium(), "medium alarms");
        assertEquals(expected.highAlarms(), actual.alarmsHigh(), "high alarms");
        assertEquals(expected.withinLimits(), actual.withinLimits(), "within limits");
    }

    /** What the session loop hands the recorder after each step. */
    private static void record(StepResult result, long now, List<StoredAlarmEvent> alarms) {
        for (Alarm alarm : result.alarmsCleared()) {
            alarms.add(event(alarm, StoredAlarmEvent.CLEARED, now));
        }
        for (Alarm alarm : result.alarmsRaised()) {
            alarms.add(event(alarm, StoredAlarmEvent.RAISED, now));
        }
    }

    private static StoredAlarmEvent event(Alarm alarm, String transition, long now) {
        return new StoredAlarmEvent(now, transition, alarm.reason().name(), alarm.priority().name(), alarm.message(),
                alarm.raisedAtMs());
    }
}
