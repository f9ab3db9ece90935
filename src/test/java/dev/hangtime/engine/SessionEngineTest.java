package dev.hangtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.EngineEvent.UserAction.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One rule per test, on a virtual clock (no sleeps). */
class SessionEngineTest {

    @Nested
    class StartingASession {

        @Test
        void idleWithoutDataThenReadyOnceASecuredFreshSampleArrives() {
            EngineDriver d = EngineDriver.beginner();
            assertEquals(Phase.IDLE, d.state.phase());
            d.secured = false;
            d.sample(0);
            assertEquals(Phase.IDLE, d.last.display().phase());
            assertEquals("Secure your ankles, then press Start.", d.last.display().nextAction());
            d.secured = true;
            d.sample(0);
            assertEquals(Phase.READY, d.last.display().phase());
            assertEquals("Press Start to begin 'beginner': tilt to 20–30°.", d.last.display().nextAction());
        }

        @Test
        void startIsRefusedWithoutSecuredAnklesAndTheNoticeSaysWhy() {
            EngineDriver d = EngineDriver.beginner();
            d.secured = false;
            d.hold(0, 300);
            StepResult r = d.start();
            assertFalse(r.state().sessionActive());
            assertEquals(List.of(), r.commands());
            assertEquals("Cannot start: secure your ankles first.", r.display().notice());
        }

        @Test
        void startIsRefusedOnStaleData() {
            EngineDriver d = EngineDriver.beginner();
            d.hold(0, 300);
            d.tick(600);
            StepResult r = d.start();
            assertFalse(r.state().sessionActive());
            assertEquals("Cannot start: no fresh data from the table's sensor.", r.display().notice());
        }

        @Test
        void startIsRefusedOnAnUncalibratedSensor() {
            EngineDriver d = EngineDriver.beginner();
            d.calibrated = false;
            d.hold(0, 300);
            StepResult r = d.start();
            assertFalse(r.state().sessionActive());
            assertEquals("Cannot start: calibrate (tare) the table's sensor first.", r.display().notice());
        }

        @Test
        void refusalNoticeDisappearsAfterItsTime() {
            EngineDriver d = EngineDriver.beginner();
            d.secured = false;
            d.hold(0, 300);
            d.start();
            d.tick(9_000);
            assertFalse(d.last.display().notice().isEmpty());
            d.tick(1_000);
            assertEquals("", d.last.display().notice());
        }

        @Test
        void startPushesTheLimitsThenStartsTheDeviceSessionThenSendsAHeartbeat() {
            EngineDriver d = EngineDriver.beginner();
            d.hold(0, 300);
            StepResult r = d.start();
            assertTrue(r.state().sessionActive());
            assertEquals(List.of(new TableCommand.PushLimits(30, 120, 1_000), new TableCommand.StartSession(),
                    new TableCommand.Heartbeat()), r.commands());
            assertEquals(Phase.INVERTING, r.display().phase());
            assertEquals("Tilt back slowly to 20–30°.", r.display().nextAction());
            assertEquals(1, r.display().stepNumber());
            assertEquals(4, r.display().stepCount());
        }

        @Test
        void startIsRefusedWhenTheRoutineTiltsBeyondTheProfileAndSaysWhichRuleLimits() {
            EngineDriver d = new EngineDriver(EngineConfig.of(EngineDriver.twoBandRoutine(),
                    EngineDriver.profileCap(30, 120_000)));
            d.hold(0, 300);
            StepResult r = d.start();
            assertFalse(r.state().sessionActive());
            assertEquals("Cannot start: The routine 'two-band' tilts to 45°, but the angle is limited to 30° by"
                    + " your test profile.", r.display().notice());
        }

