package dev.hangtime.web;

import dev.hangtime.session.SessionControl;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.http.sse.SseClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live display over HTTP: the page and its files, a Server-Sent Events stream of
 * {@link dev.hangtime.session.DisplaySnapshot}s, the control requests (POST only), the session
 * history, {@code /metrics} (Prometheus text) and {@code /health}. Every request passes the
 * {@link AccessPolicy} first.
 *
 * <p>Each event-stream client gets its own sender thread reading from the {@link SnapshotHub}, so a
 * slow or stalled viewer delays only itself.
 */
public final class DisplayServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DisplayServer.class);

    /** How long a sender waits for a snapshot before writing a keep-alive comment (detects gone clients). */
    private static final long KEEP_ALIVE_MS = 5_000;
    private static final String PAGE = "index.html";
    private static final String HISTORY_PAGE = "history.html";
    /** Only this server's own files, no inline script, no framing: a display no other page can drive. */
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self';"
            + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /**
     * Where and how to serve.
     *
     * @param bindAddress the address to listen on; loopback unless the user chose otherwise
     * @param port        the TCP port, 0 for any free one
     * @param token       the access token, required for a non-loopback bind, else null
     * @param extraHosts  further host names the machine is reached by (for the Host/Origin allowlist)
     */
    public record Options(String bindAddress, int port, String token, Set<String> extraHosts) {
        public Options {
            Objects.requireNonNull(bindAddress, "bindAddress");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            extraHosts = Set.copyOf(extraHosts);
        }

        /** Loopback on {@code port}, no token: the default. */
        public static Options loopback(int port) {
            return new Options("127.0.0.1", port, null, Set.of());
        }
    }

    private final Options options;
    private final SnapshotHub hub;
    private final SessionControl control;
    private final SessionHistory history;
    private final StaticAssets assets = new StaticAssets(PAGE, HISTORY_PAGE, "display.js", "display.css",
            "history.js", "favicon.svg");
    private final PrometheusMeterRegistry registry;
    private final Set<Thread> senders = ConcurrentHashMap.newKeySet();
    private final AtomicInteger clientCount = new AtomicInteger();
    private final AtomicInteger senderNumber = new AtomicInteger();
    private final Counter eventsSent;
    private final Counter refused;
    private volatile AccessPolicy policy;
    private volatile boolean running = true;
    private Javalin app;

    private DisplayServer(Options options, SnapshotHub hub, SessionControl control, SessionHistory history,
                          PrometheusMeterRegistry registry) {
        this.options = options;
        this.hub = hub;
        this.control = control;
        this.history = history;
        this.registry = registry;
        this.policy = AccessPolicy.forBind(options.bindAddress(), options.port(), options.token())
                .withExtraHosts(options.extraHosts());
        this.eventsSent = Counter.builder("hangtime.display.events.sent")
                .description("snapshots written to display clients").register(registry);
        this.refused = Counter.builder("hangtime.display.requests.refused")
                .description("requests refused by the access policy").register(registry);
        Gauge.builder("hangtime.display.clients", clientCount, AtomicInteger::get)
                .description("display clients connected to the event stream").register(registry);
    }

    /**
     * Starts serving.
     *
     * @param history the session history, or null to serve the history page empty-handed (404)
     * @throws IllegalArgumentException when a non-loopback bind comes without a token
     */
    public static DisplayServer start(Options options, SnapshotHub hub, SessionControl control,
                                      SessionHistory history, PrometheusMeterRegistry registry) {
        DisplayServer server = new DisplayServer(options, hub, control, history, registry);
        server.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true; // GET on a control endpoint says "POST only", not "nothing here"
            config.jetty.host = options.bindAddress();
            config.jetty.port = options.port();
            config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new NotFoundForTraversal()));
            server.routes(config.routes);
        });
        server.app.start();
        server.policy = server.policy.withPort(server.app.port());
        return server;
    }

    /** The port really listened on. */
    public int port() {
        return app.port();
    }

    /** The address a viewer on this machine (or, on a wildcard bind, on the network) opens. */
    public String url() {
        String host = options.bindAddress();
        if (AccessPolicy.isLoopback(host)) {
            host = "127.0.0.1";
        } else if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = policy.allowedHosts().stream()
                    .filter(h -> h.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") && !h.startsWith("127."))
                    .findFirst().orElse("127.0.0.1");
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port() + "/";
    }

    /** {@link #url()} with the token, ready to open once (it is then swapped for a cookie). */
    public String urlWithToken() {
        return options.token() == null ? url() : url() + "?" + AccessPolicy.TOKEN_QUERY + "=" + options.token();
    }

    private void routes(io.javalin.config.RoutesConfig routes) {
        routes.before(this::guard);
        routes.get("/", ctx -> serveAsset(ctx, PAGE));
        routes.get("/history", ctx -> {
            // the history page shows the export package's SVG charts, which carry style attributes
            ctx.header("Content-Security-Policy", PAGE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
            serveAsset(ctx, HISTORY_PAGE);
        });
        routes.get("/assets/{name}", ctx -> serveAsset(ctx, ctx.pathParam("name")));
        routes.get("/health", this::health);
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(registry.scrape()));
        routes.get("/api/snapshot", this::latestSnapshot);
        routes.sse("/events", this::stream);
        routes.post("/api/control/{request}", this::controlRequest);
        if (history != null) {
            history.register(routes);
        }
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || ctx.result().startsWith("Endpoint ")) {
                ctx.contentType("text/plain; charset=utf-8").result("Not found");
            }
        });
    }

    private void guard(Context ctx) {
        // sent on every answer, refusals included
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", PAGE_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        AccessPolicy.Decision decision = policy.decide(ctx.path(), ctx.header("Host"), ctx.header("Origin"),
                ctx.header("Authorization"), ctx.header(AccessPolicy.TOKEN_HEADER),
                ctx.cookie(AccessPolicy.TOKEN_COOKIE), ctx.queryParam(AccessPolicy.TOKEN_QUERY));
        switch (decision) {
            case ALLOW -> { }
            case ALLOW_SET_COOKIE -> {
                io.javalin.http.Cookie cookie = new io.javalin.http.Cookie(AccessPolicy.TOKEN_COOKIE,
                        ctx.queryParam(AccessPolicy.TOKEN_QUERY));
                cookie.setHttpOnly(true);
                cookie.setSameSite(SameSite.STRICT);
                cookie.setPath("/");
                ctx.cookie(cookie);
                if (isPage(ctx.path()) && ctx.method() == io.javalin.http.HandlerType.GET) {
                    // take the token out of the address bar and history: the cookie carries it from now on
                    ctx.redirect(ctx.path(), HttpStatus.SEE_OTHER);
                    ctx.skipRemainingHandlers();
                }
            }
            case FORBIDDEN_HOST -> refuse(ctx, HttpStatus.FORBIDDEN,
                    "Refused: this server does not answer to the host name \"" + ctx.header("Host") + "\".");
            case FORBIDDEN_ORIGIN -> refuse(ctx, HttpStatus.FORBIDDEN,
                    "Refused: requests from pages of " + ctx.header("Origin") + " are not allowed.");
            case UNAUTHORIZED -> {
                ctx.header("WWW-Authenticate", "Bearer realm=\"hangtime\"");
                refuse(ctx, HttpStatus.UNAUTHORIZED,
                        "Unauthorized: open the address that `hangtime run` printed; it carries the access token.");
            }
            default -> throw new IllegalStateException("unhandled decision " + decision);
        }
    }

    private static boolean isPage(String path) {
        return "/".equals(path) || "/history".equals(path) || path.startsWith("/history/");
    }

    private void refuse(Context ctx, HttpStatus status, String message) {
        refused.increment();
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message);
        ctx.skipRemainingHandlers();
    }

    private void serveAsset(Context ctx, String name) {
        var asset = assets.find(name);
        if (asset.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("Not found");
            return;
        }
        ctx.contentType(asset.get().contentType()).result(asset.get().bytes());
    }

    private void health(Context ctx) {
        long silentMs = hub.millisSinceLastSnapshot();
        boolean ended = hub.sessionEnded();
        // the session loop publishes at least every tick; silence means it is stuck
        boolean healthy = ended || (hub.publishedCount() > 0 && silentMs <= 2_000);
        String status = ended ? "ENDED" : healthy ? "UP" : hub.publishedCount() == 0 ? "STARTING" : "STALLED";
        ctx.status(healthy || hub.publishedCount() == 0 ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType("application/json")
                .result("{\"status\":\"" + status + "\",\"lastSnapshotAgeMs\":" + silentMs
                        + ",\"displayClients\":" + clientCount.get() + "}");
    }

    private void latestSnapshot(Context ctx) {
        String latest = hub.latestJson();
        if (latest == null) {
            ctx.status(HttpStatus.NO_CONTENT);
            return;
        }
        ctx.contentType("application/json").result(latest);
    }

    private void controlRequest(Context ctx) {
        SessionControl.Request request;
        try {
            request = SessionControl.Request.valueOf(ctx.pathParam("request").toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8")
                    .result("Unknown request \"" + ctx.pathParam("request") + "\"; known: start, stop, acknowledge, check-in");
            return;
        }
        boolean accepted = control.request(request);
        ctx.status(accepted ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).contentType("application/json")
                .result("{\"request\":\"" + request + "\",\"accepted\":" + accepted + "}");
    }

    private void stream(SseClient client) {
        // EventSource resends the id it last saw in Last-Event-ID; the page's own reconnect passes it in the query
        String lastEventId = client.ctx().header("Last-Event-ID");
        if (lastEventId == null) {
            lastEventId = client.ctx().queryParam("lastEventId");
        }
        long start = hub.resumePosition(lastEventId);
        client.keepAlive();
        Thread sender = new Thread(() -> send(client, start), "display-sse-" + senderNumber.incrementAndGet());
        sender.setDaemon(true);
        senders.add(sender);
        clientCount.incrementAndGet();
        sender.start();
    }

    private void send(SseClient client, long start) {
        long position = start;
        try {
            while (running && !client.terminated()) {
                List<SnapshotHub.Event> events = hub.awaitAfter(position, KEEP_ALIVE_MS);
                if (events.isEmpty()) {
                    client.sendComment("keep-alive");
                    continue;
                }
                for (SnapshotHub.Event event : events) {
                    client.sendEvent("snapshot", event.json(), event.id());
                    eventsSent.increment();
                    position = event.position();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("display client stream ended: {}", e.toString());
        } finally {
            client.close();
            clientCount.decrementAndGet();
            senders.remove(Thread.currentThread());
        }
    }

    /** Stops serving; connected displays see the stream end and start reconnecting. */
    @Override
    public void close() {
        running = false;
        for (Thread sender : senders) {
            sender.interrupt();
        }
        app.stop();
    }
}
