package dev.hangtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {

    /**
     * Schema version 1 exactly as released. Frozen here on purpose: files of this shape exist, so
     * Schema.MIGRATIONS' first entry must never change, and every later version must upgrade this.
     */
    static final List<String> V1_DDL = List.of(
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
            "CREATE INDEX state_change_by_session ON state_change (session_id, id)");

    @TempDir
    Path dir;

    /** A version-1 file with one finished session of three samples and one alarm. */
    private Path versionOneFile() throws SQLException {
        Path file = dir.resolve("hangtime.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            for (String sql : V1_DDL) {
                statement.execute(sql);
            }
            statement.execute("""
                    INSERT INTO session VALUES (7, 1740810600000, 1740810840000, 'evening: decompression',
                        'regular', 'serial /dev/ttyUSB0', 'COMPLETE', 'ENGINE', 180000, 20000, 160000, 0, 35120, 1,
                        0, 0, 0, 2, 2, 1, 0, 0, 3)""");
            statement.execute("INSERT INTO session_limit VALUES (7, 'maxAngleDeg', 40.0, 'deg', 'ROUTINE', 'the routine')");
            statement.execute("INSERT INTO sample VALUES (7, 0, 65535, 100, 0, 1250, 0, 3)");
            statement.execute("INSERT INTO sample VALUES (7, 1, 0, 120, 20, 35120, 20, 3)");
            statement.execute("INSERT INTO sample VALUES (7, 2, 1, 140, 40, NULL, 40, 11)");
            statement.execute("""
                    INSERT INTO alarm_event (session_id, at_ms, transition, reason, priority, message, raised_at_ms)
                    VALUES (7, 1740810700000, 'RAISED', 'SENSOR_FAULT', 'HIGH', 'Sensor fault', 1740810700000)""");
            statement.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
            statement.execute("PRAGMA user_version = 1");
        }
        return file;
    }

    @Test
    void theFrozenVersionOneIsStillTheFirstMigration() {
        assertEquals(1, Schema.MIGRATIONS.get(0).version());
        assertEquals(V1_DDL, Schema.MIGRATIONS.get(0).statements());
    }

    @Test
    void aNewFileGetsTheCurrentSchemaAndOurApplicationId() throws SQLException {
        Path file = dir.resolve("new.db");
        SessionStore.open(file).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(Schema.CURRENT_VERSION, Schema.userVersion(connection));
            assertEquals(Schema.APPLICATION_ID, Schema.applicationId(connection));
            assertEquals("wal", single(connection, "PRAGMA journal_mode"));
        }
    }

    @Test
    void aVersionOneFileIsUpgradedInPlaceWithItsDataPreserved() throws Exception {
        Path file = versionOneFile();
        try (SessionStore store = SessionStore.open(file, Clock.systemUTC(), 2_000)) {
            assertTrue(store.recovered().isEmpty());
            // the upgraded store carries on numbering after the old sessions
            assertEquals(8, store.beginSession(TestSessions.start(TestSessions.START)).sessionId());
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(Schema.CURRENT_VERSION, Schema.userVersion(connection));
        }
        try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
            StoredSession session = archive.session(7);
            assertEquals("evening: decompression", session.routineName());
            assertEquals(SessionStatus.COMPLETE, session.status());
            assertEquals(180_000, session.summary().orElseThrow().totalTimeInvertedMs());
            assertEquals(35.12, session.summary().orElseThrow().maxAngleDeg());
            assertEquals(3, session.sampleCount());
            assertEquals(3, session.samplesRecorded(), "version 2 backfills samples_recorded from sample_count");
            assertEquals(1, session.samplesKeptEvery());
            List<StoredSample> samples = archive.samples(7);
            assertEquals(List.of(
                    new StoredSample(0, 65_535, 100, 1_740_810_600_000L, 1.25, 0, 3),
                    new StoredSample(1, 0, 120, 1_740_810_600_020L, 35.12, 20, 3)), samples.subList(0, 2));
            assertTrue(Double.isNaN(samples.get(2).angleDeg()));
            assertEquals("SENSOR_FAULT", archive.alarmEvents(7).get(0).reason());
            assertEquals("the routine", archive.limits(7).get(0).because());
        }
    }

    @Test
    void aReadOnlyOpenOfAVersionOneFileUpgradesItToo() throws Exception {
        Path file = versionOneFile();
        try (SessionArchive archive = SessionArchive.openReadOnly(file)) {
            assertEquals(3, archive.session(7).samplesRecorded());
        }
    }

    @Test
    void aMigrationThatFailsLeavesTheFileAtItsOldVersionWithItsData() throws Exception {
        Path file = versionOneFile();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            // a column version 2 is about to add: its ALTER TABLE fails half-way through the upgrade
            statement.execute("ALTER TABLE session ADD COLUMN samples_kept_every INTEGER");
        }
        StoreException failure = assertThrows(StoreException.class,
                () -> SessionStore.open(file, Clock.systemUTC(), 2_000));
        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(1, Schema.userVersion(connection));
            assertEquals("0", single(connection,
                    "SELECT count(*) FROM pragma_table_info('session') WHERE name = 'samples_recorded'"),
                    "the first ALTER of version 2 was rolled back with the failing second one");
            assertEquals("3", single(connection, "SELECT count(*) FROM sample"));
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
