package dev.hangtime.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangtime.session.SessionControl;
import dev.hangtime.session.TestSnapshots;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The display page in a real headless Chromium, fed by a steady stream of snapshots: it recovers
 * when the server restarts, and the access rules hold in a browser. (The page on a live simulated
 * session is tested in {@code dev.hangtime.cli.LiveDisplayBrowserTest}.)
 */
class DisplayBrowserTest {

    private final SnapshotHub hub = new SnapshotHub(64, new ObjectMapper());
    private final List<SessionControl.Request> requests = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong seq = new AtomicLong();
    private final List<DisplayServer> servers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void feed() {
        Browser.assumeAvailable();
        // a session publishing at 20 Hz, the angle sweeping 10..20°
        feeder.scheduleAtFixedRate(() -> {
            long n = seq.incrementAndGet();
            hub.show(TestSnapshots.holding(n, 10 + n % 10));
        }, 0, 50, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() {
        feeder.shutdownNow();
        servers.forEach(DisplayServer::close);
    }

    private DisplayServer serve(DisplayServer.Options options) {
        DisplayServer server = DisplayServer.start(options, hub, request -> requests.add(request), null,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        servers.add(server);
        return server;
    }

    private static void awaitLive(Browser browser) {
        browser.waitUpTo(20).until(d -> "false".equals(d.findElement(By.id("screen")).getAttribute("data-stale"))
                && d.findElement(By.id("angle")).getText().matches("\\d+°"));
    }

    @Test
    void pageGreysOutWhenTheServerGoesAwayAndRecoversWhenItIsBack() {
        DisplayServer first = serve(DisplayServer.Options.loopback(0));
        int port = first.port();
        try (Browser browser = Browser.open()) {
            browser.driver().get(first.url());
            awaitLive(browser);

            first.close();
            servers.remove(first);
            browser.waitUpTo(20).until(d -> "true".equals(d.findElement(By.id("screen")).getAttribute("data-stale")));
            assertEquals("--", browser.driver().findElement(By.id("angle")).getText(), "no stale angle stays up");
            assertTrue(browser.driver().findElement(By.id("stale-overlay")).isDisplayed(), "NO DATA is shown");

            serve(DisplayServer.Options.loopback(port));
            awaitLive(browser);
            assertEquals("true", browser.driver().findElement(By.id("screen")).getAttribute("data-connected"));
        }
    }

    @Test
    void nonLoopbackBindRefusesThePageWithoutTheTokenAndServesItWithIt() {
        DisplayServer server = serve(new DisplayServer.Options("0.0.0.0", 0, "browser-test-token", Set.of()));
        String base = "http://127.0.0.1:" + server.port() + "/";
        try (Browser browser = Browser.open()) {
            browser.driver().get(base);
            String refused = browser.driver().findElement(By.tagName("body")).getText();
            assertTrue(refused.startsWith("Unauthorized"), refused);

            browser.driver().get(base + "?token=browser-test-token");
            assertEquals(base, browser.driver().getCurrentUrl(), "the token leaves the address bar");
            awaitLive(browser);
        }
    }

    @Test
    void pageOfAnotherOriginCannotPressTheControls() {
        DisplayServer display = serve(DisplayServer.Options.loopback(0));
        DisplayServer elsewhere = serve(DisplayServer.Options.loopback(0)); // another origin: another port
        try (Browser browser = Browser.open()) {
            browser.driver().get(elsewhere.url());
            Object status = browser.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0], {method: 'POST', mode: 'no-cors', credentials: 'include'})"
                            + ".then(r => done('sent ' + r.type), e => done('failed ' + e.message));",
                    display.url() + "api/control/stop");
            assertTrue(String.valueOf(status).startsWith("sent") || String.valueOf(status).startsWith("failed"));
            assertTrue(requests.isEmpty(), "a cross-origin page reached the session: " + requests);
            assertTrue(display.port() != elsewhere.port());

            // the page's own controls, from its own origin, do reach the session
            browser.driver().get(display.url());
            awaitLive(browser);
            browser.click("stop");
            browser.waitUpTo(10).until(d -> !requests.isEmpty());
            assertEquals(List.of(SessionControl.Request.STOP), requests);
        }
    }

    @Test
    void traversalAttemptsFromTheBrowserFindNothing() {
        DisplayServer server = serve(DisplayServer.Options.loopback(0));
        try (Browser browser = Browser.open()) {
            for (String target : List.of("assets/..%2f..%2fpom.xml", "assets/%2e%2e/%2e%2e/etc/passwd")) {
                browser.driver().get(server.url() + target);
                String body = browser.driver().findElement(By.tagName("body")).getText();
                assertEquals("Not found", body, target);
                assertFalse(body.contains("<project"), target);
            }
        }
    }
}
