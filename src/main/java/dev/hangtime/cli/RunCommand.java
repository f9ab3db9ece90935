package dev.hangtime.cli;

import dev.hangtime.device.DeviceSpec;
import dev.hangtime.device.LinkOptions;
import dev.hangtime.engine.DailyBudget;
import dev.hangtime.engine.EffectiveLimits;
import dev.hangtime.engine.EngineConfig;
import dev.hangtime.engine.ExperienceLevel;
import dev.hangtime.engine.Profile;
import dev.hangtime.engine.ProfileLimits;
import dev.hangtime.engine.Progression;
import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineRules;
import dev.hangtime.engine.SessionRecord;
import dev.hangtime.routine.InvalidFileException;
import dev.hangtime.routine.ProfileFile;
import dev.hangtime.routine.RoutineCatalog;
import dev.hangtime.routine.RoutineLoader;
import dev.hangtime.session.SessionLoop;
import dev.hangtime.session.SummaryLines;
import dev.hangtime.session.TerminalStatusLine;
import dev.hangtime.simulator.RealTimeRunner;
import dev.hangtime.simulator.scenario.Scenario;
import dev.hangtime.simulator.scenario.ScenarioException;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import dev.hangtime.store.DataDirectory;
import dev.hangtime.store.StoreException;
import dev.hangtime.web.AccessPolicy;
import dev.hangtime.web.DisplayServer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hangtime run}: the main job. Connects to the table (or starts the built-in simulator),
 * runs the routine in the engine, records everything, serves the live display and keeps one status
 * line in the terminal; Ctrl-C ends the session cleanly and records it aborted.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs a session: connects to the table, guides you through the routine within your limits, records "
                + "every sample and shows a live display.",
            "Without --device (and without device: in CONFIG_DIR/config.yaml) the built-in simulator stands in "
                + "for the table."},
        footer = {"", "Examples:",
            "  hangtime run --device sim --web                      a first look, on the simulator",
            "  hangtime run --device sim --speed 10 --scenario angle-overshoot --web",
            "  hangtime run --device serial:/dev/ttyUSB0 --routine morning --web",
            "  hangtime run --device ble --web --bind 0.0.0.0         the display on a tablet (prints a URL with a token)"})
public final class RunCommand implements Callable<Integer> {

