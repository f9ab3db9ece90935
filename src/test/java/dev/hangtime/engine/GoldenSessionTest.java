package dev.hangtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Scripted sessions replayed through the engine at 10 Hz with the session loop's ticks in between,
 * asserting the exact summary, every alarm with its time, and the commands sent. The expected
 * numbers are worked out in the comments from the script, not read back from the engine.
 */
class GoldenSessionTest {

    private static final long T0 = 1_000_000;

    /** Beginner-style routine with the band kept 5° under the 30° cap, as the built-in one does. */
    private static Routine beginner() {
        return new Routine("beginner", "golden", new RoutineLimits(30, 120_000, Optional.empty()), List.of(
                new RoutineStep.Tilt(20, 25, ""),
                new RoutineStep.Hold(60_000, 90_000, ""),
                new RoutineStep.Rest(30_000, ""),
                new RoutineStep.Upright("")));
    }

    private static EngineDriver driver(boolean motorised) {
        EngineDriver d = new EngineDriver(EngineConfig.of(beginner(), ProfileLimits.none()));
        d.midTicks = true;
        d.motorised = motorised;
        d.hold(0, 500);           // samples at T0+100..T0+500
        d.start();                // at T0+500
        d.ramp(0, 22, 2_200);     // 1..22° at T0+600..T0+2700: inverted at 10° (T0+1500), band at 20° (T0+2500)
        return d;
    }

    private static String alarmLog(EngineDriver d) {
        StringBuilder b = new StringBuilder();
        for (EngineDriver.Timed<Alarm> t : d.raised) {
            b.append('+').append(t.atMs() - T0).append(' ').append(t.value().reason()).append(' ')
                    .append(t.value().priority()).append('\n');
        }
        for (EngineDriver.Timed<Alarm> t : d.cleared) {
            b.append('-').append(t.atMs() - T0).append(' ').append(t.value().reason()).append('\n');
        }
        return b.toString();
    }

    private static List<String> commandLog(EngineDriver d) {
        return d.commands.stream().filter(t -> !(t.value() instanceof TableCommand.Heartbeat))
                .map(t -> (t.atMs() - T0) + " " + t.value()).toList();
    }

    private static void assertHeartbeatsKeptTheWatchdogQuiet(EngineDriver d, long startedAt, long endedAt) {
        List<Long> beats = d.commandsOf(TableCommand.Heartbeat.class).stream().map(EngineDriver.Timed::atMs).toList();
        assertEquals(startedAt, beats.get(0));
        for (int i = 1; i < beats.size(); i++) {
            long gap = beats.get(i) - beats.get(i - 1);
            assertTrue(gap >= 250 && gap <= 300, "heartbeat gap " + gap + " at " + beats.get(i));
        }
        assertTrue(beats.get(beats.size() - 1) <= endedAt && endedAt - beats.get(beats.size() - 1) <= 300);
    }

    @Test
    void compliantBeginnerSessionCompletesWithExactTotalsAndNoAlarm() {
        EngineDriver d = driver(false);
        d.hold(22, 60_000);       // T0+2800..T0+62700: the hold's 60 s minimum is reached at T0+62500
        d.ramp(22, 0, 2_200);     // 21..0° at T0+62800..T0+64900: band left at 19° (T0+63000), not inverted at 4° (T0+64500)
        d.hold(0, 30_000);        // T0+65000..T0+94900: the rest began at T0+64500, is done at T0+94500
        d.ramp(0, -60, 3_000);    // -2..-60° from T0+95000: upright (-30°) at T0+96400

        SessionSummary s = d.state.summary();
        assertEquals(new SessionSummary(SessionOutcome.COMPLETE, T0 + 500, T0 + 96_400,
                63_000, 63_000, 0, 0, 22.0, 1, 0, 0, 0, 4, 4, true, 0, 0), s);
        assertEquals("", alarmLog(d));
        assertEquals(List.of(
                "500 PushLimits[maxAngleDeg=30.0, maxTimeInvertedS=120, heartbeatTimeoutMs=1000]",
                "500 StartSession[]",
                "96400 StopSession[]"), commandLog(d));
        assertHeartbeatsKeptTheWatchdogQuiet(d, T0 + 500, T0 + 96_400);
        assertEquals(Phase.COMPLETE, d.last.display().phase());
    }

