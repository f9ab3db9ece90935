package dev.hangtime.session;

import dev.hangtime.engine.Alarm;
import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.AlarmReason;
import dev.hangtime.engine.Display;
import dev.hangtime.engine.EffectiveLimits;
import dev.hangtime.engine.LimitStatus;
import dev.hangtime.engine.Phase;
import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineStep;
import dev.hangtime.engine.SafetyThresholds;
import dev.hangtime.engine.SessionState;
import dev.hangtime.engine.Words;
import dev.hangtime.session.DisplaySnapshot.AlarmView;
import dev.hangtime.session.DisplaySnapshot.Countdown;
import dev.hangtime.session.DisplaySnapshot.Gauge;
import dev.hangtime.session.DisplaySnapshot.LimitInForce;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the engine's {@link Display} (plus what the session loop knows: the session's id, the
 * table, the reading on screen) into a {@link DisplaySnapshot}. The engine decides what is true;
 * this only chooses words and shapes for the screens. Pure: no clock, no I/O.
 */
final class SnapshotMaker {

    /** What the loop knows beyond the engine's display. */
    record Context(long seq, String sessionId, long clockMs, Integer sampleSeq, Long sampleReceivedEpochMs,
                   String linkDownReason, List<String> summary, boolean ended) {
    }

    private final Routine routine;
    private final SafetyThresholds thresholds;
    private final String device;
    private final boolean simulated;

    SnapshotMaker(Routine routine, SafetyThresholds thresholds, String device, boolean simulated) {
        this.routine = routine;
        this.thresholds = thresholds;
        this.device = device;
        this.simulated = simulated;
    }

    DisplaySnapshot make(Display d, SessionState state, Context c) {
        List<Alarm> active = d.activeAlarms();
        Set<AlarmReason> reasons = EnumSet.noneOf(AlarmReason.class);
        for (Alarm alarm : active) {
            reasons.add(alarm.reason());
        }
        String withheld = withheldReason(d, reasons);
        boolean ended = d.phase().terminal() || c.ended();
        return new DisplaySnapshot(c.seq(), c.sessionId(), routine.name(), device, simulated, c.clockMs(),
                d.phase().name(), phaseLabel(d.phase()), state.inverted(),
                withheld == null ? d.angleDeg() : null, withheld,
                c.sampleSeq() == null ? null : Long.valueOf(c.sampleSeq()),
                d.sampleAgeMs() < 0 ? null : d.sampleAgeMs(),
                c.sampleReceivedEpochMs(),
                d.stepName().isEmpty() ? null : d.stepName() + (d.stepNumber() > 0
                        ? " (step " + d.stepNumber() + " of " + d.stepCount() + ")" : ""),
                d.nextAction(), d.notice(), countdowns(d, state), d.timeInvertedMs(),
                d.maxTimeInvertedMs() > 0 ? d.maxTimeInvertedMs() : null,
                gauge(d, state), limits(d.limits()), alarms(active),
                d.sounding().map(AlarmPriority::name).orElse(null),
                d.linkUp() ? "connected" : "lost" + (c.linkDownReason() == null ? "" : ": " + c.linkDownReason()),
                ended, ended ? c.summary() : List.of());
    }

    /** Why the angle cannot be shown as current, or null when it can. */
    static String withheldReason(Display d, Set<AlarmReason> active) {
        if (!d.linkUp() || active.contains(AlarmReason.LINK_LOST)) {
            return "link lost";
        }
        if (d.sampleAgeMs() < 0) {
            return "no reading yet";
        }
        if (d.dataStale() || active.contains(AlarmReason.SENSOR_SILENT)) {
            return "sensor silent";
        }
        if (!Double.isFinite(d.angleDeg()) || active.contains(AlarmReason.SENSOR_FAULT)) {
            return "sensor fault";
        }
        if (active.contains(AlarmReason.NOT_CALIBRATED)) {
            return "sensor not calibrated";
        }
        if (active.contains(AlarmReason.IMPLAUSIBLE_MOTION)) {
            return "implausible reading";
        }
        if (active.contains(AlarmReason.SEQUENCE_GAPS)) {
            return "readings missing";
        }
        if (d.limitStatus() == LimitStatus.UNKNOWN) {
            return "reading not trusted";
        }
        return null;
    }

