package dev.hangtime.cli;

import dev.hangtime.routine.ConfigDirectory;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config-dir} option, mixed into the commands that read the user's configuration. */
final class ConfigDirOption {

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Configuration directory (default: $HANGTIME_CONFIG_DIR, else $XDG_CONFIG_HOME/hangtime,"
                    + " else ~/.config/hangtime).")
    String configDir;

    Path resolve() {
        return ConfigDirectory.resolve(Optional.ofNullable(configDir));
    }
}
