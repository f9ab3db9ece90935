package dev.hangtime.store;

import dev.hangtime.engine.SessionOutcome;

/**
 * A stored session's status, the {@code session.status} column. Stored by name, so these names are part
 * of the file format (docs/STORE.md) and must not be renamed.
 */
public enum SessionStatus {
    /** Being recorded now, or left so by a crash until the next writer opens the store. */
    IN_PROGRESS,
    /** Ended through a return to upright, as the routine planned. */
    COMPLETE,
    /**
     * Cut short without an orderly end: the link to the table was lost (the engine's outcome), or the
     * program or computer stopped mid-session (found IN_PROGRESS and recovered by the next writer).
     */
    INTERRUPTED,
    /** Ended early on purpose or by an alarm (the engine's ABORTED outcome). */
    ABORTED;

    /**
     * The status for an engine outcome. The names match today, but the store keeps its own enum: these
     * names are in every file ever written and must stay readable whatever the engine renames.
     */
    public static SessionStatus of(SessionOutcome outcome) {
        return switch (outcome) {
            case IN_PROGRESS -> IN_PROGRESS;
            case COMPLETE -> COMPLETE;
            case ABORTED -> ABORTED;
            case INTERRUPTED -> INTERRUPTED;
        };
    }

    /** The engine's outcome for this status, for the daily-plan and progression functions. */
    public SessionOutcome outcome() {
        return switch (this) {
            case IN_PROGRESS -> SessionOutcome.IN_PROGRESS;
            case COMPLETE -> SessionOutcome.COMPLETE;
            case ABORTED -> SessionOutcome.ABORTED;
            case INTERRUPTED -> SessionOutcome.INTERRUPTED;
        };
    }
}
