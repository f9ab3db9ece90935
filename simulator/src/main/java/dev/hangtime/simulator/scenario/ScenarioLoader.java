package dev.hangtime.simulator.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads scenarios: built-in ones by name (shipped in the jar under
 * {@code dev/hangtime/simulator/scenarios/}), or any file by path. Everything in a file is checked
 * before a scenario exists: an unknown field, a value out of range, an unknown fault name all come
 * back as a {@link ScenarioException} naming file, line and field.
 */
public final class ScenarioLoader {

    /** Where built-in scenarios live on the class path. */
    public static final String RESOURCE_DIR = "dev/hangtime/simulator/scenarios/";

    private static final Duration DAY = Duration.ofHours(24);
    private static final Map<String, FaultReader> FAULTS = faultReaders();

    private ScenarioLoader() {
    }

    /**
     * Loads a built-in scenario by name ({@code compliant-morning}) or a file by path
     * ({@code ./my.yaml}). A name with a path separator or a {@code .yaml}/{@code .yml} ending, or an
     * existing file, is a path.
     */
    public static Scenario load(String nameOrPath) throws ScenarioException {
        Path asPath = looksLikePath(nameOrPath) ? Paths.get(nameOrPath) : null;
        if (asPath == null && Files.isRegularFile(Paths.get(nameOrPath))) {
            asPath = Paths.get(nameOrPath);
        }
        if (asPath != null) {
            return loadFile(asPath, nameOrPath);
        }
        return loadBuiltIn(nameOrPath);
    }

    /** Loads a scenario file; the scenario's name is the file name without its extension. */
    public static Scenario loadFile(Path file, String shownAs) throws ScenarioException {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(shownAs, 0, 0, "", "no such file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, shownAs, baseName(file.getFileName().toString()));
        } catch (IOException e) {
            throw new ScenarioException(shownAs, 0, 0, "", "cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ScenarioException(shownAs, 0, 0, "", "cannot read (not UTF-8?): " + e.getCause().getMessage());
        }
    }

    /** Loads a built-in scenario; an unknown name lists the known ones. */
    public static Scenario loadBuiltIn(String name) throws ScenarioException {
        String resource = RESOURCE_DIR + name + ".yaml";
        InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource);
        if (in == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new ScenarioException(name, 0, 0, "", "no built-in scenario of that name; built-in: "
                    + String.join(", ", builtInNames()) + " (or give the path of a .yaml file)");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(r, name + ".yaml (built-in)", name);
        } catch (IOException e) {
            throw new ScenarioException(name, 0, 0, "", "cannot read built-in scenario: " + e.getMessage());
        }
    }