    @Test
    void overshootRaisesTheAdvisoryThenHighWithReturnToUprightAndEndsThroughTheReturn() {
        EngineDriver d = driver(true);
        d.hold(22, 20_000);       // T0+2800..T0+22700
        d.ramp(22, 32, 10_000);   // +0.1° per sample from T0+22800: 25.0° at T0+25700, 30.1° at T0+30800
        d.ramp(32, 0, 3_200);     // 31..0° at T0+32800..T0+35900: 29° at T0+33000, 23° at T0+33600, 4° at T0+35500
        d.hold(0, 30_000);        // T0+36000..T0+65900: the way-out rest began at T0+35500, done at T0+65500
        d.ramp(0, -60, 3_000);    // upright (-30°) at T0+67400

        assertEquals("""
                +25700 ANGLE_APPROACHING_LIMIT MEDIUM
                +30800 ANGLE_LIMIT HIGH
                +33000 ANGLE_APPROACHING_LIMIT MEDIUM
                -30800 ANGLE_APPROACHING_LIMIT
                -33000 ANGLE_LIMIT
                -33600 ANGLE_APPROACHING_LIMIT
                """, alarmLog(d));
        assertEquals(List.of(
                "500 PushLimits[maxAngleDeg=30.0, maxTimeInvertedS=120, heartbeatTimeoutMs=1000]",
                "500 StartSession[]",
                "25700 SoundAlarm[priority=MEDIUM]",
                "30800 ReturnToUpright[]",
                "30800 SoundAlarm[priority=HIGH]",
                "33000 SoundAlarm[priority=MEDIUM]",
                "33600 SilenceAlarm[]",
                "67400 StopSession[]"), commandLog(d));
        // Inverted from T0+1500 to T0+35500: 34 s. At 30° or more: the samples 30.0..32.0° going up
        // (21 intervals) and 31°, 30° coming down (2): 2.3 s.
        assertEquals(new SessionSummary(SessionOutcome.ABORTED, T0 + 500, T0 + 67_400,
                34_000, 31_700, 2_300, 0, 32.0, 1, 0, 2, 1, 1, 4, false, 0, 0), d.state.summary());
        assertEquals(Phase.ENDED, d.last.display().phase());
    }

    @Test
    void overstayRaisesTheTimeAdvisoryFifteenSecondsBeforeTheLimitThenHigh() {
        EngineDriver d = driver(false);
        d.hold(22, 125_000);      // T0+2800..T0+127700
        d.ramp(22, 0, 2_200);     // 4° at T0+129500: no longer inverted
        d.hold(0, 30_000);
        d.ramp(0, -60, 3_000);

        // Inverted from T0+1500: 105 s inverted at T0+106500, 120 s at T0+121500.
        // The hold's 90 s maximum (begun at T0+2500) ended the step at T0+92500: the user stayed anyway.
        assertEquals("""
                +106500 TIME_APPROACHING_LIMIT LOW
                +121500 TIME_LIMIT HIGH
                -121500 TIME_APPROACHING_LIMIT
                -129500 TIME_LIMIT
                """, alarmLog(d));
        SessionSummary s = d.state.summary();
        assertEquals(128_000, s.timeInvertedMs());
        assertEquals(SessionOutcome.ABORTED, s.outcome());
        assertEquals(2, s.stepsCompleted());
        assertEquals(1, s.lowAlarms());
        assertEquals(1, s.highAlarms());
        assertEquals(false, s.withinLimits());
    }
}
