package dev.hangtime.store;

/** A session id that the store does not hold: the user's input was wrong (exit code 2 at the CLI). */
public class UnknownSessionException extends RuntimeException {

    private final long sessionId;

    public UnknownSessionException(long sessionId, String message) {
        super(message);
        this.sessionId = sessionId;
    }

    public long sessionId() {
        return sessionId;
    }
}
