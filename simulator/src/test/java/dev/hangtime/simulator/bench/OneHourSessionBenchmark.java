package dev.hangtime.simulator.bench;

import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;

import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.MessageChannel;
import dev.hangtime.simulator.TableSimulation;
import dev.hangtime.simulator.VirtualClock;
import dev.hangtime.simulator.carrier.InProcessChannel;
import dev.hangtime.simulator.scenario.Scenario;
import dev.hangtime.simulator.scenario.ScenarioException;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import java.io.File;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How long one hour of simulated session takes in process (issue 3: well under two seconds): a user
 * hangs at 30° for an hour under a companion that takes control, starts the session and sends a
 * heartbeat every second, through the in-process channel, at 20 Hz and at the 100 Hz maximum.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.hangtime.simulator.bench.OneHourSessionBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class OneHourSessionBenchmark {

    @Param({"20", "100"})
    public int rateHz;

    private Scenario scenario;

    @Setup
    public void loadScenario() throws ScenarioException {
        scenario = ScenarioLoader.parse(new StringReader("""
                seed: 42
                sensor: {noise: 0.05}
                user:
                  script:
                    - tilt: 30
                    - hold: 1h
                    - come-up
                """), "one-hour.yaml", "one-hour").withSampleRate(rateHz);
    }

    /** Runs one simulated hour and returns the number of measurements the companion received. */
    @Benchmark
    public long oneSimulatedHour() {
        TableSimulation table = new TableSimulation(scenario);
        VirtualClock clock = table.clock();
        long[] measurements = {0};
        int[] requestId = {0};
        try (InProcessChannel channel = new InProcessChannel(table)) {
            channel.open(new MessageChannel.Listener() {
                @Override
                public void onMessage(Message message) {
                    if (message instanceof dev.hangtime.protocol.Measurement) {
                        measurements[0]++;
                    }
                }

                @Override
                public void onLinkDown(String reason) {
                }

                @Override
                public void onLinkUp() {
                }
            });
            clock.schedule(Duration.ofSeconds(2), () -> {
                channel.send(new ControlRequest(requestId[0]++, new ControlCommand.RequestControl()));
                channel.send(new ControlRequest(requestId[0]++, new ControlCommand.SetLimits(6000, 3700, 3000)));
                channel.send(new ControlRequest(requestId[0]++, new ControlCommand.StartSession()));
                clock.scheduleEvery(Duration.ofSeconds(1).toNanos(), () -> channel.send(
                        new ControlRequest(requestId[0]++ & 0xFF, new ControlCommand.Heartbeat())));
            });
            channel.advanceBy(Duration.ofHours(1));
        }
        if (measurements[0] != 3600L * rateHz) {
            throw new IllegalStateException("expected " + 3600L * rateHz + " measurements, got " + measurements[0]);
        }
        return measurements[0];
    }

    /** Runs the benchmark and prints milliseconds per simulated hour at each rate. */
    public static void main(String[] args) throws RunnerException {
        exposeClassPathToForks();
        Options options = new OptionsBuilder().include(OneHourSessionBenchmark.class.getName()).build();
        List<String> lines = new ArrayList<>();
        for (RunResult r : new Runner(options).run()) {
            lines.add(String.format("rateHz=%s: %.0f ms per simulated hour (± %.0f)", r.getParams().getParam("rateHz"),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
        }
        lines.forEach(System.out::println);
    }

    /**
     * JMH forks its measuring JVMs with {@code java.class.path}; under {@code exec:java} that is
     * Maven's launcher, not the test class path, so hand the forks the class loader's path.
     */
    private static void exposeClassPathToForks() {
        ClassLoader loader = OneHourSessionBenchmark.class.getClassLoader();
        if (!(loader instanceof URLClassLoader urls)) {
            return;
        }
        List<String> entries = new ArrayList<>();
        for (URL url : urls.getURLs()) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalStateException("class path entry is not a file: " + url, e);
            }
        }
        System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
    }
}
