package dev.hangtime.store;

/**
 * An alarm raised or cleared during a session, an {@code alarm_event} row. Reason and priority are
 * kept as the names the engine used at the time, so old files stay readable if the engine's enums change.
 *
 * @param atMs       host wall-clock time of the transition, milliseconds since the epoch
 * @param transition {@code RAISED} or {@code CLEARED}
 * @param raisedAtMs when the alarm was first raised (same as {@code atMs} for a RAISED row)
 */
public record StoredAlarmEvent(long atMs, String transition, String reason, String priority, String message,
                               long raisedAtMs) {
    public static final String RAISED = "RAISED";
    public static final String CLEARED = "CLEARED";
}
