package dev.hangtime.store;

/**
 * One effective limit of a session and what set it, a {@code session_limit} row.
 *
 * @param name    {@value #MAX_ANGLE}, {@value #MAX_TIME_INVERTED}, {@value #MAX_CONTINUOUS} or
 *                {@value #CONTINUOUS_ABOVE_ANGLE}
 * @param value   its value, in {@code unit}
 * @param unit    {@code deg} or {@code ms}
 * @param source  what set it: {@code TABLE}, {@code ROUTINE} or {@code PROFILE} (the strictest wins)
 * @param because the engine's plain words for the rule, completing "limited to 30° by ..."
 */
public record StoredLimit(String name, double value, String unit, String source, String because) {
    /** The maximum angle, degrees. */
    public static final String MAX_ANGLE = "maxAngleDeg";
    /** The maximum time inverted in the session, milliseconds. */
    public static final String MAX_TIME_INVERTED = "maxTimeInvertedMs";
    /** The maximum continuous stay above {@link #CONTINUOUS_ABOVE_ANGLE}, milliseconds. */
    public static final String MAX_CONTINUOUS = "maxContinuousMs";
    /** The angle above which a stay counts towards {@link #MAX_CONTINUOUS}, degrees. */
    public static final String CONTINUOUS_ABOVE_ANGLE = "continuousAboveAngleDeg";
}
