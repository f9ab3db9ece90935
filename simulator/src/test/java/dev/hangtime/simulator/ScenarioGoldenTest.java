package dev.hangtime.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.FrameCodec;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.MeasurementFlags;
import dev.hangtime.protocol.Status;
import dev.hangtime.simulator.scenario.ScenarioException;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden runs: each built-in scenario, driven by the same guarding companion for a fixed simulated
 * time, must produce exactly the recorded totals and the same frames (a SHA-256 over every frame the
 * companion received, with its arrival time). A change in the simulator's behaviour shows here as a
 * readable diff of the summary. After an intended change, regenerate with
 * {@code -Dhangtime.updateGolden=true} and review the diff of {@code simulator/src/test/golden/}.
 */
class ScenarioGoldenTest {

    private static final Path GOLDEN = Path.of(System.getProperty("hangtime.projectRoot", "."),
            "simulator", "src", "test", "golden", "scenario-runs.txt");
    private static final boolean UPDATE = Boolean.getBoolean("hangtime.updateGolden");

    /** How long each scenario runs, simulated: long enough for its story to play out. */
    private static final Map<String, Duration> RUN_FOR = new LinkedHashMap<>();

    static {
        RUN_FOR.put("angle-overshoot", Duration.ofMinutes(2));
        RUN_FOR.put("compliant-evening", Duration.ofMinutes(8));
        RUN_FOR.put("compliant-morning", Duration.ofMinutes(5));
        RUN_FOR.put("crc-errors", Duration.ofMinutes(3));
        RUN_FOR.put("device-reboot", Duration.ofMinutes(4));
        RUN_FOR.put("duplicate-sequence", Duration.ofMinutes(3));
        RUN_FOR.put("garbage-bytes", Duration.ofMinutes(3));
        RUN_FOR.put("link-drop", Duration.ofMinutes(4));
        RUN_FOR.put("motorised-return", Duration.ofMinutes(6));
        RUN_FOR.put("noise-spikes", Duration.ofMinutes(3));
        RUN_FOR.put("out-of-order-sequence", Duration.ofMinutes(3));
        RUN_FOR.put("overstay", Duration.ofMinutes(8));
        RUN_FOR.put("sensor-dropout", Duration.ofMinutes(4));
        RUN_FOR.put("sequence-wrap", Duration.ofMinutes(2));
        RUN_FOR.put("stuck-sensor", Duration.ofMinutes(4));
        RUN_FOR.put("uncalibrated-sensor", Duration.ofMinutes(3));
        RUN_FOR.put("unresponsive-user", Duration.ofMinutes(7));
        RUN_FOR.put("user-does-not-come-up", Duration.ofMinutes(7));
    }

    private static Map<String, String> golden;
    private static final Map<String, String> produced = new TreeMap<>();

    static List<String> scenarios() {
        return ScenarioLoader.builtInNames();
    }

