package dev.hangtime.store;

import dev.hangtime.engine.EffectiveLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What is known when a session starts, stored in its {@code session} and {@code session_limit} rows.
 *
 * @param routineName       the routine, e.g. "morning: gentle inversion"
 * @param profileSummary    the user profile in one line, e.g. "beginner, week 1 of 2"
 * @param limits            the effective limits and, for each, what set it
 * @param deviceDescription the table in one line, e.g. "serial /dev/ttyUSB0, firmware 1.2, motorised"
 * @param startedAt         host wall-clock start
 */
public record SessionStart(String routineName, String profileSummary, EffectiveLimits limits,
                           String deviceDescription, Instant startedAt) {

    public SessionStart {
        Objects.requireNonNull(routineName, "routineName");
        Objects.requireNonNull(profileSummary, "profileSummary");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(deviceDescription, "deviceDescription");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** The limits as {@code session_limit} rows: one per value, each with its source and reason. */
    List<StoredLimit> limitRows() {
        List<StoredLimit> rows = new ArrayList<>(4);
        rows.add(new StoredLimit(StoredLimit.MAX_ANGLE, limits.maxAngle().maxAngleDeg(), "deg",
                limits.maxAngle().source().name(), limits.maxAngle().because()));
        rows.add(new StoredLimit(StoredLimit.MAX_TIME_INVERTED, limits.maxTimeInverted().maxMs(), "ms",
                limits.maxTimeInverted().source().name(), limits.maxTimeInverted().because()));
        limits.maxContinuous().ifPresent(continuous -> {
            rows.add(new StoredLimit(StoredLimit.MAX_CONTINUOUS, continuous.maxMs(), "ms",
                    continuous.source().name(), continuous.because()));
            rows.add(new StoredLimit(StoredLimit.CONTINUOUS_ABOVE_ANGLE, continuous.aboveAngleDeg(), "deg",
                    continuous.source().name(), continuous.because()));
        });
        return rows;
    }
}