        @Test
        void anUnrunnableRoutineIsRejectedWhenTheEngineIsBuilt() {
            Routine noReturn = new Routine("bad", "", new RoutineLimits(30, 60_000, Optional.empty()),
                    List.of(new RoutineStep.Tilt(20, 30, ""), new RoutineStep.Hold(10_000, 20_000, "")));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SessionEngine(EngineConfig.of(noReturn, ProfileLimits.none())));
            assertTrue(e.getMessage().contains("the last step must be upright"), e.getMessage());
        }
    }

    @Nested
    class RoutineSteps {

        @Test
        void tiltCompletesWhenTheAngleEntersTheBand() {
            EngineDriver d = EngineDriver.beginner();
            d.hold(0, 300);
            d.start();
            d.ramp(0, 19, 1_900);
            assertEquals(Phase.INVERTING, d.last.display().phase());
            d.sample(20);
            assertEquals(Phase.HOLDING, d.last.display().phase());
            assertEquals(1, d.state.summary().stepsCompleted());
        }

        @Test
        void holdCountsDownOnlyWhileInsideTheBand() {
            Routine roomy = new Routine("roomy", "", new RoutineLimits(45, 300_000, Optional.empty()), List.of(
                    new RoutineStep.Tilt(20, 30, ""), new RoutineStep.Hold(60_000, 90_000, ""),
                    new RoutineStep.Rest(10_000, ""), new RoutineStep.Upright("")));
            EngineDriver d = new EngineDriver(EngineConfig.of(roomy, ProfileLimits.none())).startedAndInBand();
            // the hold began with the 20° sample of the ramp: 0.5 s held at the end of it
            d.hold(25, 10_000);
            assertEquals(49_500, d.last.display().stepRemainingMs());
            d.ramp(25, 35, 500);
            d.hold(35, 5_000); // above the band: no credit; the display says come up a little
            assertEquals("Come up a little, to 20–30°, and hold.", d.last.display().nextAction());
            // the ramp (27, 29, 31, 33, 35°) counts its intervals until the first sample above 30°
            assertEquals(49_200, d.last.display().stepRemainingMs());
            d.ramp(35, 25, 500); // 33, 31, 29, 27, 25°: the intervals after 29° and 27° count
            d.hold(25, 1_000);
            assertEquals(48_000, d.last.display().stepRemainingMs());
        }

        @Test
        void holdCountdownRunsOnTicksBetweenSamples() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.hold(25, 10_000);
            assertEquals(49_500, d.last.display().stepRemainingMs());
            d.tick(60);
            assertEquals(49_440, d.last.display().stepRemainingMs());
        }

        @Test
        void afterTheMinimumTheHoldCountsTowardsItsMaximumAndLeavingTheBandMovesOn() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.hold(25, 59_500); // with the 0.5 s at the end of the ramp: the 60 s minimum
            assertEquals(Phase.HOLDING, d.last.display().phase());
            assertEquals("Hold done: come up slowly to horizontal when you are ready.", d.last.display().nextAction());
            assertEquals(30_000, d.last.display().stepRemainingMs());
            d.ramp(25, 18, 700);
            assertEquals(Phase.RETURNING, d.last.display().phase());
            assertEquals("Come up slowly to horizontal, then rest.", d.last.display().nextAction());
        }

        @Test
        void leavingTheBandBeforeTheMinimumDoesNotEndTheHold() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.hold(25, 20_000);
            d.ramp(25, 15, 1_000);
            d.hold(15, 2_000);
            assertEquals(Phase.HOLDING, d.last.display().phase());
            assertEquals("Tilt back a little, to 20–30°, and hold.", d.last.display().nextAction());
        }

        @Test
        void holdEndsAtItsMaximumEvenInsideTheBand() {
            // A long time limit so the hold's own maximum is what ends it.
            Routine routine = new Routine("long", "", new RoutineLimits(30, 600_000, Optional.empty()), List.of(
                    new RoutineStep.Tilt(20, 30, ""), new RoutineStep.Hold(10_000, 20_000, ""),
                    new RoutineStep.Rest(10_000, ""), new RoutineStep.Upright("")));
            EngineDriver d = new EngineDriver(EngineConfig.of(routine, ProfileLimits.none())).startedAndInBand();
            d.hold(25, 19_400); // 0.5 s of the ramp + 19.4 s
            assertEquals(Phase.HOLDING, d.last.display().phase());
            d.sample(25);
            assertEquals(Phase.RETURNING, d.last.display().phase());
            assertEquals(2, d.state.summary().stepsCompleted());
        }

        @Test
        void holdEndsWhenTheTimeLimitIsNearEvenBeforeItsMaximum() {
            // 2 min limit: after 2.5 s tilting, the hold's 90 s maximum would end at about 92.5 s;
            // the time advisory starts at 105 s. Cap the profile at 70 s: the hold ends at 55 s inverted.
            EngineDriver d = new EngineDriver(EngineConfig.of(EngineDriver.beginnerRoutine(),
                    EngineDriver.profileCap(30, 75_000)));
            d.hold(0, 300);
            d.start();
            d.ramp(0, 25, 2_500);
            d.hold(25, 58_000);
            assertEquals(Phase.HOLDING, d.last.display().phase());
            d.hold(25, 2_000); // held 60 s: minimum reached, and time inverted is past 75 - 15 = 60 s
            assertEquals(Phase.RETURNING, d.last.display().phase());
        }

        @Test
        void restCountsOnlyNearHorizontalAndThenAsksToComeUpright() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.hold(25, 60_000);
            d.ramp(25, 0, 2_500);
            assertEquals(Phase.RESTING, d.last.display().phase());
            // the rest began when the ramp crossed below 5° (hysteresis): 0.4 s of it
            d.hold(0, 29_000);
            assertEquals(Phase.RESTING, d.last.display().phase());
            assertEquals(600, d.last.display().stepRemainingMs());
            d.hold(0, 500);
            assertEquals(Phase.RESTING, d.last.display().phase());
            d.sample(0);
            assertEquals(Phase.RETURNING, d.last.display().phase());
            assertEquals("Come upright slowly.", d.last.display().nextAction());
            d.ramp(0, -60, 3_000);
            assertEquals(Phase.COMPLETE, d.last.display().phase());
            assertEquals(SessionOutcome.COMPLETE, d.state.summary().outcome());
            assertEquals(4, d.state.summary().stepsCompleted());
            assertEquals(1, d.commandsOf(TableCommand.StopSession.class).size());
        }

        @Test
        void comingUprightBeforeTheClosingRestIsOverEndsTheSessionButNotAsComplete() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.hold(25, 60_000);
            d.ramp(25, 0, 2_500);
            d.hold(0, 5_000);
            d.ramp(0, -60, 3_000);
            assertEquals(Phase.ENDED, d.last.display().phase());
            assertEquals(SessionOutcome.ABORTED, d.state.summary().outcome());
            assertEquals(2, d.state.summary().stepsCompleted());
            assertEquals("You came upright before the rest near horizontal was over.", d.last.display().notice());
        }
    }

    @Nested
    class Hysteresis {

        @Test
        void invertedStartsAtTenDegreesAndEndsOnlyBelowFive() {
            EngineDriver d = EngineDriver.beginner();
            d.hold(0, 300);
            d.start();
            d.ramp(0, 9.9, 1_000);
            assertFalse(d.state.inverted());
            d.sample(10);
            assertTrue(d.state.inverted());
            d.ramp(10, 5, 1_000);
            assertTrue(d.state.inverted());
            for (int i = 0; i < 20; i++) {
                d.sample(i % 2 == 0 ? 6 : 9.5); // noise inside the band
            }
            assertTrue(d.state.inverted());
            assertEquals(1, d.state.summary().inversions());
            d.sample(4.9);
            assertFalse(d.state.inverted());
            d.sample(9.9);
            assertFalse(d.state.inverted());
            assertEquals(1, d.state.summary().inversions());
        }
    }

    @Nested
    class AngleLimits {

        @Test
        void fiveDegreesBelowTheAngleLimitRaisesAMediumAdvisory() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            assertTrue(d.active(AlarmReason.ANGLE_APPROACHING_LIMIT).isPresent()); // the ramp ends at 25°
            d.hold(22, 500);
            assertTrue(d.active(AlarmReason.ANGLE_APPROACHING_LIMIT).isEmpty());
            StepResult r = d.sample(25);
            Alarm a = d.active(AlarmReason.ANGLE_APPROACHING_LIMIT).orElseThrow();
            assertEquals(AlarmPriority.MEDIUM, a.priority());
            assertEquals("Tilt no further: 25° is close to your 30° limit.", a.message());
            assertEquals(LimitStatus.APPROACHING_LIMIT, r.display().limitStatus());
            assertTrue(r.commands().contains(new TableCommand.SoundAlarm(AlarmPriority.MEDIUM)));
        }

        @Test
        void aboveTheAngleLimitRaisesHighReturnNowAndSoundsTheHighPattern() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            StepResult r = d.sample(30.5);
            Alarm a = d.active(AlarmReason.ANGLE_LIMIT).orElseThrow();
            assertEquals(AlarmPriority.HIGH, a.priority());
            assertEquals("Return to horizontal now: 30.5° is above your 30° limit, set by the routine 'beginner'.",
                    a.message());
            assertEquals(d.now, a.raisedAtMs());
            assertTrue(r.commands().contains(new TableCommand.SoundAlarm(AlarmPriority.HIGH)));
            assertFalse(r.commands().contains(new TableCommand.ReturnToUpright()), "not motorised");
            assertEquals(Phase.ALARM, r.display().phase());
            assertEquals(a.message(), r.display().nextAction());
            assertEquals(LimitStatus.AT_LIMIT, r.display().limitStatus());
        }

        @Test
        void onAMotorisedTableTheHighAlarmAlsoCommandsReturnToUpright() {
            EngineDriver d = EngineDriver.beginner();
            d.motorised = true;
            d.startedAndInBand();
            StepResult r = d.sample(31);
            assertTrue(r.commands().contains(new TableCommand.ReturnToUpright()), r.commands().toString());
        }

        @Test
        void theHighAngleAlarmClearsOnlyWhenTheAngleIsBackBelowTheLimitByTheHysteresis() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.sample(31);
            d.sample(29.5);
            assertTrue(d.active(AlarmReason.ANGLE_LIMIT).isPresent(), "29.5° is within 1° of the limit");
            d.fault = true;
            d.sample(20);
            assertTrue(d.active(AlarmReason.ANGLE_LIMIT).isPresent(), "an untrusted reading clears nothing");
            d.fault = false;
            StepResult r = d.sample(28.9);
            assertTrue(d.active(AlarmReason.ANGLE_LIMIT).isEmpty());
            assertEquals(1, r.alarmsCleared().stream().filter(a -> a.reason() == AlarmReason.ANGLE_LIMIT).count());
        }

        @Test
        void aHighAlarmAbandonsTheRoutineAndTheWayOutIsHorizontalRestThenUpright() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.sample(31);
            d.ramp(31, 20, 1_100);
            assertEquals(Phase.RETURNING, d.last.display().phase());
            assertEquals("Come up slowly to horizontal.", d.last.display().nextAction());
            assertEquals("Come up to horizontal", d.last.display().stepName());
            d.ramp(20, 0, 2_000);
            assertEquals(Phase.RESTING, d.last.display().phase());
            assertEquals("Rest near horizontal before coming upright.", d.last.display().nextAction());
            d.hold(0, 30_000);
            assertEquals("Come upright slowly.", d.last.display().nextAction());
            d.ramp(0, -60, 3_000);
            assertEquals(Phase.ENDED, d.last.display().phase());
            SessionSummary summary = d.state.summary();
            assertEquals(SessionOutcome.ABORTED, summary.outcome());
            assertFalse(summary.withinLimits());
            assertEquals(1, summary.highAlarms());
        }

        @Test
        void tableCapabilitiesLowerTheAngleLimitNameTheTableAndArePushedDuringASession() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            StepResult r = d.feed(new EngineEvent.TableCapabilities(-80, 27, false));
            assertEquals(27, r.display().limits().maxAngle().maxAngleDeg());
            assertEquals(LimitSource.TABLE, r.display().limits().maxAngle().source());
            assertEquals("Angle limited to 27° by the table (it reaches 27°)", r.display().limitExplanations().get(0));
            assertTrue(r.commands().contains(new TableCommand.PushLimits(27, 120, 1_000)));
        }
    }

    @Nested
    class TimeLimits {

        @Test
        void fifteenSecondsBeforeTheTimeLimitALowAdvisoryThenHighAtTheLimit() {
            EngineDriver d = new EngineDriver(EngineConfig.of(EngineDriver.beginnerRoutine(),
                    EngineDriver.profileCap(30, 60_000)));
            d.hold(0, 300);
            d.start();
            d.ramp(0, 22, 2_200); // inverted from the 10° sample, at the 10th sample of the ramp
            long invertedAt = d.now - 1_200;
            d.hold(22, 60_000);
            List<EngineDriver.Timed<Alarm>> advisories = d.raisedOf(AlarmReason.TIME_APPROACHING_LIMIT);
            assertEquals(1, advisories.size());
            assertEquals(invertedAt + 45_000, advisories.get(0).atMs());
            assertEquals(AlarmPriority.LOW, advisories.get(0).value().priority());
            assertEquals("15 s of inversion left: get ready to come up.", advisories.get(0).value().message());
            List<EngineDriver.Timed<Alarm>> limits = d.raisedOf(AlarmReason.TIME_LIMIT);
            assertEquals(1, limits.size());
            assertEquals(invertedAt + 60_000, limits.get(0).atMs());
            assertTrue(d.active(AlarmReason.TIME_APPROACHING_LIMIT).isEmpty(), "replaced by the limit");
            assertEquals(LimitSource.PROFILE, d.last.display().limits().maxTimeInverted().source());
        }

        @Test
        void theTimeLimitClearsOnlyWhenTheUserIsNoLongerInverted() {
            EngineDriver d = new EngineDriver(EngineConfig.of(EngineDriver.beginnerRoutine(),
                    EngineDriver.profileCap(30, 60_000)));
            d.hold(0, 300);
            d.start();
            d.ramp(0, 22, 2_200);
            d.hold(22, 62_000);
            d.ramp(22, 6, 1_600);
            assertTrue(d.active(AlarmReason.TIME_LIMIT).isPresent(), "6° is still inverted (hysteresis)");
            d.sample(4);
            assertTrue(d.active(AlarmReason.TIME_LIMIT).isEmpty());
        }

        @Test
        void continuousTimeAboveTheRoutineAngleHasItsOwnAdvisoryAndLimit() {
            EngineDriver d = new EngineDriver(EngineConfig.of(EngineDriver.twoBandRoutine(), ProfileLimits.none()));
            d.hold(0, 300);
            d.start();
            d.ramp(0, 25, 2_500);
            d.hold(25, 30_000);
            d.ramp(25, 40, 1_500); // reaches 35° at the 10th sample
            long aboveFrom = d.now - 500;
            d.hold(40, 60_000);
            assertEquals(aboveFrom + 45_000, d.raisedOf(AlarmReason.CONTINUOUS_TIME_APPROACHING_LIMIT).get(0).atMs());
            assertEquals(aboveFrom + 60_000, d.raisedOf(AlarmReason.CONTINUOUS_TIME_LIMIT).get(0).atMs());
            d.sample(33.9);
            assertTrue(d.active(AlarmReason.CONTINUOUS_TIME_LIMIT).isEmpty());
        }
    }

    @Nested
    class SensorTrust {

        @Test
        void aSilentSensorWhileInvertedRaisesHighOnTheFirstTickAfterTheStaleTimeout() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            long lastSample = d.now;
            d.tick(500);
            assertTrue(d.active(AlarmReason.SENSOR_SILENT).isEmpty(), "500 ms is not longer than the timeout");
            assertEquals(LimitStatus.APPROACHING_LIMIT, d.last.display().limitStatus());
            StepResult r = d.tick(1);
            Alarm a = d.active(AlarmReason.SENSOR_SILENT).orElseThrow();
            assertEquals(AlarmPriority.HIGH, a.priority());
            assertEquals(lastSample + 501, a.raisedAtMs());
            assertEquals("Return to horizontal now: no data from the table's sensor for 501 ms.", a.message());
            assertTrue(r.display().dataStale());
            assertEquals(LimitStatus.UNKNOWN, r.display().limitStatus());
            assertEquals(Phase.ALARM, r.display().phase());
        }

        @Test
        void theSilentSensorAlarmClearsWithTheNextSample() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.tick(800);
            assertTrue(d.active(AlarmReason.SENSOR_SILENT).isPresent());
            d.sample(25);
            assertTrue(d.active(AlarmReason.SENSOR_SILENT).isEmpty());
            assertEquals(Phase.RETURNING, d.last.display().phase(), "the routine stays abandoned");
        }

        @Test
        void aSilentSensorWhileIdleAndLevelRaisesNothingButTheDisplayIsStale() {
            EngineDriver d = EngineDriver.beginner();
            d.hold(0, 300);
            StepResult r = d.tick(2_000);
            assertEquals(List.of(), r.state().activeAlarms());
            assertTrue(r.display().dataStale());
            assertEquals(LimitStatus.UNKNOWN, r.display().limitStatus());
            assertEquals(Phase.IDLE, r.display().phase());
            assertEquals("No data from the table's sensor.", r.display().nextAction());
        }

        @Test
        void anImplausibleJumpWhileInvertedRaisesHighAndClearsTwoSecondsAfterTheLastJump() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.sample(25);
            d.sample(29.5); // 4.5° in 100 ms = 45°/s: plausible
            assertTrue(d.active(AlarmReason.IMPLAUSIBLE_MOTION).isEmpty());
            d.sample(22);
            d.sample(12); // 10° in 100 ms = 100°/s
            long jumpAt = d.now;
            Alarm a = d.active(AlarmReason.IMPLAUSIBLE_MOTION).orElseThrow();
            assertEquals(AlarmPriority.HIGH, a.priority());
            assertTrue(d.state.inverted(), "an implausible reading does not change the inverted state");
            d.hold(12, 1_900);
            assertTrue(d.active(AlarmReason.IMPLAUSIBLE_MOTION).isPresent());
            d.sample(12);
            assertEquals(jumpAt + 2_000, d.now);
            assertTrue(d.active(AlarmReason.IMPLAUSIBLE_MOTION).isEmpty());
        }

        @Test
        void sensorNoiseAtOneHundredHertzIsNotImplausible() {
            EngineDriver d = EngineDriver.beginner();
            d.periodMs = 10;
            d.startedAndInBand();
            for (int i = 0; i < 500; i++) {
                d.sample(25 + ((i * 7919) % 21 - 10) / 10.0); // ±1° noise every 10 ms
            }
            assertTrue(d.raisedOf(AlarmReason.IMPLAUSIBLE_MOTION).isEmpty());
        }

        @Test
        void theFaultFlagWhileInvertedRaisesHighAndClearsWhenTheFlagClears() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.fault = true;
            StepResult r = d.sample(25);
            assertEquals(AlarmPriority.HIGH, d.active(AlarmReason.SENSOR_FAULT).orElseThrow().priority());
            assertEquals(LimitStatus.UNKNOWN, r.display().limitStatus());
            d.fault = false;
            d.sample(25);
            assertTrue(d.active(AlarmReason.SENSOR_FAULT).isEmpty());
        }

        @Test
        void anAngleThatIsNotANumberIsAFault() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.sample(Double.NaN);
            assertEquals(AlarmPriority.HIGH, d.active(AlarmReason.SENSOR_FAULT).orElseThrow().priority());
            assertTrue(Double.isNaN(d.last.display().angleDeg()));
        }

        @Test
        void aFaultWhileLevelInASessionIsMediumAndRisesToHighIfTheUserInverts() {
            EngineDriver d = EngineDriver.beginner();
            d.hold(0, 300);
            d.start();
            d.fault = true;
            d.sample(0);
            assertEquals(AlarmPriority.MEDIUM, d.active(AlarmReason.SENSOR_FAULT).orElseThrow().priority());
            d.sample(15); // an untrusted 15° reading: possibly inverted
            assertEquals(AlarmPriority.HIGH, d.active(AlarmReason.SENSOR_FAULT).orElseThrow().priority());
            d.sample(0);
            assertEquals(AlarmPriority.HIGH, d.active(AlarmReason.SENSOR_FAULT).orElseThrow().priority(),
                    "a raised alarm never falls while its condition lasts");
        }

        @Test
        void lostSamplesPilingUpWhileInvertedRaiseHighButOccasionalGapsDoNot() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            for (int i = 0; i < 30; i++) { // one lost sample per second leaks away (2 per second)
                d.sequence++;
                d.hold(25, 1_000);
            }
            assertTrue(d.raisedOf(AlarmReason.SEQUENCE_GAPS).isEmpty());
            for (int i = 0; i < 4; i++) { // three lost samples in every 100 ms
                d.sequence += 3;
                d.sample(25);
            }
            assertEquals(AlarmPriority.HIGH, d.active(AlarmReason.SEQUENCE_GAPS).orElseThrow().priority());
            assertEquals(30 + 12, d.state.summary().missingSamples());
            d.hold(25, 3_000); // the level was 11.4: after 3 s it is 5.4, still above half of 10
            assertTrue(d.active(AlarmReason.SEQUENCE_GAPS).isPresent());
            d.hold(25, 300);
            assertTrue(d.active(AlarmReason.SEQUENCE_GAPS).isEmpty(), "it leaks below half the level");
        }

        @Test
        void duplicatedAndLateSamplesAreDiscardedAndCounted() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            long before = d.state.summary().timeInvertedMs();
            d.now += 100;
            d.feed(new EngineEvent.SampleReceived(new Sample(d.sequence, d.deviceTimeMs, d.now, 25, 0,
                    true, true, false, false)));
            d.feed(new EngineEvent.SampleReceived(new Sample(d.sequence - 3, d.deviceTimeMs - 300, d.now, 25, 0,
                    true, true, false, false)));
            assertEquals(2, d.state.summary().discardedSamples());
            assertEquals(before, d.state.summary().timeInvertedMs());
            d.sample(25);
            assertEquals(before + 200, d.state.summary().timeInvertedMs());
        }

        @Test
        void aDeviceRestartIsAcceptedRatherThanDiscarded() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.sequence = -1; // the device restarts: sequence and clock begin again
            d.deviceTimeMs = 0;
            d.sample(25);
            d.sample(25);
            assertEquals(0, d.state.summary().discardedSamples());
            assertTrue(d.raisedOf(AlarmReason.SEQUENCE_GAPS).isEmpty());
        }

        @Test
        void aSequenceNumberFarBehindIsARestartOfTheNumberingNotAStall() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.sequence -= 40_000; // the counter jumps back while the device clock runs on
            d.sample(25);
            d.sample(24);
            assertEquals(0, d.state.summary().discardedSamples());
            assertEquals(24, d.last.display().angleDeg());
        }

        @Test
        void aDiscardedSampleAboveTheLimitStillRaisesTheHighAlarm() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.now += 100;
            StepResult r = d.feed(new EngineEvent.SampleReceived(new Sample(d.sequence - 2, d.deviceTimeMs - 200,
                    d.now, 33, 0, true, true, false, false)));
            assertEquals(1, r.state().summary().discardedSamples());
            assertEquals(AlarmPriority.HIGH, d.active(AlarmReason.ANGLE_LIMIT).orElseThrow().priority());
        }

        @Test
        void aHugeForwardJumpInTheSequenceRaisesTheGapAlarmButItClearsWithinSeconds() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.sequence += 30_000;
            d.sample(25);
            assertEquals(AlarmPriority.HIGH, d.active(AlarmReason.SEQUENCE_GAPS).orElseThrow().priority());
            d.hold(25, 8_000); // the counter holds at most 20, leaks 2 per second, clears below 5
            assertTrue(d.active(AlarmReason.SEQUENCE_GAPS).isEmpty());
        }

        @Test
        void theAnkleLockOpeningWhileInvertedRaisesHigh() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.secured = false;
            d.sample(25);
            Alarm a = d.active(AlarmReason.NOT_SECURED).orElseThrow();
            assertEquals(AlarmPriority.HIGH, a.priority());
            assertEquals("Ankle lock open while inverted: hold on and return to horizontal now.", a.message());
        }
    }

    @Nested
    class CheckIns {

        private EngineDriver steep() {
            Routine routine = new Routine("steep", "", new RoutineLimits(60, 300_000, Optional.empty()), List.of(
                    new RoutineStep.Tilt(45, 55, ""), new RoutineStep.Hold(150_000, 200_000, ""),
                    new RoutineStep.Rest(10_000, ""), new RoutineStep.Upright("")));
            EngineDriver d = new EngineDriver(EngineConfig.of(routine, ProfileLimits.none()));
            d.hold(0, 300);
            d.start();
            d.ramp(0, 50, 4_000);
            return d;
        }

        @Test
        void motionlessAtASteepAngleAsksForACheckInThenEscalatesToHighWhenUnanswered() {
            EngineDriver d = steep();
            long still = d.now;
            d.hold(50, 59_900);
            assertTrue(d.active(AlarmReason.CHECK_IN).isEmpty());
            d.sample(50);
            Alarm ask = d.active(AlarmReason.CHECK_IN).orElseThrow();
            assertEquals(AlarmPriority.MEDIUM, ask.priority());
            assertEquals(still + 60_000, ask.raisedAtMs());
            assertEquals("Are you all right? Move a little or press Check-in.", ask.message());
            d.hold(50, 20_000);
            Alarm high = d.active(AlarmReason.CHECK_IN).orElseThrow();
            assertEquals(AlarmPriority.HIGH, high.priority());
            assertEquals(ask.raisedAtMs() + 20_000, high.raisedAtMs());
        }

        @Test
        void pressingCheckInAnswersIt() {
            EngineDriver d = steep();
            d.hold(50, 61_000);
            assertTrue(d.active(AlarmReason.CHECK_IN).isPresent());
            d.action(Kind.CHECK_IN);
            assertTrue(d.active(AlarmReason.CHECK_IN).isEmpty());
        }

        @Test
        void smallMovementsKeepTheCheckInAway() {
            EngineDriver d = steep();
            for (int i = 0; i < 10; i++) {
                d.hold(50, 20_000);
                d.hold(51.5, 100);
            }
            assertTrue(d.raisedOf(AlarmReason.CHECK_IN).isEmpty());
        }
    }

    @Nested
    class Link {

        @Test
        void linkLostWhileInvertedRaisesHighAndInterrupts() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            StepResult r = d.feed(new EngineEvent.LinkLost("BLE disconnected"));
            assertEquals(Phase.INTERRUPTED, r.display().phase());
            Alarm a = d.active(AlarmReason.LINK_LOST).orElseThrow();
            assertEquals(AlarmPriority.HIGH, a.priority());
            assertEquals("Connection to the table lost (BLE disconnected): return to horizontal now.", a.message());
            assertTrue(r.display().dataStale());
            assertEquals(LimitStatus.UNKNOWN, r.display().limitStatus());
            d.tick(5_000);
            assertTrue(d.active(AlarmReason.SENSOR_SILENT).isEmpty(), "the link loss says it already");
            assertTrue(d.commandsOf(TableCommand.Heartbeat.class).stream().noneMatch(t -> t.atMs() > r.state().summary().startedAtMs() + 10_000),
                    "no heartbeats into a lost link");
        }

        @Test
        void afterTheLinkReturnsLimitsArePushedAgainAndTheSessionEndsInterruptedThroughAReturn() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.feed(new EngineEvent.LinkLost("serial port closed"));
            d.tick(3_000);
            StepResult r = d.feed(new EngineEvent.LinkRestored());
            assertEquals(new TableCommand.PushLimits(30, 120, 1_000), r.commands().get(0));
            assertTrue(d.active(AlarmReason.LINK_LOST).isPresent(), "clears only with fresh data");
            d.sample(25);
            assertTrue(d.active(AlarmReason.LINK_LOST).isEmpty());
            assertEquals(Phase.RETURNING, d.last.display().phase());
            d.ramp(25, 0, 2_500);
            d.hold(0, 30_000);
            d.ramp(0, -60, 3_000);
            assertEquals(Phase.ENDED, d.last.display().phase());
            assertEquals(SessionOutcome.INTERRUPTED, d.state.summary().outcome());
        }

        @Test
        void linkLostBeforeTheUserInvertedEndsTheSessionAtOnceAsInterrupted() {
            EngineDriver d = EngineDriver.beginner();
            d.hold(0, 300);
            d.start();
            StepResult r = d.feed(new EngineEvent.LinkLost("gone"));
            assertEquals(SessionOutcome.INTERRUPTED, r.state().summary().outcome());
            assertEquals(Phase.ENDED, r.display().phase());
            assertTrue(r.commands().contains(new TableCommand.StopSession()));
            assertEquals(List.of(), r.state().activeAlarms(), "level and no session: nothing to alarm about");
            assertEquals("Session interrupted: the connection to the table was lost. Step off carefully.",
                    r.display().nextAction());
        }

        @Test
        void stopWhileTheLinkIsLostEndsTheRecordAsInterruptedButTheAlarmStays() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.feed(new EngineEvent.LinkLost("gone"));
            StepResult r = d.action(Kind.STOP);
            assertEquals(SessionOutcome.INTERRUPTED, r.state().summary().outcome());
            assertEquals(AlarmPriority.HIGH, d.active(AlarmReason.LINK_LOST).orElseThrow().priority(),
                    "the user was last seen inverted: never reported safe");
        }
    }

    @Nested
    class UserActions {

        @Test
        void stopWhileInvertedGuidesBackThroughRestAndUprightBeforeEnding() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            d.hold(25, 10_000);
            StepResult r = d.action(Kind.STOP);
            assertTrue(r.state().sessionActive(), "a session ends only through a return");
            assertEquals(Phase.RETURNING, r.display().phase());
            assertEquals("Stopping: come up slowly to horizontal, rest, then come upright.", r.display().notice());
            d.ramp(25, 0, 2_500);
            d.hold(0, 30_000);
            d.ramp(0, -60, 3_000);
            assertEquals(SessionOutcome.ABORTED, d.state.summary().outcome());
            assertTrue(d.state.summary().withinLimits());
        }

        @Test
        void stopBeforeInvertingEndsAtOnce() {
            EngineDriver d = EngineDriver.beginner();
            d.hold(0, 300);
            d.start();
            StepResult r = d.action(Kind.STOP);
            assertFalse(r.state().sessionActive());
            assertEquals(SessionOutcome.ABORTED, r.state().summary().outcome());
            assertEquals(Phase.ENDED, r.display().phase());
        }

        @Test
        void acknowledgeSilencesAdvisoriesButNeverAHighAlarm() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            assertEquals(Optional.of(AlarmPriority.MEDIUM), d.last.display().sounding());
            StepResult r = d.action(Kind.ACKNOWLEDGE);
            assertEquals(List.of(new TableCommand.SilenceAlarm()), r.commands());
            assertEquals(Optional.empty(), r.display().sounding());
            assertEquals(1, r.display().activeAlarms().size(), "acknowledged, still shown");
            d.sample(31);
            d.action(Kind.ACKNOWLEDGE);
            assertEquals(Optional.of(AlarmPriority.HIGH), d.last.display().sounding());
        }

        @Test
        void heartbeatsGoOutOnTicksAtTheFixedPeriodOnlyDuringASession() {
            EngineDriver d = EngineDriver.beginner();
            d.hold(0, 300);
            for (int i = 0; i < 10; i++) {
                d.tick(100);
            }
            assertTrue(d.commandsOf(TableCommand.Heartbeat.class).isEmpty());
            d.sample(0);
            d.start();
            long started = d.now;
            for (int i = 0; i < 10; i++) {
                d.tick(100);
            }
            List<Long> times = d.commandsOf(TableCommand.Heartbeat.class).stream().map(EngineDriver.Timed::atMs).toList();
            assertEquals(List.of(started, started + 300, started + 600, started + 900), times);
        }
    }

    @Nested
    class Purity {

        @Test
        void steppingTheSameStateWithTheSameEventGivesTheSameResultAndLeavesTheInputAlone() {
            EngineDriver d = EngineDriver.beginner().startedAndInBand();
            SessionState before = d.state;
            String beforeText = before.toString();
            SessionSummary beforeSummary = before.summary();
            EngineEvent e = new EngineEvent.SampleReceived(new Sample(d.sequence + 1, d.deviceTimeMs + 100,
                    d.now + 100, 31, 0, true, true, false, false));
            StepResult a = d.engine.step(before, e, d.now + 100);
            StepResult b = d.engine.step(before, e, d.now + 100);
            assertEquals(a.display(), b.display());
            assertEquals(a.commands(), b.commands());
            assertEquals(a.alarmsRaised(), b.alarmsRaised());
            assertEquals(a.state().summary(), b.state().summary());
            assertEquals(beforeText, before.toString());
            assertEquals(beforeSummary, before.summary());
            assertNotEquals(before.phase(), a.state().phase());
        }
    }
}
