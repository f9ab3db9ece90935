package dev.hangtime.session;

import java.util.List;

/**
 * Everything a display shows at one instant of a session, in plain values: the web page renders
 * it from JSON and the terminal status line from the record itself. Made by the session loop from
 * the engine's display state; never carries a stale angle as current ({@link #angleDeg} is null
 * whenever the engine says the reading is stale).
 *
 * <p>Units: angles in degrees from horizontal, positive head-down; durations in milliseconds;
 * {@code clockMs} is the session clock (virtual under the simulator); {@code *EpochMs} fields are
 * the host's wall clock, for latency measurement.
 *
 * @param seq                 increasing per session loop; the display's event id
 * @param sessionId           the store's id of the session, null before it is recorded
 * @param routineName         the routine being run
 * @param device              what the table link is ("simulated table", "serial /dev/ttyUSB0"...)
 * @param simulated           true when the table is the built-in simulator
 * @param clockMs             session clock time of this snapshot
 * @param phase               the engine's phase name, e.g. {@code HOLDING}
 * @param phaseLabel          the phase in words, e.g. "Holding"
 * @param inverted            the engine considers the user inverted (drives the display's flip mode)
 * @param angleDeg            the current angle, or null when there is no fresh reading
 * @param angleStale          true when the last reading is older than the stale timeout or the link is down
 * @param sampleSeq           device sequence number of the reading shown, or null
 * @param sampleAgeMs         age of that reading on the session clock, or null
 * @param sampleReceivedEpochMs host wall-clock time the reading arrived, or null
 * @param stepName            the routine step in progress, or null
 * @param instruction         what the user should do next, in plain words
 * @param countdowns          running countdowns, most urgent first
 * @param timeInvertedMs      time inverted so far in this session
 * @param timeInvertedLimitMs the effective limit on time inverted, or null
 * @param gauge               the angle bands the gauge draws
 * @param limits              the limits in force and what sets each
 * @param alarms              active alarms, highest priority first
 * @param link                the state of the table link in words ("connected", "lost: ...")
 * @param ended               true once the session has finished (the summary is final)
 * @param summary             the summary lines once ended, else empty
 */
public record DisplaySnapshot(
        long seq,
        String sessionId,
        String routineName,
        String device,
        boolean simulated,
        long clockMs,
        String phase,
        String phaseLabel,
        boolean inverted,
        Double angleDeg,
        boolean angleStale,
        Long sampleSeq,
        Long sampleAgeMs,
        Long sampleReceivedEpochMs,
        String stepName,
        String instruction,
        List<Countdown> countdowns,
        long timeInvertedMs,
        Long timeInvertedLimitMs,
        Gauge gauge,
        List<LimitInForce> limits,
        List<AlarmView> alarms,
        String link,
        boolean ended,
        List<String> summary) {

    public DisplaySnapshot {
        countdowns = List.copyOf(countdowns);
        limits = List.copyOf(limits);
        alarms = List.copyOf(alarms);
        summary = List.copyOf(summary);
        if (angleStale && angleDeg != null) {
            throw new IllegalArgumentException("a stale reading must not be shown as an angle");
        }
    }

    /** The most urgent alarm, or null when none is active. */
    public AlarmView topAlarm() {
        return alarms.isEmpty() ? null : alarms.get(0);
    }

    /**
     * A running countdown.
     *
     * @param label       what ends when it reaches zero ("hold", "return in")
     * @param remainingMs milliseconds left, never negative
     */
    public record Countdown(String label, long remainingMs) {
        public Countdown {
            remainingMs = Math.max(0, remainingMs);
        }
    }

    /**
     * The angle bands of the gauge, in degrees.
     *
     * @param maxAngleDeg      the effective maximum angle: beyond it is the alarm band
     * @param advisoryAngleDeg where the advisory band begins (below the maximum)
     * @param targetMinDeg     lower edge of the current step's target band, or null
     * @param targetMaxDeg     upper edge of the current step's target band, or null
     */
    public record Gauge(double maxAngleDeg, double advisoryAngleDeg, Double targetMinDeg, Double targetMaxDeg) {
    }

    /**
     * One limit in force.
     *
     * @param name     what is limited ("Angle", "Time inverted")
     * @param value    the limit in words ("30°", "2:00")
     * @param source   what sets it ("your beginner profile", "the table")
     */
    public record LimitInForce(String name, String value, String source) {
    }

    /**
     * An active alarm.
     *
     * @param reason       the engine's reason code, e.g. {@code ANGLE_LIMIT}
     * @param priority     {@code HIGH}, {@code MEDIUM} or {@code LOW} (IEC 60601-1-8)
     * @param message      what to do, in plain words ("Return to horizontal now")
     * @param raisedAtMs   session clock time it was raised
     * @param acknowledgeable true when the user may acknowledge it (advisories)
     */
    public record AlarmView(String reason, String priority, String message, long raisedAtMs,
                            boolean acknowledgeable) {
    }
}
