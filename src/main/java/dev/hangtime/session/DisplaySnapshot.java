package dev.hangtime.session;

import java.util.List;

/**
 * Everything a display shows at one instant of a session, in plain values: the web page renders
 * it from JSON and the terminal status line from the record itself. Made by the session loop from
 * the engine's display state; never carries a stale or untrusted angle as current ({@link #angleDeg}
 * is null, and {@link #angleWithheld} says why, whenever the reading cannot be vouched for).
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
 * @param angleDeg            the current angle, or null when there is no fresh, trusted reading
 * @param angleWithheld       why there is no angle ("sensor silent", "link lost", "sensor fault"...),
 *                            null when {@code angleDeg} is shown
 * @param sampleSeq           device sequence number of the reading shown, or null
 * @param sampleAgeMs         age of that reading on the session clock, or null
 * @param sampleReceivedEpochMs host wall-clock time the reading arrived, or null
 * @param stepName            the routine step in progress, or null
 * @param instruction         what the user should do next, in plain words
 * @param notice              a short-lived notice (e.g. why Start was refused), "" when none
 * @param countdowns          running countdowns, most urgent first
 * @param timeInvertedMs      time inverted so far in this session
 * @param timeInvertedLimitMs the effective limit on time inverted, or null
 * @param gauge               the angle bands the gauge draws
 * @param limits              the limits in force and what sets each
 * @param alarms              active alarms, highest priority first
 * @param sounding            the priority whose tone should sound now ({@code HIGH}, {@code MEDIUM},
 *                            {@code LOW}): unacknowledged alarms only; null when silent
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
        String angleWithheld,
        Long sampleSeq,
        Long sampleAgeMs,
        Long sampleReceivedEpochMs,
        String stepName,
        String instruction,
        String notice,
        List<Countdown> countdowns,
        long timeInvertedMs,
        Long timeInvertedLimitMs,
        Gauge gauge,
        List<LimitInForce> limits,
        List<AlarmView> alarms,
        String sounding,
        String link,
        boolean ended,
        List<String> summary) {

    public DisplaySnapshot {
        countdowns = List.copyOf(countdowns);
        limits = List.copyOf(limits);
        alarms = List.copyOf(alarms);
        summary = List.copyOf(summary);
        if ((angleDeg == null) == (angleWithheld == null)) {
            throw new IllegalArgumentException("an angle is either shown or withheld with a reason, got "
                    + angleDeg + " / " + angleWithheld);
        }
    }

    /** A copy with another notice. */
    public DisplaySnapshot withNotice(String newNotice) {
        return new DisplaySnapshot(seq, sessionId, routineName, device, simulated, clockMs, phase, phaseLabel, inverted,
                angleDeg, angleWithheld, sampleSeq, sampleAgeMs, sampleReceivedEpochMs, stepName, instruction,
                newNotice, countdowns, timeInvertedMs, timeInvertedLimitMs, gauge, limits, alarms, sounding, link,
                ended, summary);
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
