package dev.hangtime.engine;

/**
 * Why an alarm is active. At most one alarm per reason is active at a time; its priority can
 * rise (MEDIUM to HIGH) while the reason persists. See docs/ROUTINES.md "Alarms" for each rule.
 */
public enum AlarmReason {
    /** The angle is within the advisory margin (default 5°) below the effective maximum angle. */
    ANGLE_APPROACHING_LIMIT,
    /** The angle is above the effective maximum angle. Always HIGH. */
    ANGLE_LIMIT,
    /** Time inverted is within the advisory margin (default 15 s) of its limit. */
    TIME_APPROACHING_LIMIT,
    /** Time inverted reached its limit while the user is still inverted. Always HIGH. */
    TIME_LIMIT,
    /** Continuous time above the routine's angle is within the advisory margin of its limit. */
    CONTINUOUS_TIME_APPROACHING_LIMIT,
    /** Continuous time above the routine's angle reached its limit. Always HIGH. */
    CONTINUOUS_TIME_LIMIT,
    /** No sample for longer than the stale timeout (default 500 ms). HIGH while inverted. */
    SENSOR_SILENT,
    /** The angle changed faster than a person on a table can move it: a glitch or a fall. */
    IMPLAUSIBLE_MOTION,
    /** The sensor sets its fault flag or sends an angle that is not a number. */
    SENSOR_FAULT,
    /** The sensor is not calibrated (tared), so its angle is not trusted. */
    NOT_CALIBRATED,
    /** Lost samples (sequence gaps) pile up faster than the leak rate of the gap counter. */
    SEQUENCE_GAPS,
    /** The link to the table is lost. HIGH while inverted (or when we cannot know). */
    LINK_LOST,
    /** The user has been motionless at a steep angle; MEDIUM asks for a sign, HIGH if none comes. */
    CHECK_IN,
    /** The ankle lock is open during a session (HIGH while inverted), or Start was pressed without it. */
    NOT_SECURED
}
