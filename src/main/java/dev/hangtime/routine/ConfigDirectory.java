package dev.hangtime.routine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the user's configuration lives (profile.yaml, routines/). In order: the
 * {@code --config-dir} option; {@code HANGTIME_CONFIG_DIR}; {@code $XDG_CONFIG_HOME/hangtime} (the
 * XDG Base Directory spec: only when absolute); {@code ~/.config/hangtime}.
 */
public final class ConfigDirectory {

    /** The environment variable that overrides the directory. */
    public static final String ENV = "HANGTIME_CONFIG_DIR";

    private ConfigDirectory() {
    }

    /**
     * Resolves the directory. Pure: the environment and home directory are inputs.
     *
     * @param option   the --config-dir value, if given
     * @param env      the process environment
     * @param userHome the user's home directory (System property user.home)
     */
    public static Path resolve(Optional<String> option, Map<String, String> env, String userHome) {
        if (option.isPresent() && !option.get().isBlank()) {
            return Path.of(option.get());
        }
        String override = env.get(ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            // XDG Base Directory: "If an implementation encounters a relative path in any of these
            // variables it should consider the path invalid and ignore it."
            return Path.of(xdg, "hangtime");
        }
        return Path.of(userHome, ".config", "hangtime");
    }

    /** The directory for this process: option, then the real environment and home. */
    public static Path resolve(Optional<String> option) {
        return resolve(option, System.getenv(), System.getProperty("user.home"));
    }
}
