package dev.hangtime.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How many table sessions a day, and how far apart. Pure: the history and the time are inputs.
 * Only sessions that actually inverted ({@code timeInvertedMs > 0}) count; off-table activities and
 * sessions stopped before inverting do not.
 */
public final class DailyBudget {

    private DailyBudget() {
    }

    /**
     * The budget rules.
     *
     * @param maxSessionsPerDay at most this many sessions per local calendar day, 1..10
     * @param minGapMs          at least this long between the starts of two sessions, ms, 0..24 h
     */
    public record Rules(int maxSessionsPerDay, long minGapMs) {
        /** Guidance says two or three times a day (docs/ROUTINES.md); two hours apart is our choice. */
        public static final Rules DEFAULT = new Rules(3, 2 * 3_600_000L);

        public Rules {
            if (maxSessionsPerDay < 1 || maxSessionsPerDay > 10) {
                throw new IllegalArgumentException("maxSessionsPerDay must be 1..10, was " + maxSessionsPerDay);
            }
            if (minGapMs < 0 || minGapMs > 24 * 3_600_000L) {
                throw new IllegalArgumentException("minGapMs must be 0..24 h, was " + minGapMs);
            }
        }
    }

    /**
     * Whether a session may start now.
     *
     * @param allowed        true when it may
     * @param reason         plain words: why not, or how many remain today
     * @param nextAllowedAt  when one may start, if not now (empty when allowed)
     * @param sessionsToday  sessions that count, started today (local day)
     * @param maxSessionsPerDay the rule, for the display
     */
    public record Decision(boolean allowed, String reason, Optional<Instant> nextAllowedAt,
                           int sessionsToday, int maxSessionsPerDay) {
        public Decision {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(nextAllowedAt, "nextAllowedAt");
        }
    }

    /**
     * Checks the budget.
     *
     * @param rules   the profile's rules
     * @param history past sessions, any order (future ones are ignored)
     * @param now     the current instant
     * @param zone    the user's time zone (defines "a day")
     */
    public static Decision check(Rules rules, List<SessionRecord> history, Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        int todayCount = 0;
        Instant latest = null;
        for (SessionRecord s : history) {
            if (s.timeInvertedMs() <= 0 || s.startedAt().isAfter(now)) {
                continue;
            }
            if (s.startedAt().atZone(zone).toLocalDate().equals(today)) {
                todayCount++;
            }
            if (latest == null || s.startedAt().isAfter(latest)) {
                latest = s.startedAt();
            }
        }
        Instant gapEnds = latest == null ? null : latest.plusMillis(rules.minGapMs());
        boolean gapOk = gapEnds == null || !now.isBefore(gapEnds);
        if (todayCount >= rules.maxSessionsPerDay()) {
            Instant tomorrow = today.plusDays(1).atStartOfDay(zone).toInstant();
            Instant next = gapEnds != null && gapEnds.isAfter(tomorrow) ? gapEnds : tomorrow;
            return new Decision(false, "You have had " + todayCount + " of " + rules.maxSessionsPerDay()
                    + " sessions today; the next one is tomorrow.", Optional.of(next), todayCount,
                    rules.maxSessionsPerDay());
        }
        if (!gapOk) {
            long waitMs = gapEnds.toEpochMilli() - now.toEpochMilli();
            return new Decision(false, "Sessions need " + Words.duration(rules.minGapMs())
                    + " between them; wait " + Words.duration(waitMs) + " more.", Optional.of(gapEnds),
                    todayCount, rules.maxSessionsPerDay());
        }
        int left = rules.maxSessionsPerDay() - todayCount;
        return new Decision(true, left + " of " + rules.maxSessionsPerDay() + " sessions left today.",
                Optional.empty(), todayCount, rules.maxSessionsPerDay());
    }
}
