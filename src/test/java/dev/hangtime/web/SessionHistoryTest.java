package dev.hangtime.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangtime.engine.EffectiveLimits;
import dev.hangtime.engine.EngineConfig;
import dev.hangtime.engine.EngineEvent;
import dev.hangtime.engine.ProfileLimits;
import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineLimits;
import dev.hangtime.engine.RoutineStep;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.SessionEngine;
import dev.hangtime.engine.SessionState;
import dev.hangtime.engine.StepResult;
import dev.hangtime.store.SessionRecorder;
import dev.hangtime.store.SessionStart;
import dev.hangtime.store.SessionStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The history routes over a real store holding one recorded session. */
class SessionHistoryTest {

    @TempDir
    Path dir;

    private SessionStore store;
    private DisplayServer server;
    private long sessionId;

    @BeforeEach
    void recordOneSessionAndServe() throws Exception {
        store = SessionStore.open(dir.resolve("hangtime.db"));
        Routine routine = new Routine("history-test", "one short session",
                new RoutineLimits(30, 60_000, Optional.empty()), List.of(new RoutineStep.Tilt(20, 25, ""),
                new RoutineStep.Hold(1_000, 2_000, ""), new RoutineStep.Rest(1_000, ""), new RoutineStep.Upright("")));
        SessionEngine engine = new SessionEngine(EngineConfig.of(routine, ProfileLimits.none()));
        long now = 1_700_000_000_000L;
        SessionState state = engine.initialState(now);
        SessionRecorder recorder = store.beginSession(new SessionStart("history-test", "no profile",
                EffectiveLimits.strictest(routine, ProfileLimits.none(), Double.NaN), "test table",
                Instant.ofEpochMilli(now)));
        StepResult result = null;
        for (int i = 0; i < 50; i++) {
            now += 100;
            Sample sample = new Sample(i, i * 100L, now, i * 0.5, 0, true, true, false, false);
            recorder.recordSample(sample);
            result = engine.step(state, new EngineEvent.SampleReceived(sample), now);
            state = result.state();
        }
        recorder.finish(result.state().summary(), dev.hangtime.engine.SessionOutcome.ABORTED).get(10, TimeUnit.SECONDS);
        sessionId = recorder.sessionId();
        server = DisplayServer.start(DisplayServer.Options.loopback(0), new SnapshotHub(4, new ObjectMapper()),
                request -> true, new SessionHistory(store.file(), ZoneOffset.UTC, Clock.systemUTC(), new ObjectMapper()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterEach
    void close() {
        server.close();
        store.close();
    }

    @Test
    void sessionsAreListedFromTheirSummaries() throws Exception {
        RawHttp.Response list = RawHttp.send(server.port(), "GET", "/api/sessions");
        assertEquals(200, list.status());
        JsonNode sessions = new ObjectMapper().readTree(list.body());
        assertEquals(1, sessions.size());
        assertEquals(sessionId, sessions.get(0).get("id").asLong());
        assertEquals("history-test", sessions.get(0).get("routine").asText());
        assertEquals("ABORTED", sessions.get(0).get("status").asText());
        assertEquals(50, sessions.get(0).get("samples").asLong());
    }

    @Test
    void sessionReportCarriesItsChartAndExportsDownload() throws Exception {
        RawHttp.Response report = RawHttp.send(server.port(), "GET", "/history/" + sessionId);
        assertEquals(200, report.status());
        assertTrue(report.body().contains("<svg"), "the report has its angle chart");
        assertTrue(report.header("content-security-policy").startsWith("default-src 'none'"),
                report.header("content-security-policy"));
        RawHttp.Response csv = RawHttp.send(server.port(), "GET", "/history/" + sessionId + "/samples.csv");
        assertEquals(200, csv.status());
        assertTrue(csv.header("content-disposition").contains("hangtime-session-" + sessionId + ".csv"));
        assertEquals(51, csv.body().split("\r\n").length, "a header and one row per sample");
        RawHttp.Response json = RawHttp.send(server.port(), "GET", "/history/" + sessionId + "/session.json");
        assertEquals("hangtime-sessions", new ObjectMapper().readTree(json.body()).get("format").asText());
        assertEquals(200, RawHttp.send(server.port(), "GET", "/history/all").status());
    }

    @Test
    void historyPageInABrowserListsTheSessionAndShowsItsChart() {
        try (Browser browser = Browser.open()) {
            browser.driver().get(server.url() + "history");
            browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#sessions tbody tr")).isEmpty());
            var row = browser.driver().findElement(By.cssSelector("#sessions tbody tr"));
            assertTrue(row.getText().contains("history-test"), row.getText());
            assertTrue(row.getText().contains("ended early"), row.getText());
            row.findElement(By.tagName("button")).click(); // the history page never turns: a plain click
            browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector(".chart-row svg")).isEmpty());
            assertEquals("", browser.console().lines().filter(l -> l.startsWith("SEVERE")).findFirst().orElse(""),
                    "no errors in the page (its policy lets the charts' styles through)");
            assertTrue(browser.driver().findElements(By.linkText("CSV")).get(0).getAttribute("href")
                    .endsWith("/history/" + sessionId + "/samples.csv"));
        }
    }

    @Test
    void unknownOrMalformedSessionIsNotFound() throws Exception {
        assertEquals(404, RawHttp.send(server.port(), "GET", "/history/" + (sessionId + 99)).status());
        assertEquals(404, RawHttp.send(server.port(), "GET", "/history/abc/samples.csv").status());
    }
}
