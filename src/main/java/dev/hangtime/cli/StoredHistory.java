package dev.hangtime.cli;

import dev.hangtime.engine.SessionRecord;
import dev.hangtime.store.DataDirectory;
import dev.hangtime.store.SessionArchive;
import java.nio.file.Files;
import java.util.List;

/**
 * Past sessions from the store, for progression, the daily budget and the daily plan: the one reading
 * that {@code run}, {@code today}, {@code profile} and {@code routines} share, so they agree. Sessions on
 * the simulator never count: playing with it must not raise anyone's limits or tick off today's plan.
 */
final class StoredHistory {
    /** How the run command describes a simulated table in the session record. */
    static final String SIMULATED_DEVICE_PREFIX = "simulated";

    private StoredHistory() {
    }

    /** Every stored session on a real table, oldest first; none when nothing was recorded yet. Read-only. */
    static List<SessionRecord> read(DataDirectory directory) {
        if (!Files.exists(directory.databaseFile())) {
            return List.of();
        }
        try (SessionArchive archive = SessionArchive.openReadOnly(directory.databaseFile())) {
            return archive.sessions().stream()
                    .filter(session -> !session.deviceDescription().startsWith(SIMULATED_DEVICE_PREFIX))
                    .map(SessionArchive::record)
                    .toList();
        }
    }
}
