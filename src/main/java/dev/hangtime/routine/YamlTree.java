package dev.hangtime.routine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A YAML document read with Jackson's streaming parser into a small tree that keeps each node's
 * line and column (a JsonNode tree forgets them), so every problem can be reported where it is.
 * Duplicate keys and extra documents are problems too.
 */
final class YamlTree {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private YamlTree() {
    }

    /** Where a node starts: 1-based line and column. */
    record Location(int line, int column) {
        static Location of(JsonLocation l) {
            return l == null ? new Location(0, 0) : new Location(Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr()));
        }
    }

    sealed interface Node {
        Location location();

        /** "a map", "a list", "a number", ...: for "expected X, found Y" messages. */
        String kindName();
    }

    record Entry(String key, Location keyLocation, Node value) {
    }

    record MapNode(Location location, List<Entry> entries) implements Node {
        public String kindName() {
            return "a map";
        }

        Entry entry(String key) {
            for (Entry e : entries) {
                if (e.key().equals(key)) {
                    return e;
                }
            }
            return null;
        }
    }

    record ListNode(Location location, List<Node> items) implements Node {
        public String kindName() {
            return "a list";
        }
    }

    /**
     * A scalar.
     *
     * @param text  the text as written (quotes removed)
     * @param token its YAML type as Jackson read it: string, int, float, true/false, null
     */
    record ScalarNode(Location location, String text, JsonToken token) implements Node {
        public String kindName() {
            return switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true/false";
                case VALUE_NULL -> "nothing (null)";
                default -> "text";
            };
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        boolean isNumber() {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }
    }

    /** The root node (null when the file could not be read at all) and the problems found reading it. */
    record Parsed(Node root, List<Problem> problems) {
    }

    static Parsed parse(String source, String text) {
        List<Problem> problems = new ArrayList<>();
        Node root = null;
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(new Problem(source, 1, 1, "", "the file is empty"));
                return new Parsed(null, problems);
            }
            root = read(p, source, "", problems);
            JsonToken more = p.nextToken();
            if (more != null) {
                Location at = Location.of(p.currentTokenLocation());
                problems.add(new Problem(source, at.line(), at.column(), "",
                        "only one YAML document per file: remove the second '---' and what follows"));
            }
        } catch (JacksonException e) {
            Location at = Location.of(e.getLocation());
            problems.add(new Problem(source, at.line(), at.column(), "", "YAML syntax error: " + firstLine(e.getOriginalMessage())));
            root = null;
        } catch (IOException e) {
            problems.add(new Problem(source, 0, 0, "", "cannot read: " + e.getMessage()));
            root = null;
        }
        return new Parsed(root, problems);
    }

    private static Node read(JsonParser p, String source, String path, List<Problem> problems) throws IOException {
        Location at = Location.of(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            List<Entry> entries = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Location keyAt = Location.of(p.currentTokenLocation());
                p.nextToken();
                String childPath = path.isEmpty() ? key : path + "." + key;
                Node value = read(p, source, childPath, problems);
                boolean duplicate = false;
                for (Entry e : entries) {
                    if (e.key().equals(key)) {
                        duplicate = true;
                        problems.add(new Problem(source, keyAt.line(), keyAt.column(), childPath,
                                "duplicate key: '" + key + "' is already given on line " + e.keyLocation().line()));
                        break;
                    }
                }
                if (!duplicate) {
                    entries.add(new Entry(key, keyAt, value));
                }
            }
            return new MapNode(at, List.copyOf(entries));
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p, source, path + "[" + i + "]", problems));
                i++;
            }
            return new ListNode(at, List.copyOf(items));
        }
        return new ScalarNode(at, t == JsonToken.VALUE_NULL ? "" : p.getText(), t);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        String line = message.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl).strip();
    }
}
