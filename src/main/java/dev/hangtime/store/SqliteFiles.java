package dev.hangtime.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opens connections to the store file and turns SQLite's error codes into {@link StoreException}s whose
 * message names the file and says what to do. Nothing here writes to a file before it has been checked
 * to be a Hangtime store (or a new, empty one), so a damaged or foreign file is left as it was.
 */
final class SqliteFiles {

    /** How long a connection waits for another one's lock before reporting the file as locked. */
    static final int DEFAULT_BUSY_TIMEOUT_MS = 5_000;

    private SqliteFiles() {
    }

    /**
     * A read-only connection to an existing store: SQLite is asked for {@code SQLITE_OPEN_READONLY}
     * and {@code query_only}, so a list, show or export can never modify the file, whatever its state.
     */
    static Connection openReadOnly(Path file, int busyTimeoutMs) {
        if (!Files.exists(file)) {
            throw new StoreException(StoreException.Problem.MISSING, file,
                    "no session store at " + file + " (no session has been recorded there yet)");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(busyTimeoutMs);
        Connection connection = connect(file, config);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only = ON");
            }
            checkIsHangtimeStore(connection, file);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw translate(e, file, "open");
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * A read-write connection, creating the file (and its directory) when missing. The file is checked
     * to be empty or a Hangtime store before WAL mode and the synchronous level are set, because those
     * pragmas write to the file.
     */
    static Connection openReadWrite(Path file, int busyTimeoutMs) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StoreException(StoreException.Problem.IO, file,
                    "cannot create the data directory for " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(busyTimeoutMs);
        Connection connection = connect(file, config);
        try {
            if (!Schema.isEmpty(connection)) {
                checkIsHangtimeStore(connection, file);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode = WAL");
                // docs/STORE.md "Durability": in WAL mode, FULL syncs the WAL on every commit, so a
                // committed sample survives power loss, not only a crash of this process. Group commit
                // (StoreWriter) pays for that fsync once per batch rather than once per sample.
                statement.execute("PRAGMA synchronous = FULL");
                statement.execute("PRAGMA foreign_keys = ON");
            }
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw translate(e, file, "open");
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Reads the header fields (which fails with SQLITE_NOTADB for a file that is not a database) and
     * refuses a database that is not ours or that a newer Hangtime wrote.
     */
    static void checkIsHangtimeStore(Connection connection, Path file) throws SQLException {
        int applicationId = Schema.applicationId(connection);
        int version = Schema.userVersion(connection);
        if (applicationId != Schema.APPLICATION_ID) {
            if (applicationId == 0 && version == 0 && Schema.isEmpty(connection)) {
                return; // a fresh file: the writer initialises it
            }
            throw new StoreException(StoreException.Problem.INCOMPATIBLE, file,
                    file + " is an SQLite database but not a Hangtime session store (application_id "
                            + Integer.toHexString(applicationId) + "); point --data-dir at another directory");
        }
        if (version > Schema.CURRENT_VERSION) {
            throw new StoreException(StoreException.Problem.INCOMPATIBLE, file,
                    file + " was written by a newer Hangtime (schema version " + version
                            + "; this one knows up to " + Schema.CURRENT_VERSION + "); upgrade Hangtime to read it");
        }
    }

    /** Turns an SQLite failure into a message for the user; {@code action} says what we were doing. */
    static StoreException translate(SQLException e, Path file, String action) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            int primary = code.code & 0xff; // extended codes carry the primary code in the low byte
            if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
                return new StoreException(StoreException.Problem.LOCKED, file,
                        file + " is locked by another program (gave up after waiting); close any other "
                                + "program using it (an sqlite3 shell, a backup tool) and try again", e);
            }
            if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
                return new StoreException(StoreException.Problem.CORRUPT, file,
                        file + " is not an SQLite database (damaged or overwritten); it was left untouched. "
                                + "Restore it from a backup or move it aside to start a new store", e);
            }
            if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
                return new StoreException(StoreException.Problem.CORRUPT, file,
                        file + " is damaged (" + sqliteMessage(sqlite) + "); it was left untouched. "
                                + "Try `sqlite3 " + file.getFileName() + " .recover` on a copy, or restore a backup", e);
            }
            if (primary == SQLiteErrorCode.SQLITE_CANTOPEN.code || primary == SQLiteErrorCode.SQLITE_PERM.code
                    || primary == SQLiteErrorCode.SQLITE_READONLY.code || primary == SQLiteErrorCode.SQLITE_AUTH.code) {
                return new StoreException(StoreException.Problem.IO, file,
                        "cannot " + action + " " + file + ": " + sqliteMessage(sqlite)
                                + " (check that the file and its directory are readable and writable)", e);
            }
            if (primary == SQLiteErrorCode.SQLITE_FULL.code) {
                return new StoreException(StoreException.Problem.IO, file,
                        "cannot " + action + " " + file + ": the disk is full", e);
            }
        }
        return new StoreException(StoreException.Problem.IO, file,
                "cannot " + action + " " + file + ": " + e.getMessage(), e);
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing after a failure: the first failure is the one worth reporting
        }
    }

    private static Connection connect(Path file, SQLiteConfig config) {
        try {
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw translate(e, file, "open");
        }
    }

    /** SQLite's own text without the driver's "[SQLITE_CORRUPT] ..." prefix noise. */
    private static String sqliteMessage(SQLiteException e) {
        String message = e.getMessage() == null ? e.getResultCode().message : e.getMessage();
        int close = message.indexOf(']');
        return (close >= 0 && message.startsWith("[") ? message.substring(close + 1) : message).strip();
    }
}
