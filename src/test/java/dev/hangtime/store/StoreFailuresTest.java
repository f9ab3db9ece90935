package dev.hangtime.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing, locked, damaged, foreign or newer file: a clear message naming it, and the file untouched. */
class StoreFailuresTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("hangtime.db");
    }

    private void recordOneSession(Path file, int samples) {
        try (SessionStore store = SessionStore.open(file)) {
            SessionRecorder recorder = store.beginSession(TestSessions.start(TestSessions.START));
            for (int i = 0; i < samples; i++) {
                recorder.recordSample(TestSessions.sample(i, TestSessions.START.toEpochMilli()));
            }
        }
    }

    @Test
    void readingAStoreThatDoesNotExistSaysSoAndCreatesNothing() {
        StoreException missing = assertThrows(StoreException.class, () -> SessionArchive.openReadOnly(file()));
        assertEquals(StoreException.Problem.MISSING, missing.problem());
        assertTrue(missing.getMessage().contains(file().toString()), missing.getMessage());
        assertFalse(Files.exists(file()));
    }

    @Test
    void aFileThatIsNotADatabaseIsNamedAndLeftUntouchedByReadersAndWriters() throws IOException {
        byte[] text = "shopping list: eggs, milk\n".repeat(400).getBytes(StandardCharsets.UTF_8);
        Files.write(file(), text);

        StoreException byReader = assertThrows(StoreException.class, () -> SessionArchive.openReadOnly(file()));
        assertEquals(StoreException.Problem.CORRUPT, byReader.problem());
        assertTrue(byReader.getMessage().contains(file() + " is not an SQLite database"), byReader.getMessage());

        StoreException byWriter = assertThrows(StoreException.class, () -> SessionStore.open(file()));
        assertEquals(StoreException.Problem.CORRUPT, byWriter.problem());

        assertArrayEquals(text, Files.readAllBytes(file()));
        assertFalse(Files.exists(dir.resolve("hangtime.db-wal")), "no journal was started on it");
    }

    @Test
    void aDatabaseWithDamagedPagesIsReportedAsDamagedAndNotModified() throws IOException {
        recordOneSession(file(), 5_000);
        // keep page 1 (the header) valid, overwrite everything after it with noise
        int pageSize = 4_096;
        byte[] noise = new byte[(int) Files.size(file()) - pageSize];
        new Random(42).nextBytes(noise);
        try (RandomAccessFile raw = new RandomAccessFile(file().toFile(), "rw")) {
            raw.seek(pageSize);
            raw.write(noise);
        }
        byte[] damaged = Files.readAllBytes(file());

        StoreException failure = assertThrows(StoreException.class, () -> {
            try (SessionArchive archive = SessionArchive.openReadOnly(file())) {
                archive.sessions();
            }
        });
        assertEquals(StoreException.Problem.CORRUPT, failure.problem());
        assertTrue(failure.getMessage().contains(file() + " is damaged"), failure.getMessage());
        assertArrayEquals(damaged, Files.readAllBytes(file()));
    }

    @Test
    void aDatabaseLockedByAnotherProgramIsReportedAfterTheBusyTimeout() throws Exception {
        recordOneSession(file(), 10);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = other.createStatement()) {
            // what an sqlite3 shell holding "BEGIN EXCLUSIVE" in exclusive locking mode does to everyone else
            statement.execute("PRAGMA locking_mode = EXCLUSIVE");
            statement.execute("BEGIN EXCLUSIVE");
            statement.execute("UPDATE session SET routine_name = routine_name");

            StoreException reader = assertThrows(StoreException.class, () -> {
                try (SessionArchive archive = SessionArchive.openReadOnly(file(), 100)) {
                    archive.sessions();
                }
            });
            assertEquals(StoreException.Problem.LOCKED, reader.problem());
            assertTrue(reader.getMessage().contains(file() + " is locked by another program"), reader.getMessage());

            StoreException writer = assertThrows(StoreException.class,
                    () -> SessionStore.open(file(), Clock.systemUTC(), 100));
            assertEquals(StoreException.Problem.LOCKED, writer.problem());
            statement.execute("ROLLBACK");
        }
        assertFalse(WriterLock.isHeld(file()), "a failed open releases the writer lock");
    }

    @Test
    void anotherApplicationsSqliteFileIsRefused() throws Exception {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = other.createStatement()) {
            statement.execute("CREATE TABLE recipes (name TEXT)");
        }
        byte[] before = Files.readAllBytes(file());
        StoreException refused = assertThrows(StoreException.class, () -> SessionStore.open(file()));
        assertEquals(StoreException.Problem.INCOMPATIBLE, refused.problem());
        assertTrue(refused.getMessage().contains("not a Hangtime session store"), refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
    }

    @Test
    void aStoreFromANewerHangtimeIsRefusedRatherThanMisread() throws Exception {
        recordOneSession(file(), 10);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = other.createStatement()) {
            statement.execute("PRAGMA user_version = " + (Schema.CURRENT_VERSION + 1));
        }
        StoreException refused = assertThrows(StoreException.class, () -> SessionArchive.openReadOnly(file()));
        assertEquals(StoreException.Problem.INCOMPATIBLE, refused.problem());
        assertTrue(refused.getMessage().contains("newer Hangtime"), refused.getMessage());
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsNamed() throws IOException {
        Path aFile = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path inside = aFile.resolve("hangtime.db");
        StoreException failure = assertThrows(StoreException.class, () -> SessionStore.open(inside));
        assertEquals(StoreException.Problem.IO, failure.problem());
        assertTrue(failure.getMessage().contains(aFile.toString()), failure.getMessage());
    }

    @Test
    void anUnknownSessionIdNamesTheIdAndTheFile() {
        recordOneSession(file(), 1);
        try (SessionArchive archive = SessionArchive.openReadOnly(file())) {
            UnknownSessionException unknown = assertThrows(UnknownSessionException.class, () -> archive.session(999));
            assertEquals(999, unknown.sessionId());
            assertTrue(unknown.getMessage().contains("no session 999 in " + file()), unknown.getMessage());
        }
    }
}
