package dev.hangtime.engine;

/** Who set an effective limit: the strictest of the three wins (DESIGN.md "The session engine"). */
public enum LimitSource {
    /** What the table can physically reach, from its Device Info. */
    TABLE,
    /** The routine's own limits. */
    ROUTINE,
    /** The user's profile: beginner period, progression level, physician clearance, personal caps. */
    PROFILE
}
