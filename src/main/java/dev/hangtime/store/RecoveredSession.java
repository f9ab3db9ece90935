package dev.hangtime.store;

import java.time.Instant;

/**
 * A session that a crash left IN_PROGRESS, marked INTERRUPTED when the store was next opened.
 *
 * @param sessionId   its id
 * @param startedAt   when it started
 * @param routineName the routine that was running
 * @param samples     samples found in the file
 * @param summary     the summary recomputed from those samples and the stored alarms
 */
public record RecoveredSession(long sessionId, Instant startedAt, String routineName, long samples,
                               StoredSummary summary) {
}
