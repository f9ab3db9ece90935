package dev.hangtime.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    private final VirtualClock clock = new VirtualClock();
    private final List<String> log = new ArrayList<>();

    @Test
    void eventsRunInTimeOrderAndTiesInTheOrderTheyWereScheduled() {
        clock.scheduleAt(30, () -> log.add("c@" + clock.nowNanos()));
        clock.scheduleAt(10, () -> log.add("a@" + clock.nowNanos()));
        clock.scheduleAt(10, () -> log.add("b@" + clock.nowNanos()));
        clock.advanceTo(25);
        assertEquals(List.of("a@10", "b@10"), log);
        assertEquals(25, clock.nowNanos(), "time stops where it was advanced to");
        clock.advanceTo(30);
        assertEquals(List.of("a@10", "b@10", "c@30"), log);
    }

    @Test
    void aPeriodicEventAtThirtyHertzDoesNotDrift() {
        List<Long> times = new ArrayList<>();
        clock.periodicAtRate(30, () -> times.add(clock.nowNanos()));
        clock.advanceBy(Duration.ofHours(1));
        assertEquals(108_000, times.size());
        assertEquals(3_600_000_000_000L, times.get(times.size() - 1), "occurrence k is at exactly k/30 s");
        assertEquals(33_333_333L, times.get(0));
        assertEquals(66_666_667L, times.get(1));
    }

    @Test
    void aCancelledEventDoesNotRun() {
        VirtualClock.Timer t = clock.scheduleAt(10, () -> log.add("cancelled"));
        VirtualClock.Periodic p = clock.scheduleEvery(5, () -> log.add("tick"));
        t.cancel();
        clock.advanceTo(12);
        p.cancel();
        clock.advanceTo(100);
        assertEquals(List.of("tick", "tick"), log);
        assertEquals(List.of(), clock.pendingEventTimes());
    }

    @Test
    void eventsScheduledByAnEventRunInTheSameAdvanceWhenDue() {
        clock.scheduleAt(10, () -> clock.schedule(Duration.ofNanos(5), () -> log.add("child@" + clock.nowNanos())));
        clock.advanceTo(20);
        assertEquals(List.of("child@15"), log);
    }

    @Test
    void theAfterEventHookRunsAfterEachEventWithoutTheLock() {
        clock.setAfterEvent(() -> log.add("after, lock held: " + clock.lock().isHeldByCurrentThread()));
        clock.scheduleAt(1, () -> log.add("event, lock held: " + clock.lock().isHeldByCurrentThread()));
        clock.advanceTo(2);
        assertEquals(List.of("event, lock held: true", "after, lock held: false"), log);
    }

    @Test
    void runUntilStopsAsSoonAsTheConditionHoldsOrAtTheLimit() {
        clock.scheduleEvery(Duration.ofSeconds(1).toNanos(), () -> log.add("s"));
        assertTrue(clock.runUntil(() -> log.size() == 3, Duration.ofMinutes(1)));
        assertEquals(3_000_000_000L, clock.nowNanos());
        assertFalse(clock.runUntil(() -> false, Duration.ofSeconds(10)));
        assertEquals(13_000_000_000L, clock.nowNanos(), "the limit is relative to when runUntil was called");
    }

    @Test
    void advancingFromInsideAnEventIsRefused() {
        clock.scheduleAt(1, () -> clock.advanceTo(5));
        assertThrows(IllegalStateException.class, () -> clock.advanceTo(2));
    }

    @Test
    void theJavaClockViewReadsSimulatedTime() {
        clock.advanceBy(Duration.ofMinutes(90));
        assertEquals(VirtualClock.DEFAULT_EPOCH.plus(Duration.ofMinutes(90)), clock.asJavaClock().instant());
    }

    @Test
    void timeNeverGoesBackwards() {
        clock.advanceTo(100);
        clock.advanceTo(50);
        assertEquals(100, clock.nowNanos());
        clock.scheduleAt(10, () -> log.add("late@" + clock.nowNanos()));
        clock.advanceTo(101);
        assertEquals(List.of("late@100"), log, "an event in the past runs now");
        assertThrows(IllegalArgumentException.class, () -> clock.advanceBy(Duration.ofNanos(-1)));
    }
}
