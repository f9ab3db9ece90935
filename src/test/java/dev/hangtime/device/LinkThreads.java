package dev.hangtime.device;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Checks that a closed link left no thread behind. */
public final class LinkThreads {

    private LinkThreads() {
    }

    /** Every thread whose name starts with {@code prefix} ends within 10 s (joined, not polled). */
    public static void assertAllEnded(String prefix) throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                t.join(10_000);
                assertFalse(t.isAlive(), t.getName() + " still runs after close()");
            }
        }
    }
}
