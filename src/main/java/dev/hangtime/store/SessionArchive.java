package dev.hangtime.store;

import dev.hangtime.engine.SessionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads recorded sessions: the per-session summaries ({@link #sessions()}, fast at any history length
 * because they never touch the samples), and one session's limits, alarms, commands, state changes and
 * samples (streamed, never loaded whole).
 *
 * <p>{@link #openReadOnly} opens the file with SQLite's read-only flag: listing or exporting can never
 * change it, whatever its state. Not thread-safe: one archive per thread.
 */
public final class SessionArchive implements AutoCloseable {

    /** Receives samples one by one; may throw the I/O failure of whatever it writes them to. */
    @FunctionalInterface
    public interface SampleVisitor {
        void visit(StoredSample sample) throws IOException;
    }

    private static final String SESSION_COLUMNS = """
            id, started_at_ms, ended_at_ms, routine_name, profile_summary, device_description, status,
            summary_source, total_time_inverted_ms, band_0_30_ms, band_30_60_ms, band_60_90_ms, max_angle_mdeg,
            inversion_count, alarm_count_low, alarm_count_medium, alarm_count_high, steps_completed, steps_total,
            within_limits, missing_samples, discarded_samples, sample_count, samples_recorded, samples_kept_every""";

    private static final String SAMPLE_QUERY = """
            SELECT ordinal, sequence, device_time_ms, received_offset_ms, angle_mdeg, time_inverted_ms, flags
            FROM sample WHERE session_id = ?""";

    private final Connection connection;
    private final Path file;
    private final boolean ownsConnection;

    private SessionArchive(Connection connection, Path file, boolean ownsConnection) {
        this.connection = connection;
        this.file = file;
        this.ownsConnection = ownsConnection;
    }

    /** Opens an existing store read-only, waiting up to 5 s for another program's lock. */
    public static SessionArchive openReadOnly(Path file) {
        return openReadOnly(file, SqliteFiles.DEFAULT_BUSY_TIMEOUT_MS);
    }

    /**
     * Opens an existing store read-only. A store written by an older Hangtime is first upgraded in place
     * (one transaction, see {@link Schema#migrate}); a damaged, foreign or newer file is refused untouched.
     *
     * @param busyTimeoutMs how long to wait for another program's lock before reporting the file locked
     * @throws StoreException naming the file and the problem
     */
    public static SessionArchive openReadOnly(Path file, int busyTimeoutMs) {
        Connection connection = SqliteFiles.openReadOnly(file, busyTimeoutMs);
        try {
            int version = Schema.userVersion(connection);
            if (version < Schema.CURRENT_VERSION) {
                connection.close();
                SessionStore.upgradeInPlace(file, busyTimeoutMs);
                connection = SqliteFiles.openReadOnly(file, busyTimeoutMs);
            }
            return new SessionArchive(connection, file, true);
        } catch (SQLException e) {
            SqliteFiles.closeQuietly(connection);
            throw SqliteFiles.translate(e, file, "read");
        } catch (RuntimeException e) {
            SqliteFiles.closeQuietly(connection);
            throw e;
        }
    }

    /** An archive over the writer's own read connection (closed by the store, not by this archive). */
    static SessionArchive over(Connection connection, Path file) {
        return new SessionArchive(connection, file, false);
    }

    /** The database file read. */
    public Path file() {
        return file;
    }

    /**
     * True when a Hangtime process holds the store's writer lock now: an IN_PROGRESS session is then really
     * being recorded, otherwise a crash left it so and the next recording will recover it.
     */
    public boolean recordingNow() {
        return WriterLock.isHeld(file);
    }

    /** Every session, oldest first. Reads only the session rows. */
    public List<StoredSession> sessions() {
        return querySessions("SELECT " + SESSION_COLUMNS + " FROM session ORDER BY started_at_ms, id",
                statement -> { });
    }

    /** Sessions that started in {@code [from, to)}, oldest first (uses the started_at index). */
    public List<StoredSession> sessionsStartedBetween(Instant from, Instant to) {
        return querySessions("SELECT " + SESSION_COLUMNS
                        + " FROM session WHERE started_at_ms >= ? AND started_at_ms < ? ORDER BY started_at_ms, id",
                statement -> {
                    statement.setLong(1, from.toEpochMilli());
                    statement.setLong(2, to.toEpochMilli());
                });
    }

    /**
     * Every session as the engine's progression, budget and daily-plan functions take it, oldest first.
     * A session without a summary (in progress) counts as not inverted and without alarms.
     */
    public List<SessionRecord> sessionRecords() {
        return sessions().stream().map(SessionArchive::record).toList();
    }

    /** The engine's view of one stored session. */
    public static SessionRecord record(StoredSession session) {
        Optional<StoredSummary> summary = session.summary();
        return new SessionRecord(session.startedAt(), session.routineName(), session.status().outcome(),
                summary.map(StoredSummary::withinLimits).orElse(true), summary.map(StoredSummary::alarmCount).orElse(0),
                summary.map(StoredSummary::totalTimeInvertedMs).orElse(0L));
    }

    /** The most recent {@code count} sessions, newest last. */
    public List<StoredSession> latestSessions(int count) {
        List<StoredSession> newestFirst = querySessions("SELECT " + SESSION_COLUMNS
                        + " FROM session ORDER BY started_at_ms DESC, id DESC LIMIT ?",
                statement -> statement.setInt(1, count));
        List<StoredSession> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /**
     * One session.
     *
     * @throws UnknownSessionException when the store has no session with that id
     */
    public StoredSession session(long id) {
        List<StoredSession> found = querySessions("SELECT " + SESSION_COLUMNS + " FROM session WHERE id = ?",
                statement -> statement.setLong(1, id));
        if (found.isEmpty()) {
            throw new UnknownSessionException(id, "no session " + id + " in " + file
                    + " (`hangtime sessions list` shows the ids)");
        }
        return found.get(0);
    }

    /** The session's effective limits and what set each. */
    public List<StoredLimit> limits(long sessionId) {
        return query("SELECT name, value, unit, source, because FROM session_limit WHERE session_id = ? ORDER BY name",
                sessionId, rows -> new StoredLimit(rows.getString(1), rows.getDouble(2), rows.getString(3),
                        rows.getString(4), rows.getString(5)));
    }

    /** Alarms raised and cleared, in the order recorded. */
    public List<StoredAlarmEvent> alarmEvents(long sessionId) {
        return query("SELECT at_ms, transition, reason, priority, message, raised_at_ms FROM alarm_event "
                        + "WHERE session_id = ? ORDER BY id", sessionId,
                rows -> new StoredAlarmEvent(rows.getLong(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getLong(6)));
    }

    /** Commands sent to the table with their results, in the order sent. */
    public List<StoredCommand> commands(long sessionId) {
        return query("SELECT at_ms, command, arguments, result FROM command_event WHERE session_id = ? ORDER BY id",
                sessionId, rows -> new StoredCommand(rows.getLong(1), rows.getString(2), rows.getString(3),
                        rows.getString(4)));
    }

    /** Phase changes, in order. */
    public List<StoredStateChange> stateChanges(long sessionId) {
        return query("SELECT at_ms, from_phase, to_phase FROM state_change WHERE session_id = ? ORDER BY id",
                sessionId, rows -> new StoredStateChange(rows.getLong(1), rows.getString(2), rows.getString(3)));
    }

    /**
     * Streams the session's samples in recording order to {@code visitor}, one row at a time: memory use
     * does not grow with the session's length.
     *
     * @throws IOException whatever the visitor threw; reading stops there
     */
    public void forEachSample(long sessionId, SampleVisitor visitor) throws IOException {
        long startedAtMs = startedAtMs(sessionId);
        try (PreparedStatement statement = connection.prepareStatement(SAMPLE_QUERY + " ORDER BY ordinal")) {
            statement.setLong(1, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    visitor.visit(sampleRow(rows, startedAtMs));
                }
            }
        } catch (SQLException e) {
            throw SqliteFiles.translate(e, file, "read samples from");
        }
    }

    /** The session's last sample, read from the end of its key range (no scan). */
    public Optional<StoredSample> lastSample(long sessionId) {
        long startedAtMs = startedAtMs(sessionId);
        try (PreparedStatement statement = connection.prepareStatement(SAMPLE_QUERY + " ORDER BY ordinal DESC LIMIT 1")) {
            statement.setLong(1, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(sampleRow(rows, startedAtMs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteFiles.translate(e, file, "read samples from");
        }
    }

    /** Convenience for callers that cannot throw: wraps the visitor's IOException. */
    public List<StoredSample> samples(long sessionId) {
        List<StoredSample> samples = new ArrayList<>();
        try {
            forEachSample(sessionId, samples::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: adding to a list does no I/O
        }
        return samples;
    }

    @Override
    public void close() {
        if (ownsConnection) {
            SqliteFiles.closeQuietly(connection);
        }
    }

    private long countSamples(long sessionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM sample WHERE session_id = ?")) {
            statement.setLong(1, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long startedAtMs(long sessionId) {
        return session(sessionId).startedAt().toEpochMilli();
    }

    private static StoredSample sampleRow(ResultSet rows, long startedAtMs) throws SQLException {
        long angleMdeg = rows.getLong(5);
        double angleDeg = SampleCodec.angleDeg(angleMdeg, rows.wasNull());
        return new StoredSample(rows.getLong(1), rows.getInt(2), rows.getLong(3), startedAtMs + rows.getLong(4),
                angleDeg, rows.getLong(6), rows.getInt(7));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private List<StoredSession> querySessions(String sql, Binder binder) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<StoredSession> sessions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sessions.add(sessionRow(rows));
                }
            }
            // the writer sets sample_count when a session ends; until then, count the rows (rare: one session)
            for (int i = 0; i < sessions.size(); i++) {
                StoredSession session = sessions.get(i);
                if (session.status() == SessionStatus.IN_PROGRESS) {
                    long count = countSamples(session.id());
                    sessions.set(i, new StoredSession(session.id(), session.startedAt(), session.endedAt(),
                            session.routineName(), session.profileSummary(), session.deviceDescription(),
                            session.status(), session.summary(), count, count, session.samplesKeptEvery()));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw SqliteFiles.translate(e, file, "read sessions from");
        }
    }

    private <T> List<T> query(String sql, long sessionId, RowMapper<T> mapper) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, sessionId);
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
            }
            return result;
        } catch (SQLException e) {
            throw SqliteFiles.translate(e, file, "read");
        }
    }

    private static int countOrUnknown(ResultSet rows, int column) throws SQLException {
        int count = rows.getInt(column);
        return rows.wasNull() ? -1 : count;
    }

    private static double nullableAngle(ResultSet rows, int column) throws SQLException {
        long angleMdeg = rows.getLong(column);
        return SampleCodec.angleDeg(angleMdeg, rows.wasNull());
    }

    private static StoredSession sessionRow(ResultSet rows) throws SQLException {
        long endedAtMs = rows.getLong(3);
        Optional<Instant> endedAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(endedAtMs));
        String summarySource = rows.getString(8);
        Optional<StoredSummary> summary = summarySource == null ? Optional.empty() : Optional.of(new StoredSummary(
                rows.getLong(9), rows.getLong(10), rows.getLong(11), rows.getLong(12),
                nullableAngle(rows, 13), rows.getInt(14), rows.getInt(15), rows.getInt(16),
                rows.getInt(17), countOrUnknown(rows, 18), countOrUnknown(rows, 19), rows.getInt(20) != 0, rows.getLong(21),
                rows.getInt(22), summarySource));
        return new StoredSession(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), endedAt, rows.getString(4),
                rows.getString(5), rows.getString(6), SessionStatus.valueOf(rows.getString(7)), summary,
                rows.getLong(23), rows.getLong(24), rows.getInt(25));
    }
}