    /** The names of the built-in scenarios, sorted. */
    public static List<String> builtInNames() {
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> dirs = ScenarioLoader.class.getClassLoader().getResources(RESOURCE_DIR);
            while (dirs.hasMoreElements()) {
                URL dir = dirs.nextElement();
                if ("file".equals(dir.getProtocol())) {
                    try (Stream<Path> files = Files.list(Paths.get(dir.toURI()))) {
                        files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                                .forEach(f -> names.add(baseName(f)));
                    }
                } else if ("jar".equals(dir.getProtocol())) {
                    String spec = dir.getPath(); // file:/path/to/hangtime.jar!/dev/hangtime/...
                    String jarPath = spec.substring("file:".length(), spec.indexOf("!/"));
                    try (JarFile jar = new JarFile(java.net.URLDecoder.decode(jarPath, StandardCharsets.UTF_8))) {
                        Enumeration<JarEntry> entries = jar.entries();
                        while (entries.hasMoreElements()) {
                            String e = entries.nextElement().getName();
                            if (e.startsWith(RESOURCE_DIR) && e.endsWith(".yaml") && e.indexOf('/', RESOURCE_DIR.length()) < 0) {
                                names.add(baseName(e.substring(RESOURCE_DIR.length())));
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list built-in scenarios: " + e.getMessage(), e);
        }
        return List.copyOf(names);
    }

    /**
     * Parses and checks one scenario document.
     *
     * @param file the name shown in errors
     * @param name the scenario's name
     */
    public static Scenario parse(Reader reader, String file, String name) throws ScenarioException {
        YamlNode root = YamlNode.parse(reader, file);
        Fields top = Fields.of(root, file, "a scenario").allowOnly("description", "seed", "table", "sensor", "user",
                "ble", "faults");
        String description = top.string("description", "", 500);
        long seed = top.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE, "");
        TableSpec table = table(top.get("table"), file);
        SensorSpec sensor = sensor(top.get("sensor"), file);
        UserSpec user = user(top.get("user"), file, table);
        BleSpec ble = ble(top.get("ble"), file);
        List<FaultSpec> faults = faults(top.get("faults"), file);
        return new Scenario(name, description, seed, table, sensor, user, ble, faults);
    }

    private static TableSpec table(YamlNode node, String file) throws ScenarioException {
        Fields f = node == null ? null : Fields.of(node, file, "table").allowOnly("model", "firmware", "motorised",
                "uprightAngle", "maxAngle", "tether", "maxSpeed", "motorSpeed", "startAngle", "ankleSensor", "buzzer",
                "battery", "sequenceStart", "clockStartMs");
        if (f == null) {
            return new TableSpec("Hangtime virtual table", "sim-1.0", false, -80, 90, 90, 20, 6, -80, true, true,
                    OptionalInt.empty(), 0, 0);
        }
        String model = f.string("model", "Hangtime virtual table", 32);
        String firmware = f.string("firmware", "sim-1.0", 16);
        boolean motorised = f.bool("motorised", false);
        double upright = f.number("uprightAngle", -80, -90, -1, "degrees");
        double max = f.number("maxAngle", 90, 10, 95, "degrees");
        double tether = f.number("tether", max, 0, 95, "degrees");
        if (tether > max) {
            throw f.errorAt("tether", "the tether stop " + tether + "° is beyond the mechanical maximum " + max + "°");
        }
        double maxSpeed = f.number("maxSpeed", 20, 1, 90, "degrees per second");
        double motorSpeed = f.number("motorSpeed", 6, 1, 30, "degrees per second");
        double start = f.number("startAngle", upright, -90, 95, "degrees");
        if (start < upright || start > tether) {
            throw f.errorAt("startAngle", start + "° is outside the table's reach " + upright + "°.." + tether + "°");
        }
        boolean ankle = f.bool("ankleSensor", true);
        boolean buzzer = f.bool("buzzer", true);
        OptionalInt battery = f.has("battery")
                ? OptionalInt.of((int) f.integer("battery", 0, 0, 100, "percent")) : OptionalInt.empty();
        int sequenceStart = (int) f.integer("sequenceStart", 0, 0, 0xFFFF, "");
        long clockStart = f.integer("clockStartMs", 0, 0, 0xFFFF_FFFFL, "milliseconds");
        return new TableSpec(model, firmware, motorised, upright, max, tether, maxSpeed, motorSpeed, start, ankle,
                buzzer, battery, sequenceStart, clockStart);
    }

    private static SensorSpec sensor(YamlNode node, String file) throws ScenarioException {
        if (node == null) {
            return new SensorSpec(20, 0.05, 0.01, 0, true, false);
        }
        Fields f = Fields.of(node, file, "sensor").allowOnly("rate", "noise", "resolution", "offset", "calibrated",
                "angularRate");
        int rate = (int) f.integer("rate", 20, SensorSpec.MIN_RATE_HZ, SensorSpec.MAX_RATE_HZ, "Hz");
        double noise = f.number("noise", 0.05, 0, 5, "degrees");
        double resolution = f.number("resolution", 0.01, 0, 2, "degrees");
        double offset = f.number("offset", 0, -15, 15, "degrees");
        boolean calibrated = f.bool("calibrated", true);
        boolean angularRate = f.bool("angularRate", false);
        return new SensorSpec(rate, noise, resolution, offset, calibrated, angularRate);
    }

    private static UserSpec user(YamlNode node, String file, TableSpec table) throws ScenarioException {
        if (node == null) {
            throw new ScenarioException(file, 0, 0, "user", "is required: who is on the table and what they do");
        }
        Fields f = Fields.of(node, file, "user").allowOnly("start", "reactionTime", "speed", "onAlarm", "onStop",
                "restAtHorizontal", "script");
        UserSpec.Start start = choice(f, "start", UserSpec.Start.values(), UserSpec.Start::yamlName,
                UserSpec.Start.ON_SESSION);
        Duration reaction = f.duration("reactionTime", Duration.ofMillis(1500), Duration.ZERO, Duration.ofMinutes(5));
        double speed = f.number("speed", 8, 0.5, 90, "degrees per second");
        UserSpec.OnAlarm onAlarm = choice(f, "onAlarm", UserSpec.OnAlarm.values(), UserSpec.OnAlarm::yamlName,
                UserSpec.OnAlarm.RETURN);
        UserSpec.OnStop onStop = choice(f, "onStop", UserSpec.OnStop.values(), UserSpec.OnStop::yamlName,
                UserSpec.OnStop.COME_UP);
        Duration rest = f.duration("restAtHorizontal", Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(30));
        YamlNode scriptNode = f.required("script");
        if (!(scriptNode instanceof YamlNode.ListNode list)) {
            throw Fields.error(file, scriptNode, "must be a list of steps ('- tilt: 30', '- hold: 2m', '- come-up')");
        }
        List<ScriptStep> steps = new ArrayList<>();
        for (YamlNode item : list.items()) {
            steps.add(step(item, file, table, speed));
        }
        return new UserSpec(start, reaction, speed, onAlarm, onStop, rest, steps);
    }

    private static ScriptStep step(YamlNode item, String file, TableSpec table, double defaultSpeed)
            throws ScenarioException {
        if (item instanceof YamlNode.Scalar s && "come-up".equals(s.text())) {
            return new ScriptStep.ComeUp();
        }
        if (item instanceof YamlNode.Scalar s) {
            throw Fields.error(file, item, "unknown step '" + s.text()
                    + "'; a step is 'tilt: DEGREES' (with optional 'speed'), 'hold: DURATION' or 'come-up'");
        }
        Fields f = Fields.of(item, file, "a script step");
        if (f.has("tilt")) {
            f.allowOnly("tilt", "speed");
            double to = Fields.number(file, f.get("tilt"), -90, 95, "degrees");
            if (to < table.uprightAngleDeg()) {
                throw f.errorAt("tilt", to + "° is below the table's upright position " + table.uprightAngleDeg() + "°");
            }
            if (to > table.maxAngleDeg()) {
                throw f.errorAt("tilt", to + "° is beyond the table's mechanical maximum " + table.maxAngleDeg() + "°");
            }
            double speed = f.number("speed", defaultSpeed, 0.5, 90, "degrees per second");
            return new ScriptStep.Tilt(to, speed);
        }
        if (f.has("hold")) {
            f.allowOnly("hold");
            return new ScriptStep.Hold(Fields.duration(file, f.get("hold"), Duration.ZERO, DAY));
        }
        f.allowOnly("tilt", "hold");
        throw Fields.error(file, item, "a step needs 'tilt' or 'hold' (or is the word come-up)");
    }

    private static BleSpec ble(YamlNode node, String file) throws ScenarioException {
        if (node == null) {
            return BleSpec.DEFAULT;
        }
        Fields f = Fields.of(node, file, "ble").allowOnly("name", "address", "rssi");
        String name = f.string("name", BleSpec.DEFAULT.name(), 29); // an advertising local name fits 29 bytes
        String address = f.string("address", BleSpec.DEFAULT.address(), 17).toUpperCase(Locale.ROOT);
        if (!address.matches("[0-9A-F]{2}(:[0-9A-F]{2}){5}")) {
            throw f.errorAt("address", "'" + address + "' is not a Bluetooth address like C0:FF:EE:00:00:01");
        }
        int rssi = (int) f.integer("rssi", BleSpec.DEFAULT.rssi(), -127, 20, "dBm");
        return new BleSpec(name, address, rssi);
    }

    private static List<FaultSpec> faults(YamlNode node, String file) throws ScenarioException {
        List<FaultSpec> faults = new ArrayList<>();
        if (node == null) {
            return faults;
        }
        if (!(node instanceof YamlNode.ListNode list)) {
            throw Fields.error(file, node, "must be a list of faults ('- at: 2m' / '  fault: link-drop' ...)");
        }
        for (YamlNode item : list.items()) {
            faults.add(fault(item, file));
        }
        return faults;
    }

    private static FaultSpec fault(YamlNode item, String file) throws ScenarioException {
        Fields f = Fields.of(item, file, "a fault");
        YamlNode kindNode = f.required("fault");
        if (!(kindNode instanceof YamlNode.Scalar ks) || ks.text() == null) {
            throw Fields.error(file, kindNode, "must name a fault: " + String.join(", ", FAULTS.keySet()));
        }
        Duration at = Fields.duration(file, f.required("at"), Duration.ZERO, DAY);
        FaultReader reader = FAULTS.get(ks.text());
        if (reader == null) {
            throw Fields.error(file, kindNode, "unknown fault '" + ks.text() + "'; known: "
                    + String.join(", ", FAULTS.keySet()));
        }
        f.allowOnly(reader.fields());
        return reader.body().read(f, file, at);
    }

    /** Reads the fields of one kind of fault, after 'at' (already read) and the field names are checked. */
    @FunctionalInterface
    private interface FaultBody {
        FaultSpec read(Fields f, String file, Duration at) throws ScenarioException;
    }

    /** One kind of fault in a scenario file: every field it allows, and how its record is read. */
    private record FaultReader(String[] fields, FaultBody body) {
    }

    /** The fault kinds in the order the error messages list them; the keys are the names in scenario files. */
    private static Map<String, FaultReader> faultReaders() {
        Map<String, FaultReader> r = new LinkedHashMap<>();
        r.put("sensor-dropout", faultReader((f, file, at) -> new FaultSpec.SensorDropout(at,
                requiredDuration(f, file, "duration", DAY), f.bool("flagged", false)), "duration", "flagged"));
        r.put("stuck-sensor", faultReader((f, file, at) -> new FaultSpec.StuckSensor(at,
                requiredDuration(f, file, "duration", DAY)), "duration"));
        r.put("noise-spikes", faultReader((f, file, at) -> new FaultSpec.NoiseSpikes(at,
                requiredDuration(f, file, "duration", DAY), f.number("magnitude", 20, 0.1, 180, "degrees"),
                f.number("probability", 0.2, 0.001, 1, "")), "duration", "magnitude", "probability"));
        r.put("garbage", faultReader((f, file, at) -> new FaultSpec.Garbage(at,
                (int) f.integer("bytes", 32, 1, 4096, "bytes")), "bytes"));
        r.put("crc-errors", faultReader((f, file, at) -> new FaultSpec.CrcErrors(at,
                (int) f.integer("frames", 1, 1, 10_000, "frames")), "frames"));
        r.put("duplicate-sequence", faultReader((f, file, at) -> new FaultSpec.DuplicateSequence(at,
                (int) f.integer("frames", 1, 1, 10_000, "frames")), "frames"));
        r.put("out-of-order", faultReader((f, file, at) -> new FaultSpec.OutOfOrder(at,
                (int) f.integer("pairs", 1, 1, 10_000, "pairs")), "pairs"));
        r.put("reboot", faultReader((f, file, at) -> new FaultSpec.Reboot(at,
                f.duration("downtime", Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(1))), "downtime"));
        r.put("link-drop", faultReader((f, file, at) -> new FaultSpec.LinkDrop(at,
                requiredDuration(f, file, "duration", Duration.ofHours(1))), "duration"));
        r.put("user-stays-down", faultReader((f, file, at) -> new FaultSpec.UserStaysDown(at)));
        return Collections.unmodifiableMap(r);
    }

    private static FaultReader faultReader(FaultBody body, String... ownFields) {
        String[] fields = new String[ownFields.length + 2];
        fields[0] = "at";
        fields[1] = "fault";
        System.arraycopy(ownFields, 0, fields, 2, ownFields.length);
        return new FaultReader(fields, body);
    }

    private static Duration requiredDuration(Fields f, String file, String key, Duration max) throws ScenarioException {
        return Fields.duration(file, f.required(key), Duration.ofMillis(1), max);
    }

    private static <E extends Enum<E>> E choice(Fields f, String key, E[] values,
                                                java.util.function.Function<E, String> yamlName, E fallback)
            throws ScenarioException {
        YamlNode n = f.get(key);
        if (n == null) {
            return fallback;
        }
        String text = n instanceof YamlNode.Scalar s ? s.text() : null;
        List<String> names = new ArrayList<>();
        for (E v : values) {
            if (yamlName.apply(v).equals(text)) {
                return v;
            }
            names.add(yamlName.apply(v));
        }
        throw f.errorAt(key, "'" + text + "' is not one of: " + String.join(", ", names));
    }

    private static boolean looksLikePath(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return s.contains("/") || s.contains(java.io.File.separator) || lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