    static String phaseLabel(Phase phase) {
        return switch (phase) {
            case IDLE -> "Not started";
            case READY -> "Ready";
            case INVERTING -> "Tilting";
            case HOLDING -> "Holding";
            case RETURNING -> "Returning";
            case RESTING -> "Resting";
            case COMPLETE -> "Complete";
            case ENDED -> "Ended";
            case ALARM -> "Alarm";
            case INTERRUPTED -> "Link lost";
        };
    }

    private List<Countdown> countdowns(Display d, SessionState state) {
        List<Countdown> countdowns = new ArrayList<>(3);
        if (d.stepRemainingMs() >= 0) {
            String label = d.phase() == Phase.HOLDING ? "hold" : d.phase() == Phase.RESTING ? "rest" : "step";
            countdowns.add(new Countdown(label, d.stepRemainingMs()));
        }
        if (state.sessionActive() && !d.phase().terminal()) {
            // time inverted against its limit has its own place on every screen: no countdown for it
            d.limits().maxContinuous().ifPresent(limit -> {
                if (d.continuousAboveMs() > 0) {
                    countdowns.add(new Countdown("above " + Words.degrees(limit.aboveAngleDeg()) + " left",
                            limit.maxMs() - d.continuousAboveMs()));
                }
            });
        }
        return countdowns;
    }

    private Gauge gauge(Display d, SessionState state) {
        double max = d.limits().maxAngle().maxAngleDeg();
        Double targetMin = null;
        Double targetMax = null;
        if (state.sessionActive() && (d.phase() == Phase.INVERTING || d.phase() == Phase.HOLDING)) {
            RoutineStep.Tilt band = bandOf(state.stepIndex());
            if (band != null) {
                targetMin = band.minAngleDeg();
                targetMax = band.maxAngleDeg();
            }
        }
        return new Gauge(max, max - thresholds.angleAdvisoryDeg(), targetMin, targetMax);
    }

    /** The tilt band step {@code index} is about: the tilt itself, or the tilt a hold follows. */
    private RoutineStep.Tilt bandOf(int index) {
        List<RoutineStep> steps = routine.steps();
        for (int i = Math.min(index, steps.size() - 1); i >= 0; i--) {
            RoutineStep step = steps.get(i);
            if (step instanceof RoutineStep.Tilt) {
                return (RoutineStep.Tilt) step;
            }
            if (!(step instanceof RoutineStep.Hold)) {
                return null;
            }
        }
        return null;
    }

    private static List<LimitInForce> limits(EffectiveLimits limits) {
        List<LimitInForce> list = new ArrayList<>(3);
        list.add(new LimitInForce("Angle", Words.degrees(limits.maxAngle().maxAngleDeg()), limits.maxAngle().because()));
        list.add(new LimitInForce("Time inverted", Words.duration(limits.maxTimeInverted().maxMs()),
                limits.maxTimeInverted().because()));
        limits.maxContinuous().ifPresent(c -> list.add(new LimitInForce(
                "Time above " + Words.degrees(c.aboveAngleDeg()), Words.duration(c.maxMs()) + " at a time", c.because())));
        return list;
    }

    private static List<AlarmView> alarms(List<Alarm> active) {
        List<AlarmView> views = new ArrayList<>(active.size());
        for (Alarm alarm : active) {
            // ACKNOWLEDGE silences LOW and MEDIUM only (EngineEvent.UserAction.Kind.ACKNOWLEDGE)
            views.add(new AlarmView(alarm.reason().name(), alarm.priority().name(), alarm.message(),
                    alarm.raisedAtMs(), alarm.priority() != AlarmPriority.HIGH));
        }
        return views;
    }
}
