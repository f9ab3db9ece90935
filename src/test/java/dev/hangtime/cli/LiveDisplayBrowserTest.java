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
import dev.hangtime.simulator.scenario.Scenario;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import dev.hangtime.web.Browser;
import dev.hangtime.web.DisplayServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The display page in a real headless Chromium on a live session of the built-in simulator. */
class LiveDisplayBrowserTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsTheBrowser() {
        Browser.assumeAvailable();
    }

    private LiveSession start(Scenario scenario, Routine routine, double speed) {
        return LiveSession.start(new LiveSession.Plan(DeviceSpec.simulator(), scenario, speed,
                EngineConfig.of(routine, ProfileLimits.none()), routine.name(), "no profile", LinkOptions.defaults(),
                dir.resolve("hangtime.db"), DisplayServer.Options.loopback(0), true, List.of()));
    }

    private static String screen(WebDriver d, String attribute) {
        return d.findElement(By.id("screen")).getAttribute(attribute);
    }

    private static int shownAngle(WebDriver d) {
        String text = d.findElement(By.id("angle")).getText();
        return text.matches("-?\\d+°") ? Integer.parseInt(text.substring(0, text.length() - 1)) : Integer.MIN_VALUE;
    }

    @Test
    void pageShowsTheSimulatorsLiveAngleAndTurnsOverWhileTheUserIsInverted() throws Exception {
        // the browser starts first: its start-up is the heaviest CPU load of the test
        try (Browser browser = Browser.open();
             LiveSession live = start(LiveSessionTest.quickScenario(), LiveSessionTest.quickRoutine(), 2)) {
            browser.driver().get(live.server().url());
            // the simulated user leans back to 30°: the page follows the table through the session
            browser.waitUpTo(60).until(d -> "false".equals(screen(d, "data-stale")) && shownAngle(d) >= 20);
            assertTrue(live.simulation().trueAngleDeg() > 10, "the table really is tilted");
            assertEquals("SIMULATED TABLE", browser.driver().findElement(By.id("device")).getText().split(" · ")[0]);

            // flip mode, automatic while inverted: the whole page is turned 180°
            browser.waitUpTo(10).until(d -> "true".equals(screen(d, "data-flipped"))
                    && "matrix(-1, 0, 0, -1, 0, 0)".equals(transform(browser)));
            browser.click("flip"); // auto -> on
            assertEquals("Flip: on", browser.driver().findElement(By.id("flip")).getText());
            assertEquals("true", screen(browser.driver(), "data-flipped"));
            browser.click("flip"); // on -> off
            browser.waitUpTo(10).until(d -> "false".equals(screen(d, "data-flipped")) && "none".equals(transform(browser)));
        }
    }

    private static String transform(Browser browser) {
        // rotate(180deg) computes to a matrix with -1 and tiny rounding terms: round them away
        Object matrix = browser.script("const m = getComputedStyle(document.getElementById('screen')).transform;"
                + "return m === 'none' ? m : m.replace(/-?\\d+(\\.\\d+)?(e-?\\d+)?/g, v => String(Math.round(Number(v))))"
                + ".replace(/-0\\b/g, '0');");
        return String.valueOf(matrix);
    }

    @Test
    void overshootBringsUpTheHighAlarmBannerThatMutingCannotSilence() throws Exception {
        Routine routine = new Routine("up-to-60", "allows 60° at most",
                new RoutineLimits(60, 300_000, Optional.empty()), List.of(
                new RoutineStep.Tilt(20, 30, ""),
                new RoutineStep.Hold(60_000, 120_000, ""),
                new RoutineStep.Rest(10_000, ""),
                new RoutineStep.Upright("")));
        try (Browser browser = Browser.open();
             LiveSession live = start(ScenarioLoader.load("angle-overshoot"), routine, 2)) {
            browser.driver().get(live.server().url());
            // mute first: the low and medium tones go quiet, the high one must not
            browser.click("mute-sound");
            assertEquals("true", browser.driver().findElement(By.id("mute-sound")).getAttribute("aria-pressed"));

            // the simulated user swings to 80°, past the 60° limit; read the page at the moment the banner turns high
            String seen = browser.waitUpTo(90).until(d -> {
                Object state = browser.script("const b = document.getElementById('alarm-banner');"
                        + "return b.hidden || b.className !== 'high' ? null : [b.className,"
                        + " getComputedStyle(b).backgroundColor, document.getElementById('screen').dataset.tone,"
                        + " b.innerText].join('|');");
                return state == null ? null : String.valueOf(state);
            });
            String[] parts = seen.split("\\|", 4);
            assertTrue(parts[1].equals("rgb(213, 0, 0)") || parts[1].equals("rgb(90, 0, 0)"),
                    "IEC 60601-1-8 high priority is red, flashing: " + parts[1]);
            assertEquals("HIGH", parts[2], "muted, and still the high alarm's tone pattern plays");
            assertTrue(parts[3].startsWith("HIGH"), parts[3]);
            assertTrue(parts[3].toLowerCase(java.util.Locale.ROOT).contains("return"), parts[3]);
        }
    }
}
