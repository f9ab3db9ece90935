package dev.hangtime.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One session's row: what was run, on what, with which status and summary. Samples, alarms, commands and
 * state changes are read separately through {@link SessionArchive}.
 *
 * @param id                 the session id ({@code hangtime sessions show ID})
 * @param startedAt          host wall-clock start
 * @param endedAt            end, empty while in progress
 * @param routineName        the routine run, e.g. "morning: gentle inversion"
 * @param profileSummary     the user profile in one line, e.g. "beginner (week 1 of 2)"
 * @param deviceDescription  the table, e.g. "sim serial /dev/pts/3, firmware 1.2"
 * @param status             see {@link SessionStatus}
 * @param summary            empty while in progress
 * @param sampleCount        samples held in the file now
 * @param samplesRecorded    samples originally recorded (differs from sampleCount after thinning)
 * @param samplesKeptEvery   1, or N when old samples were thinned to every N-th
 */
public record StoredSession(long id, Instant startedAt, Optional<Instant> endedAt, String routineName,
                            String profileSummary, String deviceDescription, SessionStatus status,
                            Optional<StoredSummary> summary, long sampleCount, long samplesRecorded,
                            int samplesKeptEvery) {
}