    @BeforeAll
    static void readGolden() throws IOException {
        golden = new TreeMap<>();
        if (!Files.exists(GOLDEN)) {
            return;
        }
        String name = null;
        StringBuilder block = new StringBuilder();
        for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
            if (line.startsWith("== ")) {
                if (name != null) {
                    golden.put(name, block.toString());
                }
                name = line.substring(3).strip();
                block.setLength(0);
            } else if (name != null && !line.isBlank()) {
                block.append(line).append('\n');
            }
        }
        if (name != null) {
            golden.put(name, block.toString());
        }
    }

    @AfterAll
    static void writeGoldenIfAsked() throws IOException {
        if (!UPDATE) {
            return;
        }
        StringBuilder out = new StringBuilder("# Golden runs of the built-in scenarios (ScenarioGoldenTest).\n"
                + "# Regenerate with -Dhangtime.updateGolden=true after an intended change, and review the diff.\n\n");
        produced.forEach((name, summary) -> out.append("== ").append(name).append('\n').append(summary).append('\n'));
        Files.createDirectories(GOLDEN.getParent());
        Files.writeString(GOLDEN, out.toString(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void aBuiltInScenarioProducesItsGoldenRun(String name) throws ScenarioException {
        Duration runFor = RUN_FOR.get(name);
        assertNotNull(runFor, "add " + name + " to RUN_FOR with how long its story takes");
        TableSimulation table = new TableSimulation(ScenarioLoader.loadBuiltIn(name));
        ScriptedCompanion companion = new ScriptedCompanion(table)
                .startsSessionAt(Duration.ofSeconds(2), 6000, 300, 3000).guards();
        companion.channel.advanceBy(runFor);
        String summary = summarise(table, companion, runFor);
        produced.put(name, summary);
        if (!UPDATE) {
            assertTrue(golden.containsKey(name), "no golden run for " + name + " in " + GOLDEN
                    + "; run with -Dhangtime.updateGolden=true and review it");
            assertEquals(golden.get(name), summary, "the run of " + name + " changed");
        }
    }

    static String summarise(TableSimulation table, ScriptedCompanion c, Duration runFor) {
        List<Measurement> ms = c.measurements();
        StringBuilder s = new StringBuilder();
        line(s, "ran", runFor.toSeconds() + " s simulated");
        line(s, "measurements", ms.size() + ", sequence " + ms.get(0).sequence() + ".." + ms.get(ms.size() - 1).sequence());
        int lost = 0;
        int gaps = 0;
        int duplicates = 0;
        int backwards = 0;
        for (int i = 1; i < ms.size(); i++) {
            int d = (ms.get(i).sequence() - ms.get(i - 1).sequence()) & 0xFFFF;
            if (d == 0) {
                duplicates++;
            } else if (d > 0x8000) {
                backwards++;
            } else if (d > 1) {
                gaps++;
                lost += d - 1;
            }
        }
        line(s, "sequence", "gaps " + gaps + " (samples lost " + lost + "), duplicates " + duplicates + ", backwards "
                + backwards);
        line(s, "angle", String.format(Locale.ROOT, "min %.2f max %.2f degrees",
                ms.stream().mapToDouble(Measurement::angleDegrees).min().orElseThrow(),
                ms.stream().mapToDouble(Measurement::angleDegrees).max().orElseThrow()));
        line(s, "time inverted", "max " + ms.stream().mapToLong(Measurement::timeInvertedMs).max().orElseThrow() + " ms");
        TreeSet<String> flags = new TreeSet<>();
        Map<Integer, String> names = Map.of(MeasurementFlags.CALIBRATED, "CALIBRATED", MeasurementFlags.USER_SECURED,
                "USER_SECURED", MeasurementFlags.MOTORISED, "MOTORISED", MeasurementFlags.SENSOR_FAULT, "SENSOR_FAULT",
                MeasurementFlags.SESSION_ACTIVE, "SESSION_ACTIVE", MeasurementFlags.DEVICE_ALARM, "DEVICE_ALARM",
                MeasurementFlags.ANGULAR_RATE_PRESENT, "ANGULAR_RATE_PRESENT");
        ms.forEach(m -> names.forEach((bit, n) -> {
            if (m.has(bit)) {
                flags.add(n);
            }
        }));
        line(s, "flags seen", String.join(" ", flags));
        c.received.stream().filter(r -> r.message() instanceof Measurement m && m.has(MeasurementFlags.DEVICE_ALARM))
                .findFirst().ifPresent(r -> line(s, "first device alarm", String.format(Locale.ROOT, "%.3f s", r.atNanos() / 1e9)));
        line(s, "status", c.all(Status.class).stream().map(st -> st.firmwareState() + "/" + st.faults())
                .collect(Collectors.joining(" ")));
        Map<String, Long> results = new TreeMap<>();
        for (ControlResponse r : c.responses()) {
            results.merge(r.result().name(), 1L, Long::sum);
        }
        line(s, "responses", results.toString());
        line(s, "commands", c.sent.stream().map(x -> x.request().command().getClass().getSimpleName())
                .filter(n -> !n.equals("Heartbeat")).collect(Collectors.joining(" ")));
        line(s, "link", c.linkChanges.stream().map(l -> String.format(Locale.ROOT, "%s@%.3f",
                l.up() ? "up" : "down", l.atNanos() / 1e9)).collect(Collectors.joining(" ")));
        line(s, "line", "corrupt frames lost " + c.channel.corruptFramesLost() + ", noise bytes "
                + c.channel.noiseBytesIgnored() + ", requests lost " + table.requestsLostWhileDown());
        line(s, "user", table.userPhase() + String.format(Locale.ROOT, " at %.2f degrees", table.trueAngleDeg()));
        line(s, "frames sha256", digest(c));
        return s.toString();
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(key).append(": ").append(value).append('\n');
    }

    private static String digest(ScriptedCompanion c) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ScriptedCompanion.Received r : c.received) {
                sha.update(Long.toString(r.atNanos()).getBytes(StandardCharsets.US_ASCII));
                sha.update(FrameCodec.encode(r.message()));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
