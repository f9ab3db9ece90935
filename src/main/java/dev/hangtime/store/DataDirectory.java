package dev.hangtime.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Hangtime keeps its data, resolved once per command in this order (first wins):
 * <ol>
 *   <li>the {@code --data-dir} option,</li>
 *   <li>the {@code HANGTIME_DATA_DIR} environment variable,</li>
 *   <li>{@code $XDG_DATA_HOME/hangtime} when {@code XDG_DATA_HOME} is set to an absolute path,</li>
 *   <li>{@code ~/.local/share/hangtime} (the XDG Base Directory default).</li>
 * </ol>
 * The session store is the file {@value #DATABASE_FILE_NAME} inside that directory.
 *
 * @param directory the resolved data directory (may not exist yet)
 * @param origin    which rule chose it, for messages such as "no sessions in ... (from HANGTIME_DATA_DIR)"
 */
public record DataDirectory(Path directory, String origin) {

    /** Environment variable that overrides the XDG default. */
    public static final String ENVIRONMENT_VARIABLE = "HANGTIME_DATA_DIR";
    /** The session store's file name inside the data directory. */
    public static final String DATABASE_FILE_NAME = "hangtime.db";

    public DataDirectory {
        if (directory == null || origin == null) {
            throw new IllegalArgumentException("directory and origin are required");
        }
    }

    /** Resolves from the real environment and user home. */
    public static DataDirectory resolve(String dataDirOption) {
        return resolve(dataDirOption, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Resolves from the given option value (null or blank when the option was not given), environment
     * and home directory; pure, so the rules are testable without touching the process environment.
     */
    public static DataDirectory resolve(String dataDirOption, Map<String, String> environment, Path userHome) {
        if (nonBlank(dataDirOption).isPresent()) {
            return new DataDirectory(Path.of(dataDirOption).toAbsolutePath().normalize(), "--data-dir");
        }
        Optional<String> fromEnvironment = nonBlank(environment.get(ENVIRONMENT_VARIABLE));
        if (fromEnvironment.isPresent()) {
            return new DataDirectory(Path.of(fromEnvironment.get()).toAbsolutePath().normalize(),
                    ENVIRONMENT_VARIABLE);
        }
        // XDG Base Directory spec: "If an implementation encounters a relative path in any of these
        // variables it should consider the path invalid and ignore it."
        Optional<Path> xdgDataHome = nonBlank(environment.get("XDG_DATA_HOME")).map(Path::of).filter(Path::isAbsolute);
        if (xdgDataHome.isPresent()) {
            return new DataDirectory(xdgDataHome.get().resolve("hangtime").normalize(), "XDG_DATA_HOME");
        }
        return new DataDirectory(userHome.resolve(".local").resolve("share").resolve("hangtime").normalize(),
                "the XDG default");
    }

    /** The session store inside this directory. */
    public Path databaseFile() {
        return directory.resolve(DATABASE_FILE_NAME);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
