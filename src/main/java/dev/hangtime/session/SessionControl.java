package dev.hangtime.session;

/**
 * What a display may ask of the running session. Implementations only enqueue the request for the
 * session thread, so this is safe to call from any thread (a web request, the terminal).
 */
public interface SessionControl {

    /** The requests a user can make from a display. */
    enum Request {
        /** Begin the routine (the user is on the table and secured). */
        START,
        /** End the routine: the engine guides the user back to horizontal and upright. */
        STOP,
        /** Acknowledge the active advisory; a high alarm cannot be acknowledged away. */
        ACKNOWLEDGE,
        /** Answer a check-in prompt ("are you all right?"). */
        CHECK_IN
    }

    /**
     * Enqueues a request.
     *
     * @return false when the session no longer takes requests (it has ended)
     */
    boolean request(Request request);
}
