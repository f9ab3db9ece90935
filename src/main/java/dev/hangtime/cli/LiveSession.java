package dev.hangtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangtime.device.ChannelTableLink;
import dev.hangtime.device.DeviceSpec;
import dev.hangtime.device.LinkOptions;
import dev.hangtime.device.TableLink;
import dev.hangtime.device.TableLinks;
import dev.hangtime.engine.EngineConfig;
import dev.hangtime.session.DisplaySink;
import dev.hangtime.session.SessionLoop;
import dev.hangtime.simulator.RealTimeRunner;
import dev.hangtime.simulator.TableSimulation;
import dev.hangtime.simulator.VirtualClock;
import dev.hangtime.simulator.carrier.InProcessChannel;
import dev.hangtime.simulator.scenario.Scenario;
import dev.hangtime.store.SessionStore;
import dev.hangtime.web.DisplayServer;
import dev.hangtime.web.SessionHistory;
import dev.hangtime.web.SnapshotHub;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code hangtime run}, wired: the table link (with the built-in simulator for
 * {@code sim}, on a virtual clock shared with the session loop), the store, the session loop on its
 * own thread, and the web display. The only place that knows all the parts; {@link RunCommand}
 * adds the terminal, and tests and benchmarks (which need the simulator's hooks) start it directly.
 */
public final class LiveSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveSession.class);

    /** Session-clock milliseconds between engine ticks: the engine asks for 50–100 ms. */
    public static final long TICK_PERIOD_MS = 100;
    /** Snapshots a reconnecting display can catch up on: five seconds at 50 Hz. */
    public static final int REPLAY_RING = 256;

    /**
     * What to run.
     *
     * @param device        the table; {@code sim} uses {@code scenario} and {@code speed}
     * @param scenario      the simulated user's behaviour (for {@code sim})
     * @param speed         session seconds per real second (the simulator only; 1 for a real table)
     * @param engine        routine, profile limits and thresholds
     * @param routineName   the routine as the user named it
     * @param profileSummary the profile in one line
     * @param linkOptions   timeouts, backoff, the D-Bus address
     * @param databaseFile  the session store
     * @param web           where to serve the display, or null for none
     * @param autoStart     start the routine as soon as the user is ready
     * @param extraSinks    further displays (the terminal)
     */
    public record Plan(DeviceSpec device, Scenario scenario, double speed, EngineConfig engine, String routineName,
                String profileSummary, LinkOptions linkOptions, Path databaseFile, DisplayServer.Options web,
                boolean autoStart, List<DisplaySink> extraSinks) {
        public Plan {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(databaseFile, "databaseFile");
            if (device.kind() == DeviceSpec.Kind.SIMULATOR) {
                Objects.requireNonNull(scenario, "scenario");
            } else if (speed != 1) {
                throw new IllegalArgumentException("--speed applies to the simulator only");
            }
            extraSinks = List.copyOf(extraSinks);
        }
    }

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private TableSimulation simulation;
    private InProcessChannel simulationChannel;
    private SessionStore store;
    private SessionLoop loop;
    private DisplayServer server;
    private SnapshotHub hub;
    private Thread sessionThread;
    private final CompletableFuture<SessionLoop.Result> result = new CompletableFuture<>();

    private LiveSession() {
    }

    /**
     * Opens everything and starts the session thread.
     *
     * @throws dev.hangtime.store.StoreException when the store cannot be opened
     * @throws RuntimeException                  when the display cannot listen; everything opened is closed again
     */
    public static LiveSession start(Plan plan) {
        LiveSession live = new LiveSession();
        try {
            live.open(plan);
            return live;
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
    }

    private void open(Plan plan) {
        store = SessionStore.open(plan.databaseFile());
        resources.push(store);

        Clock clock;
        TableLink link;
        String device;
        if (plan.device().kind() == DeviceSpec.Kind.SIMULATOR) {
            // the simulator's time starts now, so the record carries real dates even at --speed 20
            VirtualClock virtualClock = new VirtualClock(Instant.now());
            simulation = new TableSimulation(plan.scenario(), virtualClock);
            InProcessChannel channel = new InProcessChannel(simulation);
            clock = virtualClock.asJavaClock();
            device = StoredHistory.SIMULATED_DEVICE_PREFIX + " table (scenario " + plan.scenario().name() + ")";
            link = new ChannelTableLink(channel, device, clock, plan.linkOptions(), registry);
            resources.push(link);
            simulationChannel = channel;
        } else {
            clock = Clock.systemUTC();
            link = TableLinks.open(plan.device(), plan.linkOptions(), clock, registry);
            resources.push(link);
            device = link.describe();
        }

        List<DisplaySink> sinks = new ArrayList<>(plan.extraSinks());
        if (plan.web() != null) {
            ObjectMapper json = new ObjectMapper();
            hub = new SnapshotHub(REPLAY_RING, json);
            sinks.add(hub);
        }
        loop = new SessionLoop(plan.engine(), link, clock,
                new SessionLoop.Settings(TICK_PERIOD_MS, plan.speed(), plan.autoStart()), store,
                new SessionLoop.Description(plan.routineName(), plan.profileSummary(), device,
                        plan.device().kind() == DeviceSpec.Kind.SIMULATOR),
                sinks, System::nanoTime);
        if (plan.web() != null) {
            SessionHistory history = new SessionHistory(store.file(), ZoneId.systemDefault(), Clock.systemDefaultZone(),
                    new ObjectMapper());
            server = DisplayServer.start(plan.web(), hub, loop, history, registry);
            resources.push(server);
        }
        sessionThread = new Thread(this::runSession, "hangtime-session");
        sessionThread.start();
        if (simulationChannel != null) {
            // the simulated table's time starts once the session thread is running
            RealTimeRunner runner = simulationChannel.runInRealTime(plan.speed());
            resources.push(runner);
        }
    }

    private void runSession() {
        try {
            result.complete(loop.run());
        } catch (InterruptedException e) {
            result.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            log.error("the session loop failed", e);
            result.completeExceptionally(e);
        }
    }

    /** Completes when the session has ended and its record is durable. */
    public CompletableFuture<SessionLoop.Result> result() {
        return result;
    }

    /** Ends the session now, recorded ABORTED (Ctrl-C). */
    public CompletableFuture<SessionLoop.Result> abort(String reason) {
        loop.abort(reason);
        return result;
    }

    public SessionLoop loop() {
        return loop;
    }

    /** The display server, or null without {@code --web}. */
    public DisplayServer server() {
        return server;
    }

    public SnapshotHub hub() {
        return hub;
    }

    /** The simulated table, or null for real hardware. */
    public TableSimulation simulation() {
        return simulation;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops the display, the link (and simulator) and commits and closes the store, in that order. */
    @Override
    public void close() {
        if (loop != null && sessionThread != null && !result.isDone()) {
            try {
                abort("hangtime is closing").get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.warn("the session did not end cleanly: {}", e.toString());
            }
        }
        if (hub != null) {
            hub.close();
        }
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("while closing {}: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
