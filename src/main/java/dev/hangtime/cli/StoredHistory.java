package dev.hangtime.cli;

import dev.hangtime.engine.SessionRecord;
import dev.hangtime.store.DataDirectory;
import dev.hangtime.store.SessionArchive;
import java.nio.file.Files;
import java.util.List;

/** Past sessions from the store, for progression, the daily budget and the daily plan. */
final class StoredHistory {
    private StoredHistory() {
    }

    /** Every stored session; none when nothing was recorded yet. Read-only, so it never blocks a recording. */
    static List<SessionRecord> read(DataDirectory directory) {
        if (!Files.exists(directory.databaseFile())) {
            return List.of();
        }
        try (SessionArchive archive = SessionArchive.openReadOnly(directory.databaseFile())) {
            return archive.sessionRecords();
        }
    }
}
