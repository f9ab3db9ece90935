package dev.hangtime.engine;

/** What the display may say about the limits right now. */
public enum LimitStatus {
    /** Fresh, trusted data inside every limit with no advisory. */
    WITHIN_LIMITS,
    /** An advisory is active: near the angle limit, or little time left. */
    APPROACHING_LIMIT,
    /** A limit is reached: return now. */
    AT_LIMIT,
    /** No fresh trusted data (stale, silent, faulty, link lost): nothing can be claimed. */
    UNKNOWN
}
