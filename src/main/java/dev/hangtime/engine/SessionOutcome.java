package dev.hangtime.engine;

/** How a session ended. */
public enum SessionOutcome {
    /** Not started, or still running. */
    IN_PROGRESS,
    /** Every step done, and the user came upright. */
    COMPLETE,
    /** Ended early: the user stopped, or a HIGH alarm ended the routine. */
    ABORTED,
    /** The link to the table was lost during the session (even if it came back later). */
    INTERRUPTED
}
