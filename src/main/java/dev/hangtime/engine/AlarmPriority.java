package dev.hangtime.engine;

/**
 * Alarm priorities after IEC 60601-1-8 (medical electrical equipment, alarm systems):
 * the priority says how soon the user must respond, not how bad the cause is.
 */
public enum AlarmPriority {
    /** Awareness: the user should know (for example: 15 s of inversion left). Yellow/cyan, no urgency. */
    LOW,
    /** Prompt response: act soon (for example: 5° from the angle limit). Yellow. */
    MEDIUM,
    /** Immediate response: return now (a limit is reached or the sensor cannot be trusted). Red. */
    HIGH;

    /** The more urgent of two priorities; {@code null} counts as "no alarm". */
    public static AlarmPriority max(AlarmPriority a, AlarmPriority b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
