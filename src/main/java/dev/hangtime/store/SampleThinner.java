package dev.hangtime.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hangtime sessions thin}: makes old sessions smaller by keeping one sample in N. Kept are every
 * sample whose ordinal is a multiple of N, each session's last sample (so the trace still ends where the
 * session ended), and every sample within {@value #KEEP_AROUND_ALARM_MS} ms of an alarm being raised or
 * cleared (so what led to an alarm stays at full resolution). Summaries, limits, alarms, commands and
 * phase changes are never touched; {@code samples_recorded} keeps the original count and
 * {@code samples_kept_every} says N. Each session is thinned in its own transaction, then the file is
 * compacted with VACUUM (which needs free disk space about the size of the file, for a moment).
 */
public final class SampleThinner {

    /** Largest N accepted: one sample in 1000 is one every 20 s at 50 Hz. */
    public static final int MAX_KEEP_EVERY = 1_000;
    /** Samples this close to an alarm transition are kept whatever N is. */
    public static final long KEEP_AROUND_ALARM_MS = 2_000;

    private static final Pattern AGE = Pattern.compile("(\\d{1,5})([dwy])");

    /**
     * @param sessions        sessions thinned (or that would be, in a dry run)
     * @param samplesRemoved  samples deleted (or that would be)
     * @param samplesKept     samples those sessions keep
     * @param fileBytesBefore the database file's size before
     * @param fileBytesAfter  and after (the same in a dry run)
     */
    public record Result(int sessions, long samplesRemoved, long samplesKept, long fileBytesBefore,
                         long fileBytesAfter) {
    }

    private SampleThinner() {
    }

    /** "90d", "26w", "1y" (365 days) as a duration; empty for anything else. */
    public static Optional<Duration> parseAge(String text) {
        Matcher matcher = AGE.matcher(text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long count = Long.parseLong(matcher.group(1));
        long days = switch (matcher.group(2)) {
            case "d" -> count;
            case "w" -> count * 7;
            default -> count * 365;
        };
        return Optional.of(Duration.ofDays(days));
    }

    /**
     * Thins every finished session that started before {@code startedBefore} and is not already thinned
     * to N (or a multiple of it). Takes the writer lock, so it refuses to run while a session is recorded.
     *
     * @throws StoreException when the store is in use, locked, damaged or not writable
     */
    public static Result thin(Path file, Instant startedBefore, int keepEvery, boolean dryRun) {
        if (keepEvery < 2 || keepEvery > MAX_KEEP_EVERY) {
            throw new IllegalArgumentException("keepEvery must be 2.." + MAX_KEEP_EVERY + ", was " + keepEvery);
        }
        long bytesBefore = size(file);
        WriterLock lock = WriterLock.acquire(file); // no recording while samples are deleted
        try {
            Connection connection = SqliteFiles.openReadWrite(file, SqliteFiles.DEFAULT_BUSY_TIMEOUT_MS);
            try {
                Schema.migrate(connection);
                List<long[]> candidates = candidates(connection, startedBefore, keepEvery);
                long removed = 0;
                long kept = 0;
                connection.setAutoCommit(false);
                for (long[] candidate : candidates) {
                    long sessionId = candidate[0];
                    long startedAtMs = candidate[1];
                    long toRemove = countRemovable(connection, sessionId, startedAtMs, keepEvery);
                    long total = count(connection, "SELECT count(*) FROM sample WHERE session_id = ?", sessionId);
                    if (!dryRun) {
                        remove(connection, sessionId, startedAtMs, keepEvery);
                        try (PreparedStatement update = connection.prepareStatement(
                                "UPDATE session SET sample_count = ?, samples_kept_every = ? WHERE id = ?")) {
                            update.setLong(1, total - toRemove);
                            update.setInt(2, keepEvery);
                            update.setLong(3, sessionId);
                            update.executeUpdate();
                        }
                        connection.commit();
                    }
                    removed += toRemove;
                    kept += total - toRemove;
                }
                connection.setAutoCommit(true);
                if (!dryRun && removed > 0) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("VACUUM");
                        // fold the WAL back into the file so its size on disk is the real result
                        statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                    }
                }
                return new Result(candidates.size(), removed, kept, bytesBefore, dryRun ? bytesBefore : size(file));
            } catch (SQLException e) {
                rollbackQuietly(connection);
                throw SqliteFiles.translate(e, file, "thin samples in");
            } finally {
                SqliteFiles.closeQuietly(connection);
            }
        } finally {
            lock.close();
        }
    }

    /** Finished sessions with samples, old enough, whose current N divides the new one and is smaller. */
    private static List<long[]> candidates(Connection connection, Instant startedBefore, int keepEvery)
            throws SQLException {
        List<long[]> candidates = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT id, started_at_ms FROM session
                WHERE started_at_ms < ? AND status <> 'IN_PROGRESS' AND sample_count > 0
                  AND samples_kept_every < ? AND ? % samples_kept_every = 0
                ORDER BY id""")) {
            query.setLong(1, startedBefore.toEpochMilli());
            query.setInt(2, keepEvery);
            query.setInt(3, keepEvery);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    candidates.add(new long[] {rows.getLong(1), rows.getLong(2)});
                }
            }
        }
        return candidates;
    }

    /** The samples that go: not a multiple of N, not the last, not near an alarm transition. */
    private static final String REMOVABLE = """
            FROM sample WHERE session_id = ?1 AND ordinal % ?2 <> 0
              AND ordinal < (SELECT max(ordinal) FROM sample WHERE session_id = ?1)
              AND NOT EXISTS (SELECT 1 FROM alarm_event a WHERE a.session_id = ?1
                              AND abs(a.at_ms - (?3 + sample.received_offset_ms)) <= ?4)""";

    private static long countRemovable(Connection connection, long sessionId, long startedAtMs, int keepEvery)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) " + REMOVABLE)) {
            bind(statement, sessionId, startedAtMs, keepEvery);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void remove(Connection connection, long sessionId, long startedAtMs, int keepEvery)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE " + REMOVABLE)) {
            bind(statement, sessionId, startedAtMs, keepEvery);
            statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, long sessionId, long startedAtMs, int keepEvery)
            throws SQLException {
        statement.setLong(1, sessionId);
        statement.setInt(2, keepEvery);
        statement.setLong(3, startedAtMs);
        statement.setLong(4, KEEP_AROUND_ALARM_MS);
    }

    private static long count(Connection connection, String sql, long sessionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the failure being reported matters more; SQLite rolls back on close anyway
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
