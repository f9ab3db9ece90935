package dev.hangtime.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangtime.session.SessionControl;
import dev.hangtime.session.TestSnapshots;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The display server over real HTTP: access rules, static files, controls, metrics and the event stream. */
class DisplayServerTest {

    private final SnapshotHub hub = new SnapshotHub(16, new ObjectMapper());
    private final List<SessionControl.Request> requests = new CopyOnWriteArrayList<>();
    private final SessionControl control = request -> requests.add(request);
    private DisplayServer server;

    private DisplayServer start(DisplayServer.Options options) {
        server = DisplayServer.start(options, hub, control, null, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pageAndItsFilesAreServedWithProtectiveHeaders() throws IOException {
        int port = start(DisplayServer.Options.loopback(0)).port();
        RawHttp.Response page = RawHttp.send(port, "GET", "/");
        assertEquals(200, page.status());
        assertTrue(page.header("content-type").startsWith("text/html"), page.header("content-type"));
        assertTrue(page.body().contains("<svg id=\"gauge\""), "the gauge is inline SVG");
        assertEquals("nosniff", page.header("x-content-type-options"));
        assertTrue(page.header("content-security-policy").contains("frame-ancestors 'none'"));
        RawHttp.Response script = RawHttp.send(port, "GET", "/assets/display.js");
        assertEquals(200, script.status());
        assertTrue(script.header("content-type").startsWith("text/javascript"));
    }

    @Test
    void traversalAttemptsGetNotFound() throws IOException {
        int port = start(DisplayServer.Options.loopback(0)).port();
        for (String target : List.of("/assets/../../pom.xml", "/assets/..%2F..%2Fpom.xml",
                "/assets/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..\\..\\pom.xml",
                "/assets/display.css/../../../etc/passwd", "/assets/%2e%2e%5c%2e%2e%5cpom.xml",
                "/assets/display.js%00.html", "/..;/etc/passwd", "/assets/....//....//etc/passwd",
                "/assets/", "/assets/logback.xml", "/assets/..%2fDisplayServer.class", "/dev/hangtime/web/display.js",
                "//etc/passwd")) {
            RawHttp.Response response = RawHttp.send(port, "GET", target);
            assertEquals(404, response.status(), target);
            assertEquals("Not found", response.body(), target);
        }
    }

    @Test
    void hostHeaderNamingAnotherServerIsRefused() throws IOException {
        int port = start(DisplayServer.Options.loopback(0)).port();
        RawHttp.Response response = RawHttp.sendWithHost(port, "rebind.attacker.example:" + port, "GET", "/");
        assertEquals(403, response.status());
        assertTrue(response.body().contains("rebind.attacker.example"), response.body());
    }

    @Test
    void controlFromAnotherOriginIsRefusedAndNeverReachesTheSession() throws IOException {
        int port = start(DisplayServer.Options.loopback(0)).port();
        RawHttp.Response response = RawHttp.send(port, "POST", "/api/control/stop", "Origin: http://evil.example");
        assertEquals(403, response.status());
        assertTrue(requests.isEmpty(), requests.toString());
    }

    @Test
    void controlsArePostOnlyAndReachTheSession() throws IOException {
        int port = start(DisplayServer.Options.loopback(0)).port();
        assertEquals(405, RawHttp.send(port, "GET", "/api/control/start").status());
        assertTrue(requests.isEmpty());
        String origin = "Origin: http://127.0.0.1:" + port;
        assertEquals(202, RawHttp.send(port, "POST", "/api/control/start", origin).status());
        assertEquals(202, RawHttp.send(port, "POST", "/api/control/check-in", origin).status());
        assertEquals(202, RawHttp.send(port, "POST", "/api/control/acknowledge").status());
        RawHttp.Response unknown = RawHttp.send(port, "POST", "/api/control/launch", origin);
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().contains("known: start, stop, acknowledge, check-in"), unknown.body());
        assertEquals(List.of(SessionControl.Request.START, SessionControl.Request.CHECK_IN,
                SessionControl.Request.ACKNOWLEDGE), requests);
    }

    @Test
    void controlAfterTheSessionEndedIsAConflict() throws IOException {
        server = DisplayServer.start(DisplayServer.Options.loopback(0), hub, request -> false, null,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        RawHttp.Response response = RawHttp.send(server.port(), "POST", "/api/control/stop");
        assertEquals(409, response.status());
        assertEquals("{\"request\":\"STOP\",\"accepted\":false}", response.body());
    }

    @Test
    void nonLoopbackBindRefusesViewingAndControlWithoutTheToken() throws IOException {
        int port = start(new DisplayServer.Options("0.0.0.0", 0, "t0ken-for-test", Set.of())).port();
        for (String target : List.of("/", "/events", "/api/snapshot", "/metrics", "/assets/display.js", "/history")) {
            RawHttp.Response response = RawHttp.send(port, "GET", target);
            assertEquals(401, response.status(), target);
            assertTrue(response.header("www-authenticate").startsWith("Bearer"), target);
        }
        assertEquals(401, RawHttp.send(port, "POST", "/api/control/start").status());
        assertEquals(401, RawHttp.send(port, "GET", "/?token=guess").status());
        assertTrue(requests.isEmpty());
        assertEquals(200, RawHttp.send(port, "GET", "/health").status(), "health needs no token");
    }

    @Test
    void tokenInTheUrlBecomesAnHttpOnlyCookieAndLeavesTheAddressBar() throws IOException {
        DisplayServer started = start(new DisplayServer.Options("0.0.0.0", 0, "t0ken-for-test", Set.of()));
        int port = started.port();
        assertTrue(started.urlWithToken().endsWith(":" + port + "/?token=t0ken-for-test"), started.urlWithToken());
        RawHttp.Response first = RawHttp.send(port, "GET", "/?token=t0ken-for-test");
        assertEquals(303, first.status());
        assertEquals("/", first.header("location").replaceFirst("^http://[^/]+", ""));
        String cookie = first.header("set-cookie");
        assertTrue(cookie.startsWith("hangtime_token=t0ken-for-test"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertEquals(200, RawHttp.send(port, "GET", "/", "Cookie: hangtime_token=t0ken-for-test").status());
        assertEquals(200, RawHttp.send(port, "GET", "/metrics", "Authorization: Bearer t0ken-for-test").status());
        assertEquals(202, RawHttp.send(port, "POST", "/api/control/stop", "X-Hangtime-Token: t0ken-for-test").status());
    }

    @Test
    void metricsArePrometheusTextAndHealthReportsTheSession() throws IOException {
        int port = start(DisplayServer.Options.loopback(0)).port();
        assertEquals("{\"status\":\"STARTING\"", RawHttp.send(port, "GET", "/health").body().split(",")[0]);
        hub.show(TestSnapshots.holding(1, 20));
        RawHttp.Response health = RawHttp.send(port, "GET", "/health");
        assertEquals(200, health.status());
        assertTrue(health.body().startsWith("{\"status\":\"UP\""), health.body());
        RawHttp.Response metrics = RawHttp.send(port, "GET", "/metrics");
        assertTrue(metrics.header("content-type").startsWith("text/plain"), metrics.header("content-type"));
        assertTrue(metrics.body().contains("# TYPE hangtime_display_clients gauge"), metrics.body());
        assertTrue(metrics.body().contains("hangtime_display_requests_refused_total"), metrics.body());
    }

    @Test
    void eventStreamSendsTheLatestSnapshotThenReplaysWhatAReconnectingClientMissed() throws IOException {
        int port = start(DisplayServer.Options.loopback(0)).port();
        hub.show(TestSnapshots.holding(1, 10));
        hub.show(TestSnapshots.holding(2, 11));
        String firstId;
        try (EventStream stream = EventStream.open(port, null)) {
            EventStream.Event first = stream.next();
            assertEquals("snapshot", first.name());
            assertTrue(first.data().contains("\"seq\":2"), first.data());
            firstId = first.id();
        }
        hub.show(TestSnapshots.holding(3, 12));
        hub.show(TestSnapshots.holding(4, 13));
        try (EventStream stream = EventStream.open(port, firstId)) {
            assertTrue(stream.next().data().contains("\"seq\":3"));
            assertTrue(stream.next().data().contains("\"seq\":4"));
        }
    }

    /** A minimal event-stream reader over a socket. */
    static final class EventStream implements AutoCloseable {
        record Event(String name, String id, String data) {
        }

        private final Socket socket;
        private final BufferedReader reader;

        private EventStream(Socket socket) throws IOException {
            this.socket = socket;
            this.reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        static EventStream open(int port, String lastEventId) throws IOException {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n"
                    + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            EventStream stream = new EventStream(socket);
            String status = stream.reader.readLine();
            assertNotNull(status);
            assertTrue(status.contains(" 200 "), status);
            return stream;
        }

        Event next() throws IOException {
            String name = null;
            String id = null;
            List<String> data = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                } else if (line.isEmpty() && name != null) {
                    return new Event(name, id, String.join("\n", data));
                }
                // headers, chunk sizes and comments are skipped
            }
            throw new IOException("stream ended");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void pageRequestsNothingFromOtherOrigins() throws IOException {
        int port = start(DisplayServer.Options.loopback(0)).port();
        String page = RawHttp.send(port, "GET", "/").body();
        assertFalse(page.contains("http://") || page.contains("https://"), "no third-party assets on the page");
    }
}
