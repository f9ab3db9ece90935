package dev.hangtime.store;

import dev.hangtime.engine.Alarm;
import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.AlarmReason;
import dev.hangtime.engine.Phase;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.SessionOutcome;
import dev.hangtime.engine.TableCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Builds small stores with known content for the export and CLI tests. */
public final class StoreFixture {

    private StoreFixture() {
    }

    /**
     * Two sessions: #1 on {@link TestSessions#START}, complete, {@code samples} samples, a MEDIUM alarm
     * raised at +2.5 s and cleared at +4 s, two commands and two phase changes; #2 a day later, aborted
     * after 3 samples, the second without an angle (sensor fault), with a HIGH angle-limit alarm.
     */
    public static void twoSessions(Path file, int samples) {
        try (SessionStore store = SessionStore.open(file, Clock.fixed(TestSessions.START, ZoneOffset.UTC), 2_000)) {
            long startMs = TestSessions.START.toEpochMilli();
            SessionRecorder first = store.beginSession(TestSessions.start(TestSessions.START));
            first.recordStateChange(Phase.READY, Phase.INVERTING, startMs);
            first.recordCommand(new TableCommand.PushLimits(45.0, 180, 1_000), "SUCCESS", startMs + 1);
            for (int i = 0; i < samples; i++) {
                first.recordSample(TestSessions.sample(i, startMs));
            }
            Alarm advisory = new Alarm(AlarmReason.ANGLE_APPROACHING_LIMIT, AlarmPriority.MEDIUM,
                    "Ease back, \"41°\" is close to your 45° limit", startMs + 2_500);
            first.recordAlarmRaised(advisory, startMs + 2_500);
            first.recordAlarmCleared(advisory, startMs + 4_000);
            first.recordCommand(new TableCommand.SoundAlarm(AlarmPriority.MEDIUM), "NOT_SUPPORTED", startMs + 2_501);
            first.recordStateChange(Phase.INVERTING, Phase.HOLDING, startMs + 2_000);
            first.finish(TestSessions.summary(SessionOutcome.COMPLETE, startMs,
                    startMs + Math.max(1, samples) * TestSessions.PERIOD_MS)).get(30, TimeUnit.SECONDS);

            Instant secondStart = TestSessions.START.plusSeconds(86_400);
            long secondMs = secondStart.toEpochMilli();
            SessionRecorder second = store.beginSession(new SessionStart("=evening, \"decompression\"",
                    "beginner, week 1 of 2", TestSessions.limits(), "sim", secondStart));
            second.recordSample(TestSessions.sample(0, secondMs));
            second.recordSample(new Sample(1, 1_020, secondMs + 20, Double.NaN, 0, true, true, false, true));
            second.recordSample(new Sample(2, 1_040, secondMs + 40, 46.5, 0, true, true, false, false));
            second.recordAlarmRaised(new Alarm(AlarmReason.ANGLE_LIMIT, AlarmPriority.HIGH, "Return now", secondMs + 40),
                    secondMs + 40);
            second.finish(new dev.hangtime.engine.SessionSummary(SessionOutcome.ABORTED, secondMs, secondMs + 60, 40, 0,
                    40, 0, 46.5, 1, 0, 0, 1, 0, 3, false, 0, 0)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the fixture store could not be written", e);
        }
    }
}
