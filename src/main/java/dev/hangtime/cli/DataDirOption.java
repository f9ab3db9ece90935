package dev.hangtime.cli;

import dev.hangtime.store.DataDirectory;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option, mixed into every command that reads or writes the session store. The
 * rules (option, then HANGTIME_DATA_DIR, then the XDG default) live in {@link DataDirectory}.
 */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the session store lives (default: $HANGTIME_DATA_DIR, else "
                    + "$XDG_DATA_HOME/hangtime, else ~/.local/share/hangtime).")
    String dataDir;

    /** The resolved data directory for this invocation. */
    public DataDirectory resolve() {
        return DataDirectory.resolve(dataDir);
    }
}
