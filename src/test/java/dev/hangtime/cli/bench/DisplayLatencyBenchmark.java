package dev.hangtime.cli.bench;

import dev.hangtime.cli.LiveSession;
import dev.hangtime.device.DeviceSpec;
import dev.hangtime.device.LinkOptions;
import dev.hangtime.engine.EngineConfig;
import dev.hangtime.engine.ProfileLimits;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.routine.RoutineCatalog;
import dev.hangtime.routine.RoutineLoader;
import dev.hangtime.simulator.LineEvent;
import dev.hangtime.simulator.scenario.Scenario;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import dev.hangtime.web.Browser;
import dev.hangtime.web.DisplayServer;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sample-to-screen latency: from the moment the simulated table sends a measurement to the moment
 * the display page in a real headless Chromium has that sample in its DOM (the gauge's
 * {@code data-sample-seq} attribute, set in the same task as the angle text and the needle), and to
 * the next animation frame after it (when it can be painted).
 *
 * <p>The whole of {@code hangtime run --web} runs in process on the simulator at real-time speed
 * (50 Hz sensor), through the device link, the session loop, the store (a sample is shown only once
 * committed, or 100 ms after it arrived at the latest) and the event stream. Send times are the
 * host's wall clock (Instant.now(), microseconds) taken by a listener on the simulated table; the page
 * records {@code performance.timeOrigin + performance.now()}: the same clock.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.hangtime.cli.bench.DisplayLatencyBenchmark -Dexec.args="SECONDS"} (default 60).
 */
public final class DisplayLatencyBenchmark {

    private DisplayLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("hangtime-latency-");
        Scenario scenario;
        try (Reader reader = new InputStreamReader(
                DisplayLatencyBenchmark.class.getResourceAsStream("/dev/hangtime/cli/guided-beginner.yaml"),
                StandardCharsets.UTF_8)) {
            scenario = ScenarioLoader.parse(reader, "guided-beginner.yaml", "guided-beginner");
        }
        var routine = RoutineCatalog.builtIn().resolve("beginner", RoutineLoader.ANY_TABLE).routine();
        Map<Integer, Double> sentAtMs = new ConcurrentHashMap<>();

        try (Browser browser = Browser.open();
             LiveSession live = LiveSession.start(new LiveSession.Plan(DeviceSpec.simulator(), scenario, 1,
                     EngineConfig.of(routine, ProfileLimits.none()), "beginner", "benchmark", LinkOptions.defaults(),
                     dir.resolve("hangtime.db"), DisplayServer.Options.loopback(0), true, List.of()))) {
            live.simulation().addOutput(event -> {
                if (event instanceof LineEvent.Frame && ((LineEvent.Frame) event).message() instanceof Measurement) {
                    Instant now = Instant.now();
                    sentAtMs.put(((Measurement) ((LineEvent.Frame) event).message()).sequence(),
                            now.getEpochSecond() * 1000.0 + now.getNano() / 1_000_000.0);
                }
            });
            browser.driver().get(live.server().url());
            // record every change of the sample on screen: DOM time, and the next frame's time
            browser.script("window.__latency = [];"
                    + "const gauge = document.getElementById('gauge');"
                    + "new MutationObserver(() => {"
                    + "  const seq = gauge.dataset.sampleSeq; if (!seq) return;"
                    + "  const dom = performance.timeOrigin + performance.now();"
                    + "  requestAnimationFrame(() => window.__latency.push([Number(seq), dom,"
                    + "    performance.timeOrigin + performance.now()]));"
                    + "}).observe(gauge, {attributes: true, attributeFilter: ['data-sample-seq']});");
            System.out.printf(Locale.ROOT, "measuring for %d s at 50 Hz (load average %s)%n", seconds,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            Thread.sleep(seconds * 1000L); // the measurement window: a duration, not a synchronisation
            @SuppressWarnings("unchecked")
            List<List<Number>> shown = (List<List<Number>>) browser.script("return window.__latency;");
            report(shown, sentAtMs, seconds);
        }
    }

    private static void report(List<List<Number>> shown, Map<Integer, Double> sentAtMs, int seconds) {
        List<Double> toDom = new ArrayList<>();
        List<Double> toFrame = new ArrayList<>();
        for (List<Number> row : shown) {
            Double sent = sentAtMs.get(row.get(0).intValue());
            if (sent != null) {
                toDom.add(row.get(1).doubleValue() - sent);
                toFrame.add(row.get(2).doubleValue() - sent);
            }
        }
        System.out.printf(Locale.ROOT, "samples sent %d, shown %d (%.0f%%; the page shows at most 100 a second,"
                        + " and a screen refreshes at 60)%n", sentAtMs.size(), toDom.size(),
                100.0 * toDom.size() / Math.max(1, sentAtMs.size()));
        print("send -> DOM updated ", toDom);
        print("send -> next frame  ", toFrame);
    }

    private static void print(String what, List<Double> latencies) {
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            System.out.println(what + ": nothing shown");
            return;
        }
        System.out.printf(Locale.ROOT, "%s n=%d  min %.1f  p50 %.1f  p95 %.1f  p99 %.1f  max %.1f ms  (mean %.1f)%n",
                what, sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(Double.NaN));
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
