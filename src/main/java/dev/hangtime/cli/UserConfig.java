package dev.hangtime.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hangtime.device.DeviceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's settings for {@code hangtime run}, in {@code CONFIG_DIR/config.yaml}
 * (by default {@code ~/.config/hangtime/config.yaml}):
 * <pre>
 * device: serial:/dev/ttyUSB0     # or ble, ble:AA:BB:CC:DD:EE:FF, sim
 * </pre>
 * A missing file means "no settings". A file that cannot be used is refused whole, naming the file,
 * the line and the field.
 *
 * @param device the table to use when {@code --device} is not given
 */
record UserConfig(Optional<DeviceSpec> device) {

    /** The file name inside the configuration directory. */
    static final String FILE_NAME = "config.yaml";
    private static final Set<String> KNOWN = Set.of("device");

    static UserConfig none() {
        return new UserConfig(Optional.empty());
    }

    /**
     * Reads {@code CONFIG_DIR/config.yaml}.
     *
     * @throws UserInputException naming the file, line and field of the first problem
     */
    static UserConfig load(Path configDir) {
        Path file = configDir.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return none();
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    static UserConfig parse(String source, String text) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try (var parser = yaml.createParser(text)) {
            root = yaml.readTree(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new UserInputException(source + (at == null ? "" : ":" + at.getLineNr()) + ": not valid YAML: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UserInputException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return none();
        }
        if (!root.isObject()) {
            throw new UserInputException(source + ":1: expected settings such as \"device: serial:/dev/ttyUSB0\"");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!KNOWN.contains(field.getKey())) {
                throw new UserInputException(source + ":" + lineOf(text, field.getKey()) + ": field '" + field.getKey()
                        + "' is not a setting; known: " + String.join(", ", KNOWN));
            }
        }
        JsonNode device = root.get("device");
        if (device == null || device.isNull()) {
            return none();
        }
        int line = lineOf(text, "device");
        if (!device.isTextual()) {
            throw new UserInputException(source + ":" + line + ": field 'device' must be text such as"
                    + " serial:/dev/ttyUSB0, ble or sim");
        }
        try {
            return new UserConfig(Optional.of(DeviceSpec.parse(device.asText())));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(source + ":" + line + ": field 'device': " + e.getMessage(), e);
        }
    }

    /** The 1-based line where a top-level key is written (the YAML tree keeps no positions for values we read). */
    private static int lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + ":") || lines[i].startsWith("\"" + key + "\":")) {
                return i + 1;
            }
        }
        return 1;
    }
}
