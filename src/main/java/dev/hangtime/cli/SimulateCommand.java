package dev.hangtime.cli;

import dev.hangtime.simulator.RealTimeRunner;
import dev.hangtime.simulator.SimulatedTable;
import dev.hangtime.simulator.TableSimulation;
import dev.hangtime.simulator.ble.EmbeddedBus;
import dev.hangtime.simulator.ble.FakeBluez;
import dev.hangtime.simulator.carrier.SerialPtyCarrier;
import dev.hangtime.simulator.record.Recording;
import dev.hangtime.simulator.record.RecordingWriter;
import dev.hangtime.simulator.record.Replay;
import dev.hangtime.simulator.scenario.BleSpec;
import dev.hangtime.simulator.scenario.Durations;
import dev.hangtime.simulator.scenario.Scenario;
import dev.hangtime.simulator.scenario.ScenarioException;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import dev.hangtime.simulator.scenario.SensorSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hangtime simulate}: a simulated table as its own process, on a real pseudo-terminal and/or
 * as a fake BlueZ on D-Bus, so that a second process (or a person) connects to it as to hardware.
 * The first stdout line is the pty path (with {@code --serial-pty}); the next is the D-Bus address
 * (with {@code --ble}). Everything else goes to stderr.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {
            "Runs a simulated inversion table until stopped (Ctrl-C), on a new pseudo-terminal and/or as a "
                + "fake BlueZ on D-Bus.",
            "Prints the pty path (e.g. /dev/pts/5) as the first line, then the D-Bus address. "
                + "See docs/SIMULATOR.md for scenarios and faults."},
        footer = {"", "Examples:",
            "  hangtime simulate --serial-pty",
            "  hangtime simulate --serial-pty --scenario overstay --speed 10 --record overstay.rec",
            "  hangtime simulate --ble --scenario link-drop",
            "  hangtime simulate --serial-pty --replay overstay.rec"})
