package dev.hangtime.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The engine's whole state between two events. Immutable to everyone outside this package: the
 * engine copies it at the start of each {@link SessionEngine#step} and changes only the copy, so a
 * state may be kept, compared with a later one, or stepped again with the same result.
 */
public final class SessionState {

    // Exit path stages (after Stop, a HIGH alarm or a link loss): horizontal, rest, upright.
    static final int EXIT_NONE = 0;
    static final int EXIT_TO_HORIZONTAL = 1;
    static final int EXIT_REST = 2;
    static final int EXIT_UPRIGHT = 3;

    static final Alarm[] NO_ALARMS = new Alarm[AlarmReason.values().length];

    Phase phase = Phase.IDLE;

    // --- session
    boolean sessionActive;
    boolean sessionEnded;
    long sessionStartedAtMs = -1;
    long sessionEndedAtMs = -1;
    SessionOutcome outcome = SessionOutcome.IN_PROGRESS;
    boolean interrupted;
    boolean abandoned;
    int exitStage = EXIT_NONE;
    long exitCreditMs;
    int stepIndex;
    long stepCreditMs;
    boolean inZone;
    boolean everInverted;
    int stepsCompleted;
    int stepsTotal;

    // --- the latest sample, whatever its quality
    boolean haveSample;
    int lastSequence;
    long lastDeviceTimeMs;
    long lastReceivedAtMs;
    double lastAngleDeg = Double.NaN;
    boolean lastCalibrated;
    boolean lastSecured;
    boolean lastFault;
    boolean lastTrusted;
    boolean lastImplausible;
    boolean sampleSaysMotorised;

    // --- the previous finite angle, for the angular rate
    boolean haveFinite;
    double finiteAngleDeg;
    long finiteDeviceTimeMs;
    long finiteReceivedAtMs;

    // --- the latest trusted angle and what follows from it
    boolean haveTrusted;
    double trustedAngleDeg;
    boolean inverted;
    boolean aboveContinuous;
    long continuousRunMs;
    double motionAnchorDeg;
    long motionAnchorMs;
    long implausibleUntilMs = Long.MIN_VALUE;

    // --- sequence gaps: a leaky counter of lost samples
    double gapLevel;
    long gapLevelAtMs;

    // --- link
    boolean linkUp = true;
    boolean awaitingFreshSample;
    String linkLostReason = "";

    // --- table
    boolean capabilitiesKnown;
    double tableMinDeg = Double.NaN;
    double tableMaxDeg = Double.NaN;
    boolean tableMotorised;

    // --- effective limits (objects for people, primitives for the hot path)
    EffectiveLimits limits;
    List<String> limitExplanations;
    double maxAngleDeg;
    long maxTimeInvertedMs;
    boolean hasContinuous;
    double continuousAboveDeg;
    long maxContinuousMs;

    // --- summary accumulators
    long timeInvertedMs;
    long band0Ms;
    long band1Ms;
    long band2Ms;
    double sessionMaxAngleDeg = Double.NaN;
    int inversions;
    int lowAlarms;
    int mediumAlarms;
    int highAlarms;
    boolean limitBreached;
    long missingSamples;
    int discardedSamples;

    // --- alarms, indexed by AlarmReason ordinal; copied before a change
    Alarm[] alarms = NO_ALARMS;
    long acknowledgedMask;
    AlarmPriority sounding;
    List<Alarm> activeAlarmList = List.of();

    // --- heartbeat and notices
    long lastHeartbeatMs = Long.MIN_VALUE;
    String notice = "";
    long noticeUntilMs = Long.MIN_VALUE;

    SessionState() {
    }

    SessionState copy() {
        SessionState c = new SessionState();
        c.phase = phase;
        c.sessionActive = sessionActive;
        c.sessionEnded = sessionEnded;
        c.sessionStartedAtMs = sessionStartedAtMs;
        c.sessionEndedAtMs = sessionEndedAtMs;
        c.outcome = outcome;
        c.interrupted = interrupted;
        c.abandoned = abandoned;
        c.exitStage = exitStage;
        c.exitCreditMs = exitCreditMs;
        c.stepIndex = stepIndex;
        c.stepCreditMs = stepCreditMs;
        c.inZone = inZone;
        c.everInverted = everInverted;
        c.stepsCompleted = stepsCompleted;
        c.stepsTotal = stepsTotal;
        c.haveSample = haveSample;
        c.lastSequence = lastSequence;
        c.lastDeviceTimeMs = lastDeviceTimeMs;
        c.lastReceivedAtMs = lastReceivedAtMs;
        c.lastAngleDeg = lastAngleDeg;
        c.lastCalibrated = lastCalibrated;
        c.lastSecured = lastSecured;
        c.lastFault = lastFault;
        c.lastTrusted = lastTrusted;
        c.lastImplausible = lastImplausible;
        c.sampleSaysMotorised = sampleSaysMotorised;
        c.haveFinite = haveFinite;
        c.finiteAngleDeg = finiteAngleDeg;
        c.finiteDeviceTimeMs = finiteDeviceTimeMs;
        c.finiteReceivedAtMs = finiteReceivedAtMs;
        c.haveTrusted = haveTrusted;
        c.trustedAngleDeg = trustedAngleDeg;
        c.inverted = inverted;
        c.aboveContinuous = aboveContinuous;
        c.continuousRunMs = continuousRunMs;
        c.motionAnchorDeg = motionAnchorDeg;
        c.motionAnchorMs = motionAnchorMs;
        c.implausibleUntilMs = implausibleUntilMs;
        c.gapLevel = gapLevel;
        c.gapLevelAtMs = gapLevelAtMs;
        c.linkUp = linkUp;
        c.awaitingFreshSample = awaitingFreshSample;
        c.linkLostReason = linkLostReason;
        c.capabilitiesKnown = capabilitiesKnown;
        c.tableMinDeg = tableMinDeg;
        c.tableMaxDeg = tableMaxDeg;
        c.tableMotorised = tableMotorised;
        c.limits = limits;
        c.limitExplanations = limitExplanations;
        c.maxAngleDeg = maxAngleDeg;
        c.maxTimeInvertedMs = maxTimeInvertedMs;
        c.hasContinuous = hasContinuous;
        c.continuousAboveDeg = continuousAboveDeg;
        c.maxContinuousMs = maxContinuousMs;
        c.timeInvertedMs = timeInvertedMs;
        c.band0Ms = band0Ms;
        c.band1Ms = band1Ms;
        c.band2Ms = band2Ms;
        c.sessionMaxAngleDeg = sessionMaxAngleDeg;
        c.inversions = inversions;
        c.lowAlarms = lowAlarms;
        c.mediumAlarms = mediumAlarms;
        c.highAlarms = highAlarms;
        c.limitBreached = limitBreached;
        c.missingSamples = missingSamples;
        c.discardedSamples = discardedSamples;
        c.alarms = alarms;
        c.acknowledgedMask = acknowledgedMask;
        c.sounding = sounding;
        c.activeAlarmList = activeAlarmList;
        c.lastHeartbeatMs = lastHeartbeatMs;
        c.notice = notice;
        c.noticeUntilMs = noticeUntilMs;
        return c;
    }

    /** Rebuilds the cached list of active alarms, most urgent first, then oldest first. */
    void refreshAlarmList() {
        List<Alarm> list = new ArrayList<>(4);
        for (Alarm a : alarms) {
            if (a != null) {
                list.add(a);
            }
        }
        list.sort((x, y) -> x.priority() != y.priority() ? y.priority().compareTo(x.priority())
                : Long.compare(x.raisedAtMs(), y.raisedAtMs()));
        activeAlarmList = Collections.unmodifiableList(list);
    }

    /** The current phase. */
    public Phase phase() {
        return phase;
    }

    /** The running summary of the current (or last) session. */
    public SessionSummary summary() {
        return new SessionSummary(outcome, sessionStartedAtMs, sessionEndedAtMs, timeInvertedMs, band0Ms,
                band1Ms, band2Ms, sessionMaxAngleDeg, inversions, lowAlarms, mediumAlarms, highAlarms,
                stepsCompleted, stepsTotal, !limitBreached, missingSamples, discardedSamples);
    }

    /** True between an accepted Start and the end of the session. */
    public boolean sessionActive() {
        return sessionActive;
    }

    /** Active alarms, most urgent first. */
    public List<Alarm> activeAlarms() {
        return activeAlarmList;
    }

    /** The effective limits in force. */
    public EffectiveLimits effectiveLimits() {
        return limits;
    }

    /** True while the user is inverted (hysteresis on trusted samples). */
    public boolean inverted() {
        return inverted;
    }

    /** The index of the routine step in progress (0-based); meaningful during a session. */
    public int stepIndex() {
        return stepIndex;
    }

    @Override
    public String toString() {
        return "SessionState[phase=" + phase + ", step=" + stepIndex + ", inverted=" + inverted
                + ", timeInvertedMs=" + timeInvertedMs + ", alarms=" + Arrays.toString(alarms) + "]";
    }
}
