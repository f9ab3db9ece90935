package dev.hangtime.export;

import java.nio.file.Path;

/**
 * An export that could not be written. The message names the path and what to do; nothing was left
 * behind (no partial file, no temporary file, the existing file untouched).
 */
public class ExportException extends RuntimeException {

    private final transient Path path;
    private final boolean userInput;

    /**
     * @param userInput true when the user's choice of path is at fault (it exists, its directory is
     *                  missing or not writable): exit code 2 at the CLI; false for failures such as a
     *                  full disk
     */
    public ExportException(Path path, String message, boolean userInput, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.userInput = userInput;
    }

    public Path path() {
        return path;
    }

    public boolean userInput() {
        return userInput;
    }
}
