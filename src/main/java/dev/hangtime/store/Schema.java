package dev.hangtime.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema as an ordered list of migrations. {@code PRAGMA user_version} holds the number of
 * the last migration applied; {@link #migrate} applies the missing ones in one transaction, so an older
 * file is upgraded in place or not at all. docs/STORE.md describes every table and column.
 *
 * <p>A migration, once released, is never edited: a change to the schema is a new migration. The
 * migration test keeps a frozen copy of version 1 to hold that line.
 */
public final class Schema {

    /** {@code PRAGMA application_id}: "HANG" in ASCII, so tools such as {@code file(1)} can tell our files apart. */
    public static final int APPLICATION_ID = 0x48414E47;

    /** One step of the schema's history. */
    public record Migration(int version, String description, List<String> statements) {
    }

    /** Every migration, oldest first; the last one's number is {@link #CURRENT_VERSION}. */
    public static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "sessions, limits, samples, alarms, commands and state changes", List.of(
                    """
                    CREATE TABLE session (
                        id                      INTEGER PRIMARY KEY,
                        started_at_ms           INTEGER NOT NULL,
                        ended_at_ms             INTEGER,
                        routine_name            TEXT    NOT NULL,
                        profile_summary         TEXT    NOT NULL,
                        device_description      TEXT    NOT NULL,
                        status                  TEXT    NOT NULL
                            CHECK (status IN ('IN_PROGRESS', 'COMPLETE', 'INTERRUPTED', 'ABORTED')),
                        summary_source          TEXT CHECK (summary_source IN ('ENGINE', 'RECOMPUTED')),
                        total_time_inverted_ms  INTEGER,
                        band_0_30_ms            INTEGER,
                        band_30_60_ms           INTEGER,
                        band_60_90_ms           INTEGER,
                        max_angle_mdeg          INTEGER,
                        inversion_count         INTEGER,
                        alarm_count_low         INTEGER,
                        alarm_count_medium      INTEGER,
                        alarm_count_high        INTEGER,
                        steps_completed         INTEGER,
                        steps_total             INTEGER,
                        within_limits           INTEGER,
                        missing_samples         INTEGER,
                        discarded_samples       INTEGER,
                        sample_count            INTEGER NOT NULL DEFAULT 0
                    )""",
                    "CREATE INDEX session_by_start ON session (started_at_ms)",
                    """
                    CREATE TABLE session_limit (
                        session_id  INTEGER NOT NULL REFERENCES session (id),
                        name        TEXT    NOT NULL,
                        value       REAL    NOT NULL,
                        unit        TEXT    NOT NULL,
                        source      TEXT    NOT NULL,
                        because     TEXT    NOT NULL,
                        PRIMARY KEY (session_id, name)
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE sample (
                        session_id          INTEGER NOT NULL REFERENCES session (id),
                        ordinal             INTEGER NOT NULL,
                        sequence            INTEGER NOT NULL,
                        device_time_ms      INTEGER NOT NULL,
                        received_offset_ms  INTEGER NOT NULL,
                        angle_mdeg          INTEGER,
                        time_inverted_ms    INTEGER NOT NULL,
                        flags               INTEGER NOT NULL,
                        PRIMARY KEY (session_id, ordinal)
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE alarm_event (
                        id            INTEGER PRIMARY KEY,
                        session_id    INTEGER NOT NULL REFERENCES session (id),
                        at_ms         INTEGER NOT NULL,
                        transition    TEXT    NOT NULL CHECK (transition IN ('RAISED', 'CLEARED')),
                        reason        TEXT    NOT NULL,
                        priority      TEXT    NOT NULL,
                        message       TEXT    NOT NULL,
                        raised_at_ms  INTEGER NOT NULL
                    )""",
                    "CREATE INDEX alarm_event_by_session ON alarm_event (session_id, id)",
                    """
                    CREATE TABLE command_event (
                        id          INTEGER PRIMARY KEY,
                        session_id  INTEGER NOT NULL REFERENCES session (id),
                        at_ms       INTEGER NOT NULL,
                        command     TEXT    NOT NULL,
                        arguments   TEXT    NOT NULL,
                        result      TEXT    NOT NULL
                    )""",
                    "CREATE INDEX command_event_by_session ON command_event (session_id, id)",
                    """
                    CREATE TABLE state_change (
                        id          INTEGER PRIMARY KEY,
                        session_id  INTEGER NOT NULL REFERENCES session (id),
                        at_ms       INTEGER NOT NULL,
                        from_phase  TEXT    NOT NULL,
                        to_phase    TEXT    NOT NULL
                    )""",
                    "CREATE INDEX state_change_by_session ON state_change (session_id, id)")),
            new Migration(2, "sample thinning: how many samples were recorded and which are kept", List.of(
                    // samples_recorded survives thinning, so "50 Hz for 4 min" stays true of a thinned session
                    "ALTER TABLE session ADD COLUMN samples_recorded INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE session ADD COLUMN samples_kept_every INTEGER NOT NULL DEFAULT 1",
                    "UPDATE session SET samples_recorded = sample_count")));

    /** The schema version this code reads and writes. */
    public static final int CURRENT_VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private Schema() {
    }

    /** {@code PRAGMA user_version} of an open database. */
    static int userVersion(Connection connection) throws SQLException {
        return intPragma(connection, "user_version");
    }

    static int applicationId(Connection connection) throws SQLException {
        return intPragma(connection, "application_id");
    }

    /** True when the file holds no tables at all: a file SQLite just created, safe to initialise. */
    static boolean isEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            rows.next();
            return rows.getInt(1) == 0;
        }
    }

    /**
     * Brings the database to {@link #CURRENT_VERSION} inside one {@code BEGIN IMMEDIATE} transaction:
     * either every missing migration is applied and {@code user_version} moves with them, or the file is
     * left exactly as it was. Returns the version the file had before.
     *
     * @throws SQLException for SQLite errors; the caller translates them into a {@link StoreException}
     */
    static int migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            // IMMEDIATE takes the write lock before reading the version, so two processes opening a fresh
            // file cannot both decide to create the tables.
            statement.execute("BEGIN IMMEDIATE");
            try {
                int from = userVersion(connection);
                for (Migration migration : MIGRATIONS) {
                    if (migration.version() > from) {
                        for (String sql : migration.statements()) {
                            statement.execute(sql);
                        }
                    }
                }
                if (from < CURRENT_VERSION) {
                    statement.execute("PRAGMA application_id = " + APPLICATION_ID);
                    statement.execute("PRAGMA user_version = " + CURRENT_VERSION);
                }
                statement.execute("COMMIT");
                return from;
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int intPragma(Connection connection, String pragma) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + pragma)) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
