package dev.hangtime.routine;

import dev.hangtime.engine.Routine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routines a user can run: the built-in ones (resources next to this class) and their own
 * files in {@code CONFIG_DIR/routines/*.yaml}. Names are unique: a user file that reuses a name is
 * a problem reported at its {@code name:} line.
 */
public final class RoutineCatalog {

    /** The built-in routines, in the order they are listed. */
    public static final List<String> BUILT_IN = List.of("beginner", "morning", "evening", "progressive");

    /**
     * One routine in the catalog.
     *
     * @param routine the routine
     * @param origin  "built-in", or the file it came from
     * @param yaml    the file's text, as written
     */
    public record Entry(Routine routine, String origin, String yaml) {
        public boolean builtIn() {
            return origin.equals("built-in");
        }
    }

    private final Map<String, Entry> entries;

    private RoutineCatalog(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Only the built-in routines. They are tested to be valid; a broken jar fails loudly. */
    public static RoutineCatalog builtIn() {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (String name : BUILT_IN) {
            String text = builtInText(name);
            try {
                map.put(name, new Entry(RoutineLoader.parse("built-in " + name, text, RoutineLoader.ANY_TABLE),
                        "built-in", text));
            } catch (InvalidFileException e) {
                throw new IllegalStateException("built-in routine is invalid: " + e.getMessage(), e);
            }
        }
        return new RoutineCatalog(map);
    }

    /**
     * The built-in routines plus the user's files in {@code configDir/routines} (none when the
     * directory does not exist).
     *
     * @throws InvalidFileException with the problems of every invalid user file
     */
    public static RoutineCatalog load(Path configDir) throws InvalidFileException, IOException {
        RoutineCatalog catalog = builtIn();
        Map<String, Entry> map = new LinkedHashMap<>(catalog.entries);
        Path dir = configDir.resolve("routines");
        if (!Files.isDirectory(dir)) {
            return catalog;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            try {
                RoutineLoader.Loaded loaded = RoutineLoader.read(file.toString(), text, RoutineLoader.ANY_TABLE);
                String name = loaded.routine().name();
                Entry existing = map.get(name);
                if (existing != null) {
                    Problem at = loaded.nameAt();
                    problems.add(new Problem(at.source(), at.line(), at.column(), "name", "duplicate name: '" + name
                            + "' is already " + (existing.builtIn() ? "a built-in routine" : "the routine in " + existing.origin())
                            + "; choose another name"));
                } else {
                    map.put(name, new Entry(loaded.routine(), file.toString(), text));
                }
            } catch (InvalidFileException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFileException(dir.toString(), problems);
        }
        return new RoutineCatalog(map);
    }

    /** Every routine, built-in ones first. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The routine of that name. */
    public Optional<Entry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The routines by name, for {@code DailyPlan.Template#fitting}. */
    public Map<String, Routine> byName() {
        Map<String, Routine> out = new LinkedHashMap<>();
        entries.forEach((name, e) -> out.put(name, e.routine()));
        return out;
    }

    /**
     * A routine by name, or from a file when {@code nameOrFile} names one (contains a path separator,
     * ends in .yaml/.yml, or exists).
     *
     * @throws InvalidFileException when the file has problems
     * @throws IOException          when the file cannot be read
     * @throws IllegalArgumentException when no routine has that name (the message lists the names)
     */
    public Entry resolve(String nameOrFile, double tableMaxAngleDeg) throws InvalidFileException, IOException {
        Entry named = entries.get(nameOrFile);
        boolean looksLikeFile = nameOrFile.contains("/") || nameOrFile.contains(java.io.File.separator)
                || nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml");
        if (named != null && !looksLikeFile) {
            // The table may not reach what the routine asks for: check again against it.
            if (!Double.isNaN(tableMaxAngleDeg)) {
                RoutineLoader.parse(named.builtIn() ? "built-in " + nameOrFile : named.origin(), named.yaml(),
                        tableMaxAngleDeg);
            }
            return named;
        }
        Path file = Path.of(nameOrFile);
        if (looksLikeFile || Files.exists(file)) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no routine file " + nameOrFile);
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new Entry(RoutineLoader.parse(nameOrFile, text, tableMaxAngleDeg), nameOrFile, text);
        }
        throw new IllegalArgumentException("no routine named '" + nameOrFile + "'; known: "
                + String.join(", ", entries.keySet()));
    }

    static String builtInText(String name) {
        String resource = name + ".yaml";
        try (InputStream in = RoutineCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in routine resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
