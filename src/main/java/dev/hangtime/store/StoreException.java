package dev.hangtime.store;

import java.nio.file.Path;

/**
 * A session store that cannot be used as asked. The message is written for the user: it names the file
 * and what to do. {@link #problem()} lets the caller choose an exit code without parsing the message.
 */
public class StoreException extends RuntimeException {

    /** What went wrong, coarsely. */
    public enum Problem {
        /** The database file does not exist (read-only commands never create it). */
        MISSING,
        /** Another connection holds a lock longer than the busy timeout. */
        LOCKED,
        /** Another Hangtime process is recording into the same file. */
        IN_USE,
        /** The file is not an SQLite database, or its pages are damaged. */
        CORRUPT,
        /** A valid SQLite file that is not a Hangtime store, or one written by a newer Hangtime. */
        INCOMPATIBLE,
        /** The file system refused (permissions, disk full, I/O error). */
        IO
    }

    private final transient Path file;
    private final Problem problem;

    public StoreException(Problem problem, Path file, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.file = file;
    }

    public StoreException(Problem problem, Path file, String message) {
        this(problem, file, message, null);
    }

    public Problem problem() {
        return problem;
    }

    /** The database file concerned. */
    public Path file() {
        return file;
    }
}