    /** The routine when none is named: the one every profile allows. */
    static final String DEFAULT_ROUTINE = "beginner";
    /** The simulated user when none is named: follows the beginner routine. */
    static final String DEFAULT_SCENARIO = "guided-beginner";
    private static final String DEFAULT_SCENARIO_RESOURCE = "/dev/hangtime/cli/guided-beginner.yaml";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--device", paramLabel = "sim|serial:PATH|ble[:ADDRESS]",
            description = "The table (default: device: in CONFIG_DIR/config.yaml, else the built-in simulator).")
    String device;

    @Option(names = "--dbus-address", paramLabel = "ADDR",
            description = "D-Bus bus where BlueZ runs, for --device ble (default: the system bus).")
    String dbusAddress;

    @Option(names = "--routine", paramLabel = "NAME|FILE", defaultValue = DEFAULT_ROUTINE,
            description = "A built-in routine (beginner, morning, evening, progressive), one of yours, or a file "
                    + "(default: ${DEFAULT-VALUE}).")
    String routineName;

    @Option(names = "--web", description = "Serve the live display (for a tablet or screen beside the table).")
    boolean web;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address the display listens on (default: ${DEFAULT-VALUE}, this computer only). Any other "
                    + "address requires the access token printed at start.")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port of the display, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "A further host name the tablet uses to reach this computer (repeatable).")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--speed", paramLabel = "N", defaultValue = "1",
            description = "Simulator only: run N times faster than real time (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--scenario", paramLabel = "NAME|FILE",
            description = "Simulator only: the simulated user's behaviour (default: " + DEFAULT_SCENARIO
                    + "; see hangtime simulate --list).")
    String scenarioName;

    @Option(names = "--wait-for-start", description = "Begin the routine only when Start is pressed on the display "
            + "(default: as soon as you are secured on the table).")
    boolean waitForStart;

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Mixin
    ConfigDirOption configDir = new ConfigDirOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Path configDirectory = configDir.resolve();

        // ---- everything the user gave is checked before anything is opened (exit code 2)
        DeviceSpec deviceSpec = resolveDevice(configDirectory);
        boolean simulated = deviceSpec.kind() == DeviceSpec.Kind.SIMULATOR;
        checkOptions(simulated);
        Scenario scenario = simulated ? loadScenario() : null;
        DataDirectory data = dataDir.resolve();
        List<SessionRecord> history = simulated ? List.of() : StoredHistory.read(data);
        Chosen chosen = chooseRoutineAndLimits(configDirectory, history, simulated);
        DisplayServer.Options displayOptions = web ? displayOptions() : null;

        if (simulated) {
            err.println("SIMULATED TABLE: no hardware is connected. The simulated user follows scenario '"
                    + scenario.name() + "'" + (speed != 1 ? " at " + trim(speed) + "x speed" : "")
                    + ". Choose a real table with --device serial:PATH or --device ble (or device: in "
                    + configDirectory.resolve(UserConfig.FILE_NAME) + ").");
        }
        err.println("Routine '" + chosen.routine().name() + "': " + chosen.routine().description());
        for (String explanation : EffectiveLimits.strictest(chosen.routine(), chosen.profileLimits(), Double.NaN)
                .explain()) {
            err.println("  " + explanation);
        }
        if (!chosen.notice().isEmpty()) {
            err.println(chosen.notice());
        }
        err.flush();

        TerminalStatusLine terminal = TerminalStatusLine.forStdout(out);
        LinkOptions linkOptions = LinkOptions.defaults();
        if (dbusAddress != null) {
            linkOptions = linkOptions.withDbusAddress(dbusAddress);
        }
        try {
            Files.createDirectories(data.directory());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + data.directory() + " (from "
                    + data.origin() + "): " + e.getMessage(), e);
        }
        LiveSession live;
        try {
            live = LiveSession.start(new LiveSession.Plan(deviceSpec, scenario, speed,
                    EngineConfig.of(chosen.routine(), chosen.profileLimits()), chosen.routine().name(),
                    chosen.profileSummary(), linkOptions, data.databaseFile(), displayOptions, !waitForStart,
                    List.of(terminal)));
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }

        CountDownLatch exitRequested = new CountDownLatch(1);
        CountDownLatch mainDone = new CountDownLatch(1);
        AtomicBoolean summaryPrinted = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            // Ctrl-C (or SIGTERM): end the session, record it ABORTED, print the summary, then let go
            if (!live.result().isDone()) {
                awaitQuietly(live.abort("Ctrl-C"));
            }
            printSummary(live, terminal, summaryPrinted);
            exitRequested.countDown();
            try {
                mainDone.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            live.close();
        }, "hangtime-run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (live.server() != null) {
                printDisplayAddress(live.server(), out);
            }
            awaitResult(live);
            printSummary(live, terminal, summaryPrinted);
            if (live.server() != null && !exitRequested.await(0, TimeUnit.MILLISECONDS)) {
                terminal.message("The display stays up with the summary at " + live.server().url()
                        + "; press Ctrl-C to exit.");
                exitRequested.await();
            }
            // the session's outcome is in the record and the summary; the command itself succeeded
            return 0;
        } finally {
            mainDone.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                live.close(); // not shutting down: close here
            } catch (IllegalStateException shuttingDown) {
                // the hook closes it
            }
        }
    }

    private static SessionLoop.Result awaitResult(LiveSession live) throws InterruptedException {
        try {
            return live.result().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the session stopped: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void awaitQuietly(java.util.concurrent.Future<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the summary printer says what is known
        }
    }

    private static void printSummary(LiveSession live, TerminalStatusLine terminal, AtomicBoolean printed) {
        if (!live.result().isDone() || live.result().isCompletedExceptionally() || !printed.compareAndSet(false, true)) {
            return;
        }
        SessionLoop.Result result = live.result().join();
        List<String> lines = new ArrayList<>(result.lines());
        lines.add(result.sessionId() == null ? "Nothing was recorded: the table never answered."
                : "Recorded as session " + result.sessionId() + " (hangtime sessions show " + result.sessionId() + ")");
        terminal.summary(SummaryLines.heading(result.outcome()), lines);
    }

    private void printDisplayAddress(DisplayServer server, PrintWriter out) {
        if (AccessPolicy.isLoopback(bind)) {
            out.println("Display: " + server.url());
        } else {
            out.println("Display: " + server.urlWithToken());
            out.println("  Open that address once on the tablet: it carries the access token, which the tablet"
                    + " then keeps in a cookie. Without it the display answers 401.");
        }
        out.flush();
    }

    // ------------------------------------------------------------------ choices, checked up front

    private DeviceSpec resolveDevice(Path configDirectory) {
        if (device != null) {
            try {
                return DeviceSpec.parse(device);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--device: " + e.getMessage(), e);
            }
        }
        return UserConfig.load(configDirectory).device().orElse(DeviceSpec.simulator());
    }

    private void checkOptions(boolean simulated) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (!simulated && parsed.hasMatchedOption("--speed")) {
            throw new UserInputException("--speed is for the simulator (--device sim): a real table runs in real time");
        }
        if (!simulated && scenarioName != null) {
            throw new UserInputException("--scenario is for the simulator (--device sim)");
        }
        if (!(speed >= RealTimeRunner.MIN_SPEED && speed <= RealTimeRunner.MAX_SPEED)) {
            throw new UserInputException("--speed must be " + RealTimeRunner.MIN_SPEED + ".."
                    + (long) RealTimeRunner.MAX_SPEED + ", was " + trim(speed));
        }
        if (port < 0 || port > 65_535) {
            throw new UserInputException("--port must be 0..65535, was " + port);
        }
        if (!web && (parsed.hasMatchedOption("--bind") || parsed.hasMatchedOption("--port")
                || parsed.hasMatchedOption("--allow-host"))) {
            throw new UserInputException("--bind, --port and --allow-host set up the display: add --web");
        }
        if (waitForStart && !web) {
            throw new UserInputException("--wait-for-start needs the display's Start button: add --web");
        }
    }

    private DisplayServer.Options displayOptions() {
        try {
            boolean loopback = AccessPolicy.isLoopback(bind);
            return new DisplayServer.Options(bind, port, loopback ? null : AccessPolicy.newToken(), Set.copyOf(allowHosts));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--bind: " + e.getMessage(), e);
        }
    }

    private Scenario loadScenario() {
        try {
            if (scenarioName == null || DEFAULT_SCENARIO.equals(scenarioName)) {
                try (Reader reader = new InputStreamReader(RunCommand.class.getResourceAsStream(DEFAULT_SCENARIO_RESOURCE),
                        StandardCharsets.UTF_8)) {
                    return ScenarioLoader.parse(reader, DEFAULT_SCENARIO + ".yaml", DEFAULT_SCENARIO);
                }
            }
            return ScenarioLoader.load(scenarioName);
        } catch (ScenarioException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default scenario: " + e.getMessage(), e);
        }
    }

    /** The routine, the profile's limits for today and a one-line profile description. */
    record Chosen(Routine routine, ProfileLimits profileLimits, String profileSummary, String notice) {
    }

    private Chosen chooseRoutineAndLimits(Path configDirectory, List<SessionRecord> history, boolean simulated) {
        Routine routine;
        try {
            routine = RoutineCatalog.load(configDirectory).resolve(routineName, RoutineLoader.ANY_TABLE).routine();
        } catch (InvalidFileException e) {
            // every problem with its file, line and field; nothing starts
            throw new UserInputException("cannot run: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--routine: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserInputException("--routine " + routineName + ": cannot read: " + e.getMessage(), e);
        }
        Profile profile;
        String notice = "";
        try {
            profile = ProfileFile.load(configDirectory).orElse(null);
        } catch (InvalidFileException e) {
            throw new UserInputException("cannot run: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserInputException(ProfileFile.path(configDirectory) + ": cannot read: " + e.getMessage(), e);
        }
        LocalDate today = LocalDate.now();
        ZoneId zone = ZoneId.systemDefault();
        if (profile == null) {
            // no profile yet: the careful default is a beginner's, starting today
            profile = Profile.starting(ExperienceLevel.BEGINNER, today);
            notice = "No profile in " + ProfileFile.path(configDirectory) + ": beginner limits apply. Create yours with"
                    + " hangtime profile init.";
        }
        ProfileLimits limits = Progression.limits(profile, history, today, zone);
        List<String> conflicts = RoutineRules.conflicts(routine, EffectiveLimits.strictest(routine, limits, Double.NaN));
        if (!conflicts.isEmpty()) {
            throw new UserInputException("cannot run '" + routine.name() + "' today: " + String.join(" ", conflicts));
        }
        if (!simulated) {
            DailyBudget.Decision budget = DailyBudget.check(profile.budget(), history, Instant.now(), zone);
            if (!budget.allowed()) {
                throw new UserInputException("not now: " + budget.reason());
            }
        }
        Progression.Status status = Progression.status(profile, history, today, zone);
        String summary = profile.experience().name().toLowerCase(Locale.ROOT) + ", " + status.level().describe()
                + (simulated ? ", simulated session (not counted)" : "");
        return new Chosen(routine, limits, summary, notice);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
