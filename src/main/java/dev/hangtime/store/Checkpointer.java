package dev.hangtime.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into the database file from a thread and connection of its own. SQLite's automatic
 * checkpoint runs inside the commit that crosses 1000 WAL pages, so one sample in a thousand would wait
 * for a copy and an fsync of the database file; here the writer's commits never do (the writer connection
 * sets {@code wal_autocheckpoint = 0}). A PASSIVE checkpoint takes no lock the writer needs, so commits
 * go on while it runs. Checked once a second; runs when the WAL exceeds {@value #WAL_BYTES_TO_CHECKPOINT}
 * bytes.
 */
final class Checkpointer implements AutoCloseable {

    static final long WAL_BYTES_TO_CHECKPOINT = 4L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final Path walFile;
    private final Connection connection;
    private final ScheduledExecutorService executor;

    Checkpointer(Path databaseFile, Connection connection) {
        this.walFile = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        this.connection = connection;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hangtime-store-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        executor.scheduleWithFixedDelay(this::checkpointIfDue, 1, 1, TimeUnit.SECONDS);
    }

    private void checkpointIfDue() {
        try {
            if (Files.exists(walFile) && Files.size(walFile) > WAL_BYTES_TO_CHECKPOINT) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
                }
            }
        } catch (IOException | SQLException e) {
            // a missed checkpoint only lets the WAL grow until the next one; the data is safe in the WAL
            LOG.warn("WAL checkpoint of {} failed: {}", walFile, e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SqliteFiles.closeQuietly(connection);
    }
}
