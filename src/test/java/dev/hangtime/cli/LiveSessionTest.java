package dev.hangtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.device.DeviceSpec;
import dev.hangtime.device.LinkOptions;
import dev.hangtime.engine.EngineConfig;
import dev.hangtime.engine.ProfileLimits;
import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineLimits;
import dev.hangtime.engine.RoutineStep;
import dev.hangtime.engine.SessionOutcome;
import dev.hangtime.session.DisplaySnapshot;
import dev.hangtime.session.SessionLoop;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import dev.hangtime.store.SessionArchive;
import dev.hangtime.store.SessionStatus;
import dev.hangtime.store.StoredSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole of {@code hangtime run} on the built-in simulator, faster than real time, without the web. */
class LiveSessionTest {

    /** Fits the quick-session user: tilt to 23°, hold 15 s, come up, rest 6 s, stand (a beginner may run it). */
    static Routine quickRoutine() {
        return new Routine("quick", "fits the quick-session scenario",
                new RoutineLimits(30, 60_000, Optional.empty()), List.of(
                new RoutineStep.Tilt(20, 25, ""),
                new RoutineStep.Hold(10_000, 14_000, ""),
                new RoutineStep.Rest(5_000, ""),
                new RoutineStep.Upright("")));
    }

    /** The quick-session scenario from the test resources. */
    static dev.hangtime.simulator.scenario.Scenario quickScenario() throws Exception {
        Path file = Path.of(LiveSessionTest.class.getResource("quick-session.yaml").toURI());
        return ScenarioLoader.loadFile(file, "quick-session.yaml");
    }

    @TempDir
    Path dir;

    /** Each change of phase, instruction, notice or alarm, for a failure message. */
    static String transitions(List<DisplaySnapshot> shown) {
        StringBuilder text = new StringBuilder();
        String last = "";
        for (DisplaySnapshot s : shown) {
            String now = (s.angleDeg() == null ? "-" : String.valueOf(Math.round(s.angleDeg() / 10) * 10)) + " " + s.phase() + " | " + s.instruction() + " | " + s.notice() + " | " + s.angleWithheld() + " | "
                    + (s.topAlarm() == null ? "" : s.topAlarm().message()) + " | " + s.link();
            if (!now.equals(last)) {
                text.append(s.clockMs()).append(' ').append(s.angleDeg()).append(' ').append(now).append('\n');
                last = now;
            }
        }
        return text.toString();
    }

    @Test
    void compliantUserOnTheSimulatorCompletesTheRoutineAndItIsRecorded() throws Exception {
        List<DisplaySnapshot> shown = new CopyOnWriteArrayList<>();
        LiveSession.Plan plan = new LiveSession.Plan(DeviceSpec.simulator(), quickScenario(),
                5, EngineConfig.of(quickRoutine(), ProfileLimits.none()), "quick", "no profile",
                LinkOptions.defaults(), dir.resolve("hangtime.db"), null, true, List.of(shown::add));
        SessionLoop.Result result;
        try (LiveSession live = LiveSession.start(plan)) {
            try {
                result = live.result().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the session did not end; it went through:\n" + transitions(shown), e);
            }
        }
        assertEquals(SessionOutcome.COMPLETE, result.outcome(), result.lines().toString());
        assertTrue(shown.stream().anyMatch(s -> s.angleDeg() != null && s.angleDeg() > 20), "the live angle was shown");
        assertTrue(shown.get(shown.size() - 1).ended());
        try (SessionArchive archive = SessionArchive.openReadOnly(dir.resolve("hangtime.db"))) {
            StoredSession session = archive.session(result.sessionId());
            assertEquals(SessionStatus.COMPLETE, session.status());
            assertTrue(session.sampleCount() > 600, "20 Hz for over 30 s: " + session.sampleCount());
        }
    }
}
