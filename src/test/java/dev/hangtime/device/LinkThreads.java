package dev.hangtime.device;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Checks that a closed link left no thread behind. */
public final class LinkThreads {

    private LinkThreads() {
    }

    /**
     * A test's teardown: closes each resource that was opened (nulls are skipped), in the order
     * given (a link before the table it talks to), then {@link #assertAllEnded(String)}.
     */
    public static void closeAndAssertAllEnded(String prefix, AutoCloseable... inOrder) throws Exception {
        for (AutoCloseable c : inOrder) {
            if (c != null) {
                c.close();
            }
        }
        assertAllEnded(prefix);
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
