package dev.hangtime.simulator.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each node stood, so that a check made long after
 * parsing (an angle beyond the table's reach, an unknown fault name) can still name the line.
 * Jackson's own tree drops locations; this one is built from its streaming parser.
 */
sealed interface YamlNode {

    /** The field path of this node, e.g. {@code user.script[2].tilt}. */
    String path();

    int line();

    int column();

    /** A mapping; keys in file order, duplicates rejected at parse time. */
    record MapNode(String path, int line, int column, Map<String, Entry> entries) implements YamlNode {
    }

    /** A key (with its own location, where "unknown field" errors point) and its value. */
    record Entry(String key, int line, int column, YamlNode value) {
    }

    record ListNode(String path, int line, int column, List<YamlNode> items) implements YamlNode {
    }

    /**
     * A scalar.
     *
     * @param text  the scalar as written ({@code null} for YAML null)
     * @param token what YAML made of it: a string, an integer, a float, a boolean or null
     */
    record Scalar(String path, int line, int column, String text, JsonToken token) implements YamlNode {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    /** Parses one YAML document; syntax errors and duplicate keys come back with their location. */
    static YamlNode parse(Reader reader, String file) throws ScenarioException {
        YAMLFactory factory = new YAMLFactory();
        try (JsonParser p = factory.createParser(reader)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ScenarioException(file, 1, 1, "", "the file is empty");
            }
            YamlNode root = read(p, "", file);
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new ScenarioException(file, at.getLineNr(), at.getColumnNr(), "",
                        "more than one YAML document; a scenario is one document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String why = e.getOriginalMessage();
            int cut = why.indexOf(" at [Source");
            throw new ScenarioException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "", "not valid YAML: " + (cut > 0 ? why.substring(0, cut) : why).strip());
        } catch (IOException e) {
            throw new ScenarioException(file, 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    private static YamlNode read(JsonParser p, String path, String file) throws IOException, ScenarioException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation keyAt = p.currentTokenLocation();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if (entries.containsKey(key)) {
                        throw new ScenarioException(file, keyAt.getLineNr(), keyAt.getColumnNr(), childPath,
                                "appears twice (first on line " + entries.get(key).line() + ")");
                    }
                    p.nextToken();
                    YamlNode value = read(p, childPath, file);
                    entries.put(key, new Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
                }
                return new MapNode(path, line, column, Collections.unmodifiableMap(entries));
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, path + "[" + items.size() + "]", file));
                }
                return new ListNode(path, line, column, List.copyOf(items));
            }
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Scalar(path, line, column, p.getText(), t);
            case VALUE_NULL:
                return new Scalar(path, line, column, null, t);
            default:
                throw new ScenarioException(file, line, column, path, "unexpected YAML content " + t);
        }
    }
}
