package dev.hangtime.device;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * Logs at most one line per interval and says how many it held back, so a stream of garbage
 * bytes is visible in the log without flooding it (the counters carry the exact numbers).
 */
final class RateLimitedLog {

    private final long intervalNanos;
    private long lastLoggedAt;
    private boolean loggedOnce;
    private long suppressed;

    RateLimitedLog(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Logs at WARN unless a line went out less than an interval ago. Thread-safe. */
    void warn(Logger log, String format, Object... args) {
        long heldBack;
        synchronized (this) {
            long now = System.nanoTime();
            if (loggedOnce && now - lastLoggedAt < intervalNanos) {
                suppressed++;
                return;
            }
            loggedOnce = true;
            lastLoggedAt = now;
            heldBack = suppressed;
            suppressed = 0;
        }
        if (heldBack > 0) {
            log.warn(format + " (and " + heldBack + " like it since the last report)", args);
        } else {
            log.warn(format, args);
        }
    }
}
