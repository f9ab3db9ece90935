package dev.hangtime.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes sessions that a crash (kill -9, power loss) left IN_PROGRESS: each becomes INTERRUPTED with a
 * summary recomputed from its stored samples and alarms ({@link SummaryRecomputation}), and an end time
 * of its last stored record. Runs while the writer lock is held, so no live session is touched.
 */
final class SessionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRecovery.class);

    private SessionRecovery() {
    }

    static List<RecoveredSession> recoverInterrupted(Connection connection, java.nio.file.Path file) throws SQLException {
        List<long[]> stale = new ArrayList<>();
        List<String> routines = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT id, started_at_ms, routine_name FROM session WHERE status = 'IN_PROGRESS' ORDER BY id")) {
            while (rows.next()) {
                stale.add(new long[] {rows.getLong(1), rows.getLong(2)});
                routines.add(rows.getString(3));
            }
        }
        if (stale.isEmpty()) {
            return List.of();
        }
        // The archive reads over the same connection: the same snapshot as the update below.
        SessionArchive archive = SessionArchive.over(connection, file);
        List<RecoveredSession> recovered = new ArrayList<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int i = 0; i < stale.size(); i++) {
                long id = stale.get(i)[0];
                long startedAtMs = stale.get(i)[1];
                SummaryRecomputation recomputation = new SummaryRecomputation();
                try {
                    archive.forEachSample(id, recomputation::accept);
                } catch (IOException e) {
                    throw new IllegalStateException("unreachable: the recomputation does no I/O", e);
                }
                StoredSummary summary = recomputation.summary(archive.alarmEvents(id));
                long endedAtMs = Math.max(Math.max(startedAtMs, recomputation.lastReceivedAtMs()),
                        lastEventAtMs(connection, id));
                markInterrupted(connection, id, endedAtMs, summary, recomputation.samples());
                recovered.add(new RecoveredSession(id, Instant.ofEpochMilli(startedAtMs), routines.get(i),
                        recomputation.samples(), summary));
                LOG.warn("session {} was left in progress by a crash; marked interrupted ({} samples)", id,
                        recomputation.samples());
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return recovered;
    }

    private static long lastEventAtMs(Connection connection, long sessionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT max(coalesce((SELECT max(at_ms) FROM alarm_event WHERE session_id = ?1), 0),
                           coalesce((SELECT max(at_ms) FROM command_event WHERE session_id = ?1), 0),
                           coalesce((SELECT max(at_ms) FROM state_change WHERE session_id = ?1), 0))""")) {
            statement.setLong(1, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void markInterrupted(Connection connection, long id, long endedAtMs, StoredSummary summary,
                                        long samples) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE session SET status = 'INTERRUPTED', ended_at_ms = ?, summary_source = ?,
                    total_time_inverted_ms = ?, band_0_30_ms = ?, band_30_60_ms = ?, band_60_90_ms = ?,
                    max_angle_mdeg = ?, inversion_count = ?, alarm_count_low = ?, alarm_count_medium = ?,
                    alarm_count_high = ?, steps_completed = NULL, steps_total = NULL, within_limits = ?,
                    missing_samples = ?, discarded_samples = ?, sample_count = ?, samples_recorded = ?
                WHERE id = ? AND status = 'IN_PROGRESS'""")) {
            update.setLong(1, endedAtMs);
            update.setString(2, summary.source());
            update.setLong(3, summary.totalTimeInvertedMs());
            update.setLong(4, summary.band0To30Ms());
            update.setLong(5, summary.band30To60Ms());
            update.setLong(6, summary.band60To90Ms());
            Long maxAngleMdeg = SampleCodec.angleMdeg(summary.maxAngleDeg());
            if (maxAngleMdeg == null) {
                update.setNull(7, java.sql.Types.INTEGER);
            } else {
                update.setLong(7, maxAngleMdeg);
            }
            update.setInt(8, summary.inversions());
            update.setInt(9, summary.alarmsLow());
            update.setInt(10, summary.alarmsMedium());
            update.setInt(11, summary.alarmsHigh());
            update.setInt(12, summary.withinLimits() ? 1 : 0);
            update.setLong(13, summary.missingSamples());
            update.setInt(14, summary.discardedSamples());
            update.setLong(15, samples);
            update.setLong(16, samples);
            update.setLong(17, id);
            update.executeUpdate();
        }
    }
}