public final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--serial-pty", description = "Serve the serial protocol on a new pseudo-terminal.")
    boolean serialPty;

    @Option(names = "--ble", description = "Export a fake BlueZ (org.bluez) with the table on D-Bus.")
    boolean ble;

    @Option(names = "--dbus-address", paramLabel = "ADDR",
            description = "Bus for --ble (e.g. unix:path=/run/user/1000/bus). Default: a private bus, address printed.")
    String dbusAddress;

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "compliant-morning",
            description = "A built-in scenario name or a scenario file (default: ${DEFAULT-VALUE}).")
    String scenarioName;

    @Option(names = "--replay", paramLabel = "FILE", description = "Play a recording instead of a scenario.")
    Path replayFile;

    @Option(names = "--record", paramLabel = "FILE", description = "Record what the table sends, with timestamps.")
    Path recordFile;

    @Option(names = "--rate", paramLabel = "HZ", description = "Sample rate, 10..100 Hz (overrides the scenario).")
    Integer rateHz;

    @Option(names = "--speed", paramLabel = "N", defaultValue = "1",
            description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this much simulated time (e.g. 90s, 5m). Default: run until stopped.")
    String durationText;

    @Option(names = "--list", description = "List the built-in scenarios and exit.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            listScenarios(out);
            return 0;
        }
        Duration duration = checkOptions();
        SimulatedTable table = loadTable();

        Deque<AutoCloseable> resources = new ConcurrentLinkedDeque<>();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread hook = new Thread(() -> closeAll(resources, err), "hangtime-simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (recordFile != null) {
                RecordingWriter recorder = RecordingWriter.create(recordFile, table.name());
                table.addOutput(recorder);
                resources.push(recorder);
            }
            if (serialPty) {
                SerialPtyCarrier pty = SerialPtyCarrier.open(table);
                resources.push(pty);
                out.println(pty.slavePath());
                out.flush();
            }
            if (ble) {
                String address = dbusAddress;
                if (address == null) {
                    Path dir = Files.createTempDirectory("hangtime-sim-");
                    EmbeddedBus bus = EmbeddedBus.start(dir);
                    resources.push(() -> Files.deleteIfExists(dir));
                    resources.push(bus);
                    address = bus.address();
                }
                FakeBluez bluez = exportBluez(table, address);
                resources.push(bluez);
                out.println(address);
                out.flush();
            }
            long end = duration == null ? Long.MAX_VALUE : table.clock().nowNanos() + duration.toNanos();
            RealTimeRunner runner = RealTimeRunner.start(table.clock(), speed, end, e -> {
                failure.set(e);
                stop.countDown();
            }, stop::countDown);
            resources.push(runner);
            err.println("hangtime simulate: " + describe(table) + " at speed " + speed
                    + (duration != null ? " for " + Durations.format(duration) : "; stop with Ctrl-C"));
            err.flush();
            stop.await();
        } finally {
            closeAll(resources, err);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook closes (already closed) resources, harmlessly
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the simulation stopped: " + failure.get().getMessage(), failure.get());
        }
        return 0;
    }

    private Duration checkOptions() {
        if (!serialPty && !ble) {
            throw new UserInputException("choose a carrier: --serial-pty and/or --ble (see hangtime simulate --help)");
        }
        if (dbusAddress != null && !ble) {
            throw new UserInputException("--dbus-address is for --ble");
        }
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (replayFile != null && (parsed.hasMatchedOption("--scenario") || rateHz != null)) {
            throw new UserInputException("--replay plays a recording as it was: --scenario and --rate do not apply");
        }
        if (rateHz != null && (rateHz < SensorSpec.MIN_RATE_HZ || rateHz > SensorSpec.MAX_RATE_HZ)) {
            throw new UserInputException("--rate must be " + SensorSpec.MIN_RATE_HZ + ".." + SensorSpec.MAX_RATE_HZ
                    + " Hz, was " + rateHz);
        }
        if (!(speed >= RealTimeRunner.MIN_SPEED && speed <= RealTimeRunner.MAX_SPEED)) {
            throw new UserInputException("--speed must be " + RealTimeRunner.MIN_SPEED + ".." + (long) RealTimeRunner.MAX_SPEED
                    + ", was " + speed);
        }
        if (recordFile != null) {
            Path parent = recordFile.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UserInputException("--record " + recordFile + ": the directory does not exist");
            }
        }
        if (durationText == null) {
            return null;
        }
        try {
            Duration d = Durations.parse(durationText);
            if (d.isZero()) {
                throw new UserInputException("--duration must be longer than 0");
            }
            return d;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new UserInputException("--duration: " + e.getMessage());
        }
    }

    private SimulatedTable loadTable() {
        try {
            if (replayFile != null) {
                return new Replay(Recording.read(replayFile, replayFile.toString()));
            }
            Scenario scenario = ScenarioLoader.load(scenarioName);
            return new TableSimulation(rateHz == null ? scenario : scenario.withSampleRate(rateHz));
        } catch (ScenarioException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private static FakeBluez exportBluez(SimulatedTable table, String address) throws IOException {
        BleSpec spec = table instanceof TableSimulation sim ? sim.scenario().ble() : BleSpec.DEFAULT;
        return FakeBluez.export(table, spec, address);
    }

    private static String describe(SimulatedTable table) {
        if (table instanceof TableSimulation sim) {
            return "scenario '" + sim.name() + "' (" + sim.scenario().sensor().rateHz() + " Hz)";
        }
        return "replay of '" + table.name() + "'";
    }

    private static void listScenarios(PrintWriter out) {
        for (String name : ScenarioLoader.builtInNames()) {
            String description;
            try {
                description = ScenarioLoader.loadBuiltIn(name).description();
            } catch (ScenarioException e) {
                description = "(invalid: " + e.getMessage() + ")";
            }
            out.printf("%-22s %s%n", name, description);
        }
        out.flush();
    }

    /** Closes in reverse order of opening; a recording is completed, a bus and a pty released. */
    private static synchronized void closeAll(Deque<AutoCloseable> resources, PrintWriter err) {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                err.println("hangtime simulate: while stopping: " + e.getMessage());
                err.flush();
            }
        }
    }
}
