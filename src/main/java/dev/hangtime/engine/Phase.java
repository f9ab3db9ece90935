package dev.hangtime.engine;

/**
 * Where a session is. Phases describe the routine; alarms are an overlay on them (a LOW or MEDIUM
 * advisory never changes the phase), except that while any HIGH alarm is active during a session
 * the phase is {@link #ALARM}: the routine is abandoned and the only way on is back to horizontal.
 * When the HIGH alarms clear, the phase becomes {@link #RETURNING} or {@link #RESTING} of the way out.
 */
public enum Phase {
    /** No session, and the user is not (known to be) secured on the table. */
    IDLE,
    /** No session yet; the user is secured and the data is fresh: Start may be pressed. */
    READY,
    /** A tilt step: moving to the step's angle band. */
    INVERTING,
    /** A hold step: staying in the band for the step's minimum (up to its maximum) duration. */
    HOLDING,
    /** On the way back: up to near horizontal, or from there to upright. */
    RETURNING,
    /** Resting near horizontal (not inverted, not yet upright) for the rest's duration. */
    RESTING,
    /** The routine finished and the user came upright. Terminal. */
    COMPLETE,
    /** The session ended early (stopped, after an alarm, or after a link loss); the summary says which. Terminal. */
    ENDED,
    /** A HIGH alarm is active during a session. */
    ALARM,
    /** The link to the table is lost during a session: nothing is known until it returns. */
    INTERRUPTED;

    /** True for the phases after which nothing more happens in this session. */
    public boolean terminal() {
        return this == COMPLETE || this == ENDED;
    }
}
