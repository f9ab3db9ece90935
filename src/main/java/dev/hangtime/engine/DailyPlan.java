package dev.hangtime.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The daily plan users of inversion tables follow (docs/ROUTINES.md "Daily plan"): upon waking,
 * bed stretches (2–3 min, a guided timer off the table); in the morning, a gentle inversion
 * (3–5 min); in the evening, breathing and inverted decompression (2–3 min). Pure: {@link #forDay}
 * takes the history and the time and says what is done and what is next; {@code hangtime today}
 * and the display show it.
 */
public final class DailyPlan {

    private DailyPlan() {
    }

    /** The plan's slots, in the order of the day. */
    public enum Slot {
        WAKING, MORNING, EVENING
    }

    /** An activity's state today. */
    public enum Status {
        /** Completed today, in its window. */
        DONE,
        /** The first activity neither done nor missed: do this next. */
        NEXT,
        /** Still to come, after the next one. */
        LATER,
        /** Its window has passed without it. */
        MISSED
    }

    /**
     * What the plan asks for in one slot.
     *
     * @param slot          the slot
     * @param title         e.g. "Morning: gentle inversion"
     * @param description   what it is, in plain words
     * @param routineName   the routine (on the table) or guided timer (off it) that does it
     * @param onTable       true for a table session (counts against the daily budget)
     * @param from          local time its window opens
     * @param until         local time its window closes (exclusive)
     * @param minDurationMs the published lower end of its duration
     * @param maxDurationMs the published upper end of its duration
     */
    public record Activity(Slot slot, String title, String description, String routineName, boolean onTable,
                           LocalTime from, LocalTime until, long minDurationMs, long maxDurationMs) {
        public Activity {
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(routineName, "routineName");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (!from.isBefore(until)) {
                throw new IllegalArgumentException("an activity's window must open before it closes");
            }
        }

        /** True when a session started at this local time falls in the window. */
        public boolean inWindow(LocalTime time) {
            return !time.isBefore(from) && time.isBefore(until);
        }

        public Activity withRoutine(String name, String newDescription) {
            return new Activity(slot, title, newDescription, name, onTable, from, until, minDurationMs, maxDurationMs);
        }
    }

    /**
     * The activities of a day, one per slot.
     *
     * @param activities in slot order
     */
    public record Template(List<Activity> activities) {

        public Template {
            activities = List.copyOf(activities);
        }

        /** The published plan with the built-in routines "morning" and "evening". */
        public static Template standard() {
            return new Template(List.of(
                    new Activity(Slot.WAKING, "Upon waking: bed stretches",
                            "Gentle stretches lying in bed, guided by a timer, before you get up.",
                            GuidedTimer.WAKE_STRETCHES.name(), false, LocalTime.of(4, 0), LocalTime.of(11, 0),
                            120_000, 180_000),
                    new Activity(Slot.MORNING, "Morning: gentle inversion",
                            "A gentle inversion on the table to decompress after the night.",
                            "morning", true, LocalTime.of(5, 0), LocalTime.of(13, 0), 180_000, 300_000),
                    new Activity(Slot.EVENING, "Evening: breathing and decompression",
                            "Slow breathing while inverted, to decompress before bed.",
                            "evening", true, LocalTime.of(16, 0), LocalTime.MAX, 120_000, 180_000)));
        }

        /**
         * This template with every table routine that the limits would refuse replaced by
         * {@code fallback} (when that one fits): a beginner in the first two weeks gets "beginner".
         *
         * @param routines the routines by name (built-in and the user's)
         * @param limits   the profile's caps today
         * @param fallback the routine to use instead, e.g. "beginner"
         */
        public Template fitting(Map<String, Routine> routines, ProfileLimits limits, String fallback) {
            List<Activity> out = new ArrayList<>();
            for (Activity a : activities) {
                Routine r = routines.get(a.routineName());
                Routine alternative = routines.get(fallback);
                if (a.onTable() && r != null && !fits(r, limits) && alternative != null && fits(alternative, limits)) {
                    out.add(a.withRoutine(fallback, a.description() + " Your limits do not allow '"
                            + a.routineName() + "' yet, so: '" + fallback + "'."));
                } else {
                    out.add(a);
                }
            }
            return new Template(out);
        }

        private static boolean fits(Routine routine, ProfileLimits limits) {
            return RoutineRules.conflicts(routine, EffectiveLimits.strictest(routine, limits, Double.NaN)).isEmpty();
        }
    }

    /**
     * One activity's state today.
     *
     * @param activity the activity
     * @param status   done, next, later or missed
     * @param doneBy   the session that did it, when done
     */
    public record Item(Activity activity, Status status, Optional<SessionRecord> doneBy) {
    }

    /**
     * The plan for one day.
     *
     * @param day    the local day
     * @param items  one per activity, in slot order
     * @param next   the item to do next, if any
     * @param budget whether a table session may start now
     */
    public record Plan(LocalDate day, List<Item> items, Optional<Item> next, DailyBudget.Decision budget) {
    }

    /**
     * The plan for the day of {@code now}. A session counts for an activity when it completed, ran
     * that activity's routine, and started that day inside the activity's window; each session
     * counts once.
     */
    public static Plan forDay(Template template, List<SessionRecord> history, Instant now, ZoneId zone,
                              DailyBudget.Rules budgetRules) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        Set<SessionRecord> used = new HashSet<>();
        List<Item> items = new ArrayList<>();
        boolean nextGiven = false;
        Item next = null;
        for (Activity a : template.activities()) {
            SessionRecord done = null;
            for (SessionRecord s : history) {
                ZonedDateTime started = s.startedAt().atZone(zone);
                if (!used.contains(s) && s.outcome() == SessionOutcome.COMPLETE && s.routineName().equals(a.routineName())
                        && started.toLocalDate().equals(day) && a.inWindow(started.toLocalTime())
                        && !s.startedAt().isAfter(now)) {
                    done = s;
                    break;
                }
            }
            Status status;
            if (done != null) {
                used.add(done);
                status = Status.DONE;
            } else if (!time.isBefore(a.until()) && a.until() != LocalTime.MAX) {
                status = Status.MISSED;
            } else if (!nextGiven) {
                status = Status.NEXT;
                nextGiven = true;
            } else {
                status = Status.LATER;
            }
            Item item = new Item(a, status, Optional.ofNullable(done));
            if (status == Status.NEXT) {
                next = item;
            }
            items.add(item);
        }
        return new Plan(day, List.copyOf(items), Optional.ofNullable(next),
                DailyBudget.check(budgetRules, history, now, zone));
    }
}
