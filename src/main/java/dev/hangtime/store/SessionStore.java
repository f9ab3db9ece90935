package dev.hangtime.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The session store opened for recording: one per file and process (a writer lock makes sure), with a
 * single writer thread that commits what {@link SessionRecorder}s queue (group commit, docs/STORE.md
 * "Durability"). Opening it brings the schema up to date and recovers sessions a crash left
 * IN_PROGRESS: they become INTERRUPTED with a summary recomputed from their stored samples.
 *
 * <p>Close it to commit what is queued; the {@code run} command does so from a shutdown hook too.
 */
public final class SessionStore implements AutoCloseable {

    private final Path file;
    private final Clock clock;
    private final int busyTimeoutMs;
    private final WriterLock writerLock;
    private final Connection writeConnection;
    private final StoreWriter writer;
    private final Checkpointer checkpointer;
    private final AtomicLong nextSessionId;
    private final List<RecoveredSession> recovered;
    private Connection readConnection;
    private boolean closed;

    private SessionStore(Path file, Clock clock, int busyTimeoutMs, WriterLock writerLock, Connection writeConnection,
                         long nextSessionId, List<RecoveredSession> recovered) throws SQLException {
        this.file = file;
        this.clock = clock;
        this.busyTimeoutMs = busyTimeoutMs;
        this.writerLock = writerLock;
        this.writeConnection = writeConnection;
        this.nextSessionId = new AtomicLong(nextSessionId);
        this.recovered = List.copyOf(recovered);
        try (Statement statement = writeConnection.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0"); // the Checkpointer's job, off the commit path
        }
        this.writer = new StoreWriter(writeConnection, file);
        this.checkpointer = new Checkpointer(file, SqliteFiles.openReadWrite(file, busyTimeoutMs));
        writer.start();
        checkpointer.start();
    }

    /** Opens (creating if needed) the store at {@code file} with the system clock and a 5 s busy timeout. */
    public static SessionStore open(Path file) {
        return open(file, Clock.systemUTC(), SqliteFiles.DEFAULT_BUSY_TIMEOUT_MS);
    }

    /**
     * Opens the store for recording.
     *
     * @param clock         supplies end times when the engine's summary has none
     * @param busyTimeoutMs how long to wait for another program's lock on the file
     * @throws StoreException when another process records into the file, or the file is locked, damaged,
     *                        foreign, from a newer Hangtime, or not writable; the file is left untouched
     */
    public static SessionStore open(Path file, Clock clock, int busyTimeoutMs) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        createParentDirectory(file);
        WriterLock lock = WriterLock.acquire(file);
        Connection connection = null;
        try {
            connection = SqliteFiles.openReadWrite(file, busyTimeoutMs);
            Schema.migrate(connection);
            List<RecoveredSession> recovered = SessionRecovery.recoverInterrupted(connection, file);
            long nextId = maxSessionId(connection) + 1;
            return new SessionStore(file, clock, busyTimeoutMs, lock, connection, nextId, recovered);
        } catch (SQLException e) {
            SqliteFiles.closeQuietly(connection);
            lock.close();
            throw SqliteFiles.translate(e, file, "open");
        } catch (RuntimeException e) {
            SqliteFiles.closeQuietly(connection);
            lock.close();
            throw e;
        }
    }

    /**
     * Brings an older store's schema up to date without recording anything: used when a read-only command
     * meets a file from an older Hangtime. One transaction: the file is upgraded completely or not at all.
     */
    static void upgradeInPlace(Path file, int busyTimeoutMs) {
        Connection connection = SqliteFiles.openReadWrite(file, busyTimeoutMs);
        try {
            Schema.migrate(connection);
        } catch (SQLException e) {
            throw SqliteFiles.translate(e, file, "upgrade");
        } finally {
            SqliteFiles.closeQuietly(connection);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** Sessions that this open found IN_PROGRESS (a crash) and marked INTERRUPTED; usually empty. */
    public List<RecoveredSession> recovered() {
        return recovered;
    }

    /**
     * Starts recording a session: the session row is queued (not yet durable when this returns), and the
     * id is assigned at once, so the caller never waits for the disk.
     */
    public SessionRecorder beginSession(SessionStart start) {
        Objects.requireNonNull(start, "start");
        long id = nextSessionId.getAndIncrement();
        long startedAtMs = start.startedAt().toEpochMilli();
        SessionRecorder recorder = new SessionRecorder(id, startedAtMs, writer, clock);
        writer.submit(new WriteOp.BeginSession(id, startedAtMs, start.routineName(), start.profileSummary(),
                start.deviceDescription(), start.limitRows(), System.nanoTime()));
        return recorder;
    }

    /** Told when a transaction fails and is being retried (see {@link StoreFailureListener}). */
    public void addFailureListener(StoreFailureListener listener) {
        writer.addFailureListener(Objects.requireNonNull(listener, "listener"));
    }

    /** What the writer thread has done so far. */
    public StoreStats stats() {
        return writer.stats();
    }

    /**
     * Reads committed sessions over a second connection (WAL lets it read while the writer writes). The
     * archive is owned by this store: do not close it; use it from one thread.
     */
    public synchronized SessionArchive archive() {
        if (readConnection == null) {
            readConnection = SqliteFiles.openReadOnly(file, busyTimeoutMs);
        }
        return SessionArchive.over(readConnection, file);
    }

    /**
     * Commits everything queued, stops the writer thread and releases the file.
     *
     * @throws StoreException if records could not be written (they are counted in the message)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        checkpointer.close();
        try {
            writer.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            SqliteFiles.closeQuietly(readConnection);
            SqliteFiles.closeQuietly(writeConnection);
            writerLock.close();
        }
        long lost = writer.lostRecords();
        if (lost > 0) {
            throw new StoreException(StoreException.Problem.IO, file,
                    lost + " records could not be written to " + file + " before it was closed; see the log");
        }
    }

    private static long maxSessionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(id), 0) FROM session")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void createParentDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StoreException(StoreException.Problem.IO, file,
                    "cannot create the data directory " + parent + ": " + e.getMessage(), e);
        }
    }
}
