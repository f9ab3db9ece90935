package dev.hangtime.store;

/**
 * Told when a transaction fails (disk full, I/O error, a lock held too long). The writer keeps the
 * records and retries, so nothing is dropped while the process lives; the session loop should still tell
 * the user that recording is failing. Called on the writer thread: return quickly.
 */
@FunctionalInterface
public interface StoreFailureListener {
    /**
     * @param failure the store's message (names the file) with SQLite's error as its cause
     * @param attempt 1 for the first failure of this batch, then 2, 3, ... while it keeps failing
     */
    void writeFailed(StoreException failure, int attempt);
}
