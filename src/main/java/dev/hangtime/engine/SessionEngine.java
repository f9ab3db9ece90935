package dev.hangtime.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The session engine: a pure, deterministic state machine. {@link #step} takes the state, one
 * event and the host time, and returns the next state, the commands for the table, the alarms
 * raised and cleared, and what the screens show. It reads no clock, does no I/O, starts no thread
 * and keeps nothing between calls but its configuration, so one engine may serve many states and a
 * recorded event list replays exactly. The rules are documented in docs/ROUTINES.md "The engine".
 */
public final class SessionEngine {

    private static final int TILT = 0;
    private static final int HOLD = 1;
    private static final int REST = 2;
    private static final int UPRIGHT = 3;

    /** A sequence number going backwards with the device clock this far back means a device restart. */
    private static final long DEVICE_RESTART_BACKSTEP_MS = 1_000;
    /** A sample numbered at most this far behind the last one is late (or duplicated) and is discarded. */
    private static final int LATE_WINDOW = 64;
    /** Device clock intervals longer than this are not trusted for the angular rate; the host's is used. */
    private static final long MAX_DEVICE_INTERVAL_MS = 60_000;

    private static final Optional<AlarmPriority> SOUNDING_NONE = Optional.empty();
    private static final Optional<AlarmPriority> SOUNDING_LOW = Optional.of(AlarmPriority.LOW);
    private static final Optional<AlarmPriority> SOUNDING_MEDIUM = Optional.of(AlarmPriority.MEDIUM);
    private static final Optional<AlarmPriority> SOUNDING_HIGH = Optional.of(AlarmPriority.HIGH);

    private static final int ANGLE_LIMIT = AlarmReason.ANGLE_LIMIT.ordinal();
    private static final int TIME_LIMIT = AlarmReason.TIME_LIMIT.ordinal();
    private static final int CONTINUOUS_LIMIT = AlarmReason.CONTINUOUS_TIME_LIMIT.ordinal();

    private final Routine routine;
    private final ProfileLimits profileLimits;
    private final SafetyThresholds t;
    private final int stepCount;
    private final int[] kind;
    private final double[] bandMin;
    private final double[] bandMax;
    private final long[] holdMinMs;
    private final long[] holdMaxMs;
    private final long[] restMs;
    private final String[] labels;
    private final String[] belowBand;
    private final String[] aboveBand;
    private final String[] inStep;
    private final String[] holdDone;
    private final String readyText;
    private final long exitRestMs;
    private final double gapLeakPerMs;

    /**
     * Builds an engine for one routine and profile.
     *
     * @throws IllegalArgumentException when the routine breaks {@link RoutineRules}
     */
    public SessionEngine(EngineConfig config) {
        this.routine = config.routine();
        this.profileLimits = config.profileLimits();
        this.t = config.thresholds();
        List<RoutineRules.Violation> violations = RoutineRules.check(routine, Double.NaN);
        if (!violations.isEmpty()) {
            StringBuilder b = new StringBuilder("routine '" + routine.name() + "' cannot be run:");
            for (RoutineRules.Violation v : violations) {
                b.append("\n  ").append(v.path()).append(": ").append(v.message());
            }
            throw new IllegalArgumentException(b.toString());
        }
        List<RoutineStep> steps = routine.steps();
        stepCount = steps.size();
        kind = new int[stepCount];
        bandMin = new double[stepCount];
        bandMax = new double[stepCount];
        holdMinMs = new long[stepCount];
        holdMaxMs = new long[stepCount];
        restMs = new long[stepCount];
        labels = new String[stepCount];
        belowBand = new String[stepCount];
        aboveBand = new String[stepCount];
        inStep = new String[stepCount];
        holdDone = new String[stepCount];
        long lastRest = 0;
        for (int i = 0; i < stepCount; i++) {
            RoutineStep step = steps.get(i);
            labels[i] = step.label();
            String note = step.note().isBlank() ? "" : " " + step.note().strip();
            if (step instanceof RoutineStep.Tilt) {
                RoutineStep.Tilt tilt = (RoutineStep.Tilt) step;
                kind[i] = TILT;
                bandMin[i] = tilt.minAngleDeg();
                bandMax[i] = tilt.maxAngleDeg();
                String band = Words.band(bandMin[i], bandMax[i]);
                belowBand[i] = "Tilt back slowly to " + band + "." + note;
                aboveBand[i] = "Come up slowly to " + band + "." + note;
                inStep[i] = belowBand[i];
            } else if (step instanceof RoutineStep.Hold) {
                RoutineStep.Hold hold = (RoutineStep.Hold) step;
                kind[i] = HOLD;
                bandMin[i] = bandMin[i - 1]; // RoutineRules: a hold follows a tilt and holds its band
                bandMax[i] = bandMax[i - 1];
                holdMinMs[i] = hold.minMs();
                holdMaxMs[i] = hold.maxMs();
                String band = Words.band(bandMin[i], bandMax[i]);
                inStep[i] = "Hold at " + band + "." + (note.isEmpty() ? " Relax and breathe slowly." : note);
                belowBand[i] = "Tilt back a little, to " + band + ", and hold.";
                aboveBand[i] = "Come up a little, to " + band + ", and hold.";
                holdDone[i] = "Hold done: " + nextMoveText(steps, i + 1);
            } else if (step instanceof RoutineStep.Rest) {
                kind[i] = REST;
                restMs[i] = ((RoutineStep.Rest) step).durationMs();
                lastRest = restMs[i];
                inStep[i] = "Rest near horizontal." + (note.isEmpty() ? " Breathe slowly." : note);
                aboveBand[i] = "Come up slowly to horizontal, then rest.";
                belowBand[i] = "Lie back to horizontal and rest.";
            } else {
                kind[i] = UPRIGHT;
                inStep[i] = "Come upright slowly." + note;
            }
        }
        exitRestMs = lastRest; // RoutineRules: the last step is upright, right after a rest
        readyText = "Press Start to begin '" + routine.name() + "': " + labels[0].toLowerCase(java.util.Locale.ROOT) + ".";
        gapLeakPerMs = t.gapLeakPerS() / 1000.0;
    }

    private static String nextMoveText(List<RoutineStep> steps, int next) {
        RoutineStep step = steps.get(next);
        if (step instanceof RoutineStep.Tilt) {
            RoutineStep.Tilt tilt = (RoutineStep.Tilt) step;
            return "move to " + Words.band(tilt.minAngleDeg(), tilt.maxAngleDeg()) + " when you are ready.";
        }
        if (step instanceof RoutineStep.Rest) {
            return "come up slowly to horizontal when you are ready.";
        }
        return "come upright slowly when you are ready.";
    }

    /** The routine this engine runs. */
    public Routine routine() {
        return routine;
    }

    /** The state before anything happened: idle, no data, the table's capability not yet known. */
    public SessionState initialState(long nowMs) {
        SessionState s = new SessionState();
        s.stepsTotal = stepCount;
        s.motionAnchorMs = nowMs;
        s.gapLevelAtMs = nowMs;
        applyLimits(s, EffectiveLimits.strictest(routine, profileLimits, Double.NaN));
        s.phase = Phase.IDLE;
        return s;
    }

    /**
     * Applies one event.
     *
     * @param state the state from {@link #initialState} or the previous step
     * @param event what happened
     * @param nowMs the host clock, milliseconds, the same clock as {@link Sample#receivedAtMs()};
     *              must not go backwards between calls
     */
    public StepResult step(SessionState state, EngineEvent event, long nowMs) {
        SessionState s = state.copy();
        Out out = new Out();
        if (event instanceof EngineEvent.SampleReceived) {
            onSample(s, ((EngineEvent.SampleReceived) event).sample(), nowMs, out);
        } else if (event instanceof EngineEvent.Tick) {
            onTick(s, nowMs, out);
        } else if (event instanceof EngineEvent.UserAction) {
            onUserAction(s, ((EngineEvent.UserAction) event).kind(), nowMs, out);
        } else if (event instanceof EngineEvent.LinkLost) {
            onLinkLost(s, ((EngineEvent.LinkLost) event).reason(), nowMs, out);
        } else if (event instanceof EngineEvent.LinkRestored) {
            onLinkRestored(s, nowMs, out);
        } else if (event instanceof EngineEvent.TableCapabilities) {
            onCapabilities(s, (EngineEvent.TableCapabilities) event, out);
        } else {
            throw new IllegalArgumentException("unknown event " + event);
        }
        evaluateAlarms(s, nowMs, out);
        updateSound(s, out);
        if (nowMs >= s.noticeUntilMs) {
            s.notice = "";
        }
        s.phase = phase(s, nowMs);
        return new StepResult(s, out.commands(), out.raised(), out.cleared(), display(s, nowMs));
    }

    // ------------------------------------------------------------------ events

    private void onSample(SessionState s, Sample x, long now, Out out) {
        long rx = x.receivedAtMs();
        double angle = x.angleDeg();
        boolean finite = Double.isFinite(angle);
        long missing = 0;
        if (s.haveSample) {
            int diff = (x.sequence() - s.lastSequence) & 0xFFFF; // PROTOCOL.md §3.1: 16-bit, wraps
            boolean slightlyBehind = diff == 0 || diff > 0x10000 - LATE_WINDOW;
            if (slightlyBehind && x.deviceTimeMs() + DEVICE_RESTART_BACKSTEP_MS >= s.lastDeviceTimeMs) {
                // A duplicate or a late sample says nothing new; only a steep angle in it counts.
                if (s.sessionActive) {
                    s.discardedSamples++;
                }
                if (finite && angle > s.maxAngleDeg) {
                    out.angleAboveInDiscarded = true;
                }
                return;
            }
            if (diff < 0x8000 && !slightlyBehind) {
                missing = diff - 1;
            }
            // Otherwise the numbering restarted (device reboot, or a counter jump): carry on from here.
            s.gapLevel = Math.max(0.0, s.gapLevel - Math.max(0, rx - s.gapLevelAtMs) * gapLeakPerMs);
        }
        // A huge jump fills the counter only to twice the alarm level, so the alarm clears in seconds.
        s.gapLevel = Math.min(s.gapLevel + missing, Math.max(s.gapLevel, 2 * t.gapAlarmLevel()));
        s.gapLevelAtMs = rx;

        if (s.haveSample) {
            // Left sum: the interval since the previous sample belongs to the state that sample set.
            long dt = Math.max(0, rx - s.lastReceivedAtMs);
            if (s.sessionActive) {
                s.missingSamples += missing;
                if (s.inverted) {
                    s.timeInvertedMs += dt;
                    double a = s.trustedAngleDeg;
                    if (a < 30.0) {
                        s.band0Ms += dt;
                    } else if (a < 60.0) {
                        s.band1Ms += dt;
                    } else {
                        s.band2Ms += dt;
                    }
                }
                if (s.aboveContinuous) {
                    s.continuousRunMs += dt;
                }
                if (s.inZone) {
                    // Unobserved time (a silent sensor) never counts towards a hold or a rest.
                    long credit = Math.min(dt, t.staleTimeoutMs());
                    if (s.abandoned) {
                        s.exitCreditMs += credit;
                    } else {
                        s.stepCreditMs += credit;
                    }
                }
            }
        }

        s.haveSample = true;
        s.lastSequence = x.sequence() & 0xFFFF;
        s.lastDeviceTimeMs = x.deviceTimeMs();
        s.lastReceivedAtMs = rx;
        s.lastAngleDeg = angle;
        s.lastCalibrated = x.calibrated();
        s.lastSecured = x.userSecured();
        s.lastFault = x.sensorFault() || !finite;
        s.sampleSaysMotorised = x.motorised();
        if (s.linkUp) {
            s.awaitingFreshSample = false;
        }

        boolean implausible = false;
        if (finite && s.haveFinite) {
            double jump = Math.abs(angle - s.finiteAngleDeg);
            if (jump >= t.minImplausibleJumpDeg()) {
                long deviceDt = x.deviceTimeMs() - s.finiteDeviceTimeMs;
                long dtMs = deviceDt > 0 && deviceDt <= MAX_DEVICE_INTERVAL_MS
                        ? deviceDt : Math.max(1, rx - s.finiteReceivedAtMs);
                implausible = jump * 1000.0 / dtMs > t.maxPlausibleRateDegPerS();
            }
        }
        if (finite) {
            s.haveFinite = true;
            s.finiteAngleDeg = angle;
            s.finiteDeviceTimeMs = x.deviceTimeMs();
            s.finiteReceivedAtMs = rx;
        }
        s.lastImplausible = implausible;
        if (implausible) {
            s.implausibleUntilMs = rx + t.implausibleHoldMs();
        }
        boolean trusted = x.angleTrustworthy() && !implausible;
        s.lastTrusted = trusted;

        if (trusted) {
            s.haveTrusted = true;
            s.trustedAngleDeg = angle;
            if (!s.inverted && angle >= t.invertedEnterDeg()) {
                s.inverted = true;
                if (s.sessionActive) {
                    s.inversions++;
                    s.everInverted = true;
                }
            } else if (s.inverted && angle < t.invertedExitDeg()) {
                s.inverted = false;
            }
            if (s.sessionActive) {
                if (!(angle <= s.sessionMaxAngleDeg)) { // also replaces NaN
                    s.sessionMaxAngleDeg = angle;
                }
                if (s.hasContinuous) {
                    if (angle >= s.continuousAboveDeg) {
                        s.aboveContinuous = true;
                    } else if (angle < s.continuousAboveDeg - t.clearHysteresisDeg()) {
                        s.aboveContinuous = false;
                        s.continuousRunMs = 0;
                    }
                }
            }
            if (Math.abs(angle - s.motionAnchorDeg) > t.checkInMotionDeg() || angle < t.checkInSteepDeg()) {
                s.motionAnchorDeg = angle;
                s.motionAnchorMs = rx;
            }
        }
        if (s.sessionActive) {
            if (trusted) {
                progress(s, angle, now, out);
            } else {
                s.inZone = false;
            }
        }
    }

    private void onTick(SessionState s, long now, Out out) {
        if (s.sessionActive && s.linkUp && (s.lastHeartbeatMs == Long.MIN_VALUE
                || now - s.lastHeartbeatMs >= t.heartbeatPeriodMs())) {
            out.command(new TableCommand.Heartbeat());
            s.lastHeartbeatMs = now;
        }
    }

    private void onUserAction(SessionState s, EngineEvent.UserAction.Kind action, long now, Out out) {
        switch (action) {
            case START -> start(s, now, out);
            case STOP -> {
                if (!s.sessionActive) {
                    notice(s, "No session is running.", now);
                } else if (!s.linkUp) {
                    // Nothing can be observed without the link: the user's word ends the record.
                    endSession(s, SessionOutcome.INTERRUPTED, now, out);
                } else {
                    enterExitPath(s, now, out);
                    if (s.sessionActive) {
                        notice(s, "Stopping: come up slowly to horizontal, rest, then come upright.", now);
                    }
                }
            }
            case ACKNOWLEDGE -> {
                Alarm[] alarms = s.alarms;
                for (int i = 0; i < alarms.length; i++) {
                    if (alarms[i] != null && alarms[i].priority() != AlarmPriority.HIGH) {
                        s.acknowledgedMask |= 1L << i;
                    }
                }
                signOfLife(s, now);
            }
            case CHECK_IN -> signOfLife(s, now);
        }
    }

    /** Any control pressed proves the user is responsive: it answers a check-in. */
    private void signOfLife(SessionState s, long now) {
        s.motionAnchorMs = now;
        if (s.haveTrusted) {
            s.motionAnchorDeg = s.trustedAngleDeg;
        }
    }

    private void start(SessionState s, long now, Out out) {
        String refusal = startRefusal(s, now);
        if (refusal != null) {
            notice(s, refusal, now);
            return;
        }
        s.sessionActive = true;
        s.sessionStartedAtMs = now;
        s.outcome = SessionOutcome.IN_PROGRESS;
        s.stepIndex = 0;
        s.stepCreditMs = 0;
        s.stepsCompleted = 0;
        s.everInverted = s.inverted;
        s.inversions = s.inverted ? 1 : 0;
        s.sessionMaxAngleDeg = s.trustedAngleDeg;
        s.aboveContinuous = s.hasContinuous && s.trustedAngleDeg >= s.continuousAboveDeg;
        s.continuousRunMs = 0;
        out.command(pushLimits(s));
        out.command(new TableCommand.StartSession());
        out.command(new TableCommand.Heartbeat());
        s.lastHeartbeatMs = now;
        progress(s, s.trustedAngleDeg, now, out);
    }

    private String startRefusal(SessionState s, long now) {
        if (s.sessionActive) {
            return "The session is already running.";
        }
        if (s.sessionEnded) {
            return "This session has ended; start a new one.";
        }
        if (!s.linkUp || s.awaitingFreshSample) {
            return "Cannot start: the table is not connected.";
        }
        if (!s.haveSample || now - s.lastReceivedAtMs > t.staleTimeoutMs()) {
            return "Cannot start: no fresh data from the table's sensor.";
        }
        if (s.lastFault) {
            return "Cannot start: the table's sensor reports a fault.";
        }
        if (!s.lastCalibrated) {
            return "Cannot start: calibrate (tare) the table's sensor first.";
        }
        if (!s.lastTrusted) {
            return "Cannot start: the sensor's readings are jumping; wait until they settle.";
        }
        if (!s.lastSecured) {
            return "Cannot start: secure your ankles first.";
        }
        for (Alarm a : s.alarms) {
            if (a != null && a.priority() == AlarmPriority.HIGH) {
                return "Cannot start while a high-priority alarm is active: " + a.message();
            }
        }
        List<String> conflicts = RoutineRules.conflicts(routine, s.limits);
        if (!conflicts.isEmpty()) {
            return "Cannot start: " + conflicts.get(0);
        }
        return null;
    }

    private void onLinkLost(SessionState s, String reason, long now, Out out) {
        if (!s.linkUp) {
            return;
        }
        s.linkUp = false;
        s.linkLostReason = reason;
        if (s.sessionActive) {
            s.interrupted = true;
            enterExitPath(s, now, out);
        }
    }

    private void onLinkRestored(SessionState s, long now, Out out) {
        if (s.linkUp) {
            return;
        }
        s.linkUp = true;
        s.awaitingFreshSample = true;
        if (s.sessionActive) {
            // The device may have restarted and forgotten our limits and buzzer state.
            out.command(pushLimits(s));
            out.command(new TableCommand.Heartbeat());
            s.lastHeartbeatMs = now;
            if (s.sounding != null) {
                out.command(new TableCommand.SoundAlarm(s.sounding));
            }
        }
    }

    private void onCapabilities(SessionState s, EngineEvent.TableCapabilities caps, Out out) {
        s.capabilitiesKnown = true;
        s.tableMinDeg = caps.minAngleDeg();
        s.tableMaxDeg = caps.maxAngleDeg();
        s.tableMotorised = caps.motorised();
        EffectiveLimits before = s.limits;
        applyLimits(s, EffectiveLimits.strictest(routine, profileLimits, caps.maxAngleDeg()));
        if (s.sessionActive && s.linkUp && !s.limits.equals(before)) {
            out.command(pushLimits(s));
        }
    }

    // ------------------------------------------------------------------ routine progress

    private void progress(SessionState s, double angle, long now, Out out) {
        if (s.abandoned) {
            progressExit(s, angle, now, out);
            return;
        }
        // Bounded: each pass either returns or completes a step.
        for (int guard = 0; guard <= stepCount && s.sessionActive; guard++) {
            int i = s.stepIndex;
            boolean upright = angle <= t.uprightBelowDeg();
            switch (kind[i]) {
                case TILT -> {
                    s.inZone = false;
                    if (angle < bandMin[i] || angle > bandMax[i]) {
                        return;
                    }
                }
                case HOLD -> {
                    boolean inBand = angle >= bandMin[i] && angle <= bandMax[i];
                    long held = s.stepCreditMs;
                    boolean timeNearlyUsed = s.timeInvertedMs >= s.maxTimeInvertedMs - t.timeAdvisoryMs();
                    if (!(held >= holdMaxMs[i] || (held >= holdMinMs[i] && (!inBand || timeNearlyUsed)))) {
                        s.inZone = inBand;
                        return;
                    }
                }
                case REST -> {
                    if (upright && i == stepCount - 2) {
                        // Upright before the closing rest was over: the session is over, but not complete.
                        endSession(s, SessionOutcome.ABORTED, now, out);
                        notice(s, "You came upright before the rest near horizontal was over.", now);
                        return;
                    }
                    if (s.stepCreditMs < restMs[i]) {
                        s.inZone = restZone(s, angle);
                        return;
                    }
                }
                default -> { // UPRIGHT
                    s.inZone = false;
                    if (!upright) {
                        return;
                    }
                    s.stepsCompleted++;
                    endSession(s, SessionOutcome.COMPLETE, now, out);
                    return;
                }
            }
            s.stepsCompleted++;
            s.stepIndex++;
            s.stepCreditMs = 0;
        }
    }

    private void progressExit(SessionState s, double angle, long now, Out out) {
        boolean upright = angle <= t.uprightBelowDeg();
        SessionOutcome outcome = s.interrupted ? SessionOutcome.INTERRUPTED : SessionOutcome.ABORTED;
        if (upright) {
            endSession(s, outcome, now, out);
            return;
        }
        switch (s.exitStage) {
            case SessionState.EXIT_TO_HORIZONTAL -> {
                s.inZone = false;
                if (!s.inverted) {
                    s.exitStage = SessionState.EXIT_REST;
                    s.exitCreditMs = 0;
                    s.inZone = restZone(s, angle);
                }
            }
            case SessionState.EXIT_REST -> {
                if (s.exitCreditMs >= exitRestMs) {
                    s.exitStage = SessionState.EXIT_UPRIGHT;
                    s.inZone = false;
                } else {
                    s.inZone = restZone(s, angle);
                }
            }
            default -> s.inZone = false;
        }
    }

    private boolean restZone(SessionState s, double angle) {
        return !s.inverted && angle > t.uprightBelowDeg();
    }

    /** Gives up the routine: from here the session goes back to horizontal, rests, and comes upright. */
    private void enterExitPath(SessionState s, long now, Out out) {
        if (!s.sessionActive || s.abandoned) {
            return;
        }
        s.abandoned = true;
        if (!s.everInverted && !s.inverted) {
            // Never inverted: there is nothing to return from.
            endSession(s, s.interrupted ? SessionOutcome.INTERRUPTED : SessionOutcome.ABORTED, now, out);
            return;
        }
        boolean resting = !s.inverted && s.stepIndex < stepCount && kind[s.stepIndex] == REST;
        s.exitStage = s.inverted ? SessionState.EXIT_TO_HORIZONTAL : SessionState.EXIT_REST;
        s.exitCreditMs = resting ? s.stepCreditMs : 0;
        s.inZone = s.exitStage == SessionState.EXIT_REST && s.lastTrusted && restZone(s, s.trustedAngleDeg);
    }

    private void endSession(SessionState s, SessionOutcome outcome, long now, Out out) {
        s.sessionActive = false;
        s.sessionEnded = true;
        s.sessionEndedAtMs = now;
        s.outcome = outcome;
        s.inZone = false;
        s.exitStage = SessionState.EXIT_NONE;
        out.command(new TableCommand.StopSession());
    }

    // ------------------------------------------------------------------ alarms

    private void evaluateAlarms(SessionState s, long now, Out out) {
        boolean suspectedInverted = s.inverted
                || (s.haveSample && Double.isFinite(s.lastAngleDeg) && s.lastAngleDeg >= t.invertedEnterDeg());
        // Sensor-trust alarms: HIGH while (possibly) inverted, MEDIUM in a session, none when idle and level.
        AlarmPriority trust = suspectedInverted ? AlarmPriority.HIGH
                : s.sessionActive ? AlarmPriority.MEDIUM : null;

        // Angle limit: any finite reading above it raises (even an untrusted one); only a trusted
        // reading back inside (with hysteresis) clears it.
        Alarm angleAlarm = s.alarms[ANGLE_LIMIT];
        boolean above = out.angleAboveInDiscarded
                || (s.haveSample && Double.isFinite(s.lastAngleDeg) && s.lastAngleDeg > s.maxAngleDeg);
        boolean angleCleared = s.lastTrusted && s.lastAngleDeg <= s.maxAngleDeg - t.clearHysteresisDeg();
        boolean angleLimit = above || (angleAlarm != null && !angleCleared);
        setAlarm(s, ANGLE_LIMIT, angleLimit ? AlarmPriority.HIGH : null, now, out);

        int approachAngle = AlarmReason.ANGLE_APPROACHING_LIMIT.ordinal();
        double advisoryFrom = s.maxAngleDeg - t.angleAdvisoryDeg();
        boolean approaching;
        if (angleLimit) {
            approaching = false;
        } else if (!s.lastTrusted) {
            approaching = s.alarms[approachAngle] != null; // cannot tell: keep as it is
        } else if (s.alarms[approachAngle] != null) {
            approaching = s.lastAngleDeg >= advisoryFrom - t.clearHysteresisDeg();
        } else {
            approaching = s.lastAngleDeg >= advisoryFrom;
        }
        setAlarm(s, approachAngle, approaching ? AlarmPriority.MEDIUM : null, now, out);

        boolean timeLimit = s.sessionActive && s.inverted && s.timeInvertedMs >= s.maxTimeInvertedMs;
        setAlarm(s, TIME_LIMIT, timeLimit ? AlarmPriority.HIGH : null, now, out);
        boolean timeNear = !timeLimit && s.sessionActive && s.inverted
                && s.timeInvertedMs >= s.maxTimeInvertedMs - t.timeAdvisoryMs();
        setAlarm(s, AlarmReason.TIME_APPROACHING_LIMIT.ordinal(), timeNear ? AlarmPriority.LOW : null, now, out);

        boolean contLimit = s.sessionActive && s.hasContinuous && s.aboveContinuous
                && s.continuousRunMs >= s.maxContinuousMs;
        setAlarm(s, CONTINUOUS_LIMIT, contLimit ? AlarmPriority.HIGH : null, now, out);
        boolean contNear = !contLimit && s.sessionActive && s.hasContinuous && s.aboveContinuous
                && s.continuousRunMs >= s.maxContinuousMs - t.timeAdvisoryMs();
        setAlarm(s, AlarmReason.CONTINUOUS_TIME_APPROACHING_LIMIT.ordinal(), contNear ? AlarmPriority.LOW : null,
                now, out);

        boolean silent = s.linkUp && !s.awaitingFreshSample && s.haveSample && now - s.lastReceivedAtMs > t.staleTimeoutMs();
        setTrustAlarm(s, AlarmReason.SENSOR_SILENT, silent, trust, now, out);
        boolean implausible = s.haveSample && (s.lastImplausible || now < s.implausibleUntilMs);
        setTrustAlarm(s, AlarmReason.IMPLAUSIBLE_MOTION, implausible, trust, now, out);
        setTrustAlarm(s, AlarmReason.SENSOR_FAULT, s.haveSample && s.lastFault, trust, now, out);
        setTrustAlarm(s, AlarmReason.NOT_CALIBRATED, s.haveSample && !s.lastCalibrated, trust, now, out);
        int gaps = AlarmReason.SEQUENCE_GAPS.ordinal();
        boolean gapsPiling = s.alarms[gaps] != null ? s.gapLevel >= t.gapAlarmLevel() / 2 : s.gapLevel >= t.gapAlarmLevel();
        setTrustAlarm(s, AlarmReason.SEQUENCE_GAPS, gapsPiling, trust, now, out);
        setTrustAlarm(s, AlarmReason.LINK_LOST, !s.linkUp || s.awaitingFreshSample, trust, now, out);
        boolean unsecured = s.sessionActive && s.haveSample && !s.lastSecured;
        setTrustAlarm(s, AlarmReason.NOT_SECURED, unsecured,
                suspectedInverted ? AlarmPriority.HIGH : AlarmPriority.MEDIUM, now, out);

        // Check-in: motionless at a steep angle; unanswered, it becomes HIGH.
        int checkIn = AlarmReason.CHECK_IN.ordinal();
        boolean motionless = s.haveTrusted && s.inverted && s.trustedAngleDeg >= t.checkInSteepDeg()
                && now - s.motionAnchorMs >= t.checkInMotionlessMs();
        AlarmPriority checkInPriority = null;
        if (motionless) {
            Alarm current = s.alarms[checkIn];
            checkInPriority = current != null && (current.priority() == AlarmPriority.HIGH
                    || now - current.raisedAtMs() >= t.checkInEscalateMs()) ? AlarmPriority.HIGH : AlarmPriority.MEDIUM;
        }
        setAlarm(s, checkIn, checkInPriority, now, out);

        if (out.raisedHigh && s.sessionActive) {
            enterExitPath(s, now, out);
        }
    }

    /** A sensor-trust alarm: raised at {@code priority} (none when null), may rise, never falls while it lasts. */
    private void setTrustAlarm(SessionState s, AlarmReason reason, boolean condition, AlarmPriority priority,
                               long now, Out out) {
        int r = reason.ordinal();
        Alarm current = s.alarms[r];
        AlarmPriority desired = null;
        if (condition) {
            desired = current == null ? priority : AlarmPriority.max(current.priority(), priority);
        }
        setAlarm(s, r, desired, now, out);
    }

    private void setAlarm(SessionState s, int r, AlarmPriority desired, long now, Out out) {
        Alarm current = s.alarms[r];
        if (current == null && desired == null) {
            return;
        }
        if (current != null && desired != null && current.priority().compareTo(desired) >= 0) {
            return; // an active alarm keeps its priority until its condition clears
        }
        Alarm[] alarms = s.alarms.clone();
        if (current != null) {
            out.cleared(current);
            s.acknowledgedMask &= ~(1L << r);
        }
        if (desired == null) {
            alarms[r] = null;
        } else {
            AlarmReason reason = AlarmReason.values()[r];
            Alarm raised = new Alarm(reason, desired, message(s, reason, desired, now), now);
            alarms[r] = raised;
            out.raised(raised);
            if (s.sessionActive) {
                switch (desired) {
                    case LOW -> s.lowAlarms++;
                    case MEDIUM -> s.mediumAlarms++;
                    case HIGH -> s.highAlarms++;
                }
                if (r == ANGLE_LIMIT || r == TIME_LIMIT || r == CONTINUOUS_LIMIT) {
                    s.limitBreached = true;
                }
            }
            if (desired == AlarmPriority.HIGH) {
                out.raisedHigh = true;
                if ((s.tableMotorised || s.sampleSaysMotorised) && !out.returnCommanded) {
                    out.returnCommanded = true;
                    out.command(new TableCommand.ReturnToUpright());
                }
            }
        }
        s.alarms = alarms;
        s.refreshAlarmList();
    }

    private String message(SessionState s, AlarmReason reason, AlarmPriority priority, long now) {
        boolean high = priority == AlarmPriority.HIGH;
        return switch (reason) {
            case ANGLE_LIMIT -> "Return to horizontal now: " + Words.degrees(s.lastAngleDeg) + " is above your "
                    + Words.degrees(s.maxAngleDeg) + " limit, set by " + s.limits.maxAngle().because() + ".";
            case ANGLE_APPROACHING_LIMIT -> "Tilt no further: " + Words.degrees(s.lastAngleDeg) + " is close to your "
                    + Words.degrees(s.maxAngleDeg) + " limit.";
            case TIME_APPROACHING_LIMIT -> Words.duration(Math.max(0, s.maxTimeInvertedMs - s.timeInvertedMs))
                    + " of inversion left: get ready to come up.";
            case TIME_LIMIT -> "Return to horizontal now: you have been inverted for "
                    + Words.duration(s.timeInvertedMs) + ", your limit, set by " + s.limits.maxTimeInverted().because() + ".";
            case CONTINUOUS_TIME_APPROACHING_LIMIT -> "You have been above " + Words.degrees(s.continuousAboveDeg)
                    + " for " + Words.duration(s.continuousRunMs) + ": come down within "
                    + Words.duration(Math.max(0, s.maxContinuousMs - s.continuousRunMs)) + ".";
            case CONTINUOUS_TIME_LIMIT -> "Come down now: " + Words.duration(s.continuousRunMs) + " above "
                    + Words.degrees(s.continuousAboveDeg) + " in one stay is the routine's limit.";
            case SENSOR_SILENT -> (high ? "Return to horizontal now: no" : "No") + " data from the table's sensor for "
                    + Words.duration(now - s.lastReceivedAtMs) + (high ? "." : ": do not invert.");
            case IMPLAUSIBLE_MOTION -> "The angle jumped faster than the table can move: "
                    + (high ? "return to horizontal now." : "do not invert until the sensor settles.");
            case SENSOR_FAULT -> "The table's sensor reports a fault: "
                    + (high ? "return to horizontal now." : "do not invert until it clears.");
            case NOT_CALIBRATED -> "The table's sensor is not calibrated: "
                    + (high ? "return to horizontal now." : "calibrate (tare) it before inverting.");
            case SEQUENCE_GAPS -> "Samples from the table are being lost: the link is unreliable; "
                    + (high ? "return to horizontal now." : "do not invert.");
            case LINK_LOST -> (s.linkUp ? "Waiting for data after reconnecting" : "Connection to the table lost ("
                    + s.linkLostReason + ")") + (high ? ": return to horizontal now." : ": do not invert.");
            case CHECK_IN -> high ? "No answer to the check-in: come up now, or call for help."
                    : "Are you all right? Move a little or press Check-in.";
            case NOT_SECURED -> high ? "Ankle lock open while inverted: hold on and return to horizontal now."
                    : "Ankle lock open: secure your ankles before inverting.";
        };
    }

    private void updateSound(SessionState s, Out out) {
        AlarmPriority wanted = null;
        Alarm[] alarms = s.alarms;
        for (int i = 0; i < alarms.length; i++) {
            Alarm a = alarms[i];
            if (a != null && (a.priority() == AlarmPriority.HIGH || (s.acknowledgedMask & (1L << i)) == 0)) {
                wanted = AlarmPriority.max(wanted, a.priority());
            }
        }
        if (wanted != s.sounding) {
            out.command(wanted == null ? new TableCommand.SilenceAlarm() : new TableCommand.SoundAlarm(wanted));
            s.sounding = wanted;
        }
    }

    // ------------------------------------------------------------------ phase and display

    private Phase phase(SessionState s, long now) {
        if (!s.sessionActive) {
            if (s.sessionEnded) {
                return s.outcome == SessionOutcome.COMPLETE ? Phase.COMPLETE : Phase.ENDED;
            }
            boolean ready = s.linkUp && !s.awaitingFreshSample && s.haveSample && s.lastTrusted && s.lastSecured
                    && now - s.lastReceivedAtMs <= t.staleTimeoutMs();
            return ready ? Phase.READY : Phase.IDLE;
        }
        if (!s.linkUp || s.awaitingFreshSample) {
            return Phase.INTERRUPTED;
        }
        for (Alarm a : s.alarms) {
            if (a != null && a.priority() == AlarmPriority.HIGH) {
                return Phase.ALARM;
            }
        }
        if (s.abandoned) {
            if (s.exitStage == SessionState.EXIT_REST) {
                return s.inverted ? Phase.RETURNING : Phase.RESTING;
            }
            return Phase.RETURNING;
        }
        return switch (kind[s.stepIndex]) {
            case TILT -> Phase.INVERTING;
            case HOLD -> Phase.HOLDING;
            case REST -> s.inverted ? Phase.RETURNING : Phase.RESTING;
            default -> Phase.RETURNING;
        };
    }

    private Display display(SessionState s, long now) {
        boolean stale = !s.haveSample || !s.linkUp || s.awaitingFreshSample
                || now - s.lastReceivedAtMs > t.staleTimeoutMs();
        long age = s.haveSample ? Math.max(0, now - s.lastReceivedAtMs) : -1;
        // Time since the last sample, counted only while the data is fresh: smooth countdowns on ticks.
        long sinceSample = stale ? 0 : Math.min(age, t.staleTimeoutMs());

        LimitStatus status;
        Alarm[] a = s.alarms;
        if (a[ANGLE_LIMIT] != null || a[TIME_LIMIT] != null || a[CONTINUOUS_LIMIT] != null) {
            status = LimitStatus.AT_LIMIT;
        } else if (stale || !s.lastTrusted || a[AlarmReason.SENSOR_SILENT.ordinal()] != null
                || a[AlarmReason.IMPLAUSIBLE_MOTION.ordinal()] != null || a[AlarmReason.SENSOR_FAULT.ordinal()] != null
                || a[AlarmReason.NOT_CALIBRATED.ordinal()] != null || a[AlarmReason.SEQUENCE_GAPS.ordinal()] != null
                || a[AlarmReason.LINK_LOST.ordinal()] != null) {
            status = LimitStatus.UNKNOWN;
        } else if (a[AlarmReason.ANGLE_APPROACHING_LIMIT.ordinal()] != null
                || a[AlarmReason.TIME_APPROACHING_LIMIT.ordinal()] != null
                || a[AlarmReason.CONTINUOUS_TIME_APPROACHING_LIMIT.ordinal()] != null) {
            status = LimitStatus.APPROACHING_LIMIT;
        } else {
            status = LimitStatus.WITHIN_LIMITS;
        }

        String stepName = "";
        int stepNumber = 0;
        long remaining = -1;
        long credit = (s.abandoned ? s.exitCreditMs : s.stepCreditMs) + (s.inZone ? sinceSample : 0);
        if (s.sessionActive && !s.abandoned) {
            int i = s.stepIndex;
            stepName = labels[i];
            stepNumber = i + 1;
            if (kind[i] == HOLD) {
                remaining = credit < holdMinMs[i] ? holdMinMs[i] - credit : Math.max(0, holdMaxMs[i] - credit);
            } else if (kind[i] == REST) {
                remaining = Math.max(0, restMs[i] - credit);
            }
        } else if (s.sessionActive) {
            if (s.exitStage == SessionState.EXIT_TO_HORIZONTAL) {
                stepName = "Come up to horizontal";
            } else if (s.exitStage == SessionState.EXIT_REST) {
                stepName = "Rest before coming upright";
                remaining = Math.max(0, exitRestMs - credit);
            } else {
                stepName = "Come upright";
            }
        }

        long timeInverted = s.timeInvertedMs + (s.sessionActive && s.inverted ? sinceSample : 0);
        long continuous = -1;
        if (s.hasContinuous) {
            continuous = s.sessionActive && s.aboveContinuous ? s.continuousRunMs + sinceSample : 0;
        }
        Optional<AlarmPriority> sounding = s.sounding == null ? SOUNDING_NONE
                : s.sounding == AlarmPriority.HIGH ? SOUNDING_HIGH
                : s.sounding == AlarmPriority.MEDIUM ? SOUNDING_MEDIUM : SOUNDING_LOW;
        return new Display(s.phase, s.haveSample ? s.lastAngleDeg : Double.NaN, stale, age, s.linkUp, status,
                stepName, stepNumber, stepCount, nextAction(s, stale, credit), remaining, timeInverted,
                s.maxTimeInvertedMs, Math.max(0, s.maxTimeInvertedMs - timeInverted), continuous, s.limits,
                s.limitExplanations, s.activeAlarmList, sounding, s.notice);
    }

    private String nextAction(SessionState s, boolean stale, long credit) {
        switch (s.phase) {
            case COMPLETE:
                return "Session complete. Well done: stand still a moment before you step off.";
            case ENDED:
                return s.outcome == SessionOutcome.INTERRUPTED
                        ? "Session interrupted: the connection to the table was lost. Step off carefully."
                        : "Session ended early. Step off carefully.";
            case ALARM:
            case INTERRUPTED:
                if (!s.activeAlarmList.isEmpty()) {
                    return s.activeAlarmList.get(0).message();
                }
                return "Connection to the table lost: come up slowly to horizontal, rest, then come upright.";
            case IDLE:
                if (!s.linkUp || s.awaitingFreshSample) {
                    return "Connect the table.";
                }
                if (!s.haveSample) {
                    return "Waiting for the table's sensor.";
                }
                if (stale) {
                    return "No data from the table's sensor.";
                }
                if (s.lastFault) {
                    return "The table's sensor reports a fault: do not invert.";
                }
                if (!s.lastCalibrated) {
                    return "Calibrate (tare) the table's sensor before starting.";
                }
                if (!s.lastTrusted) {
                    return "Waiting for the sensor's readings to settle.";
                }
                return "Secure your ankles, then press Start.";
            case READY:
                return readyText;
            default:
                break;
        }
        if (s.abandoned) {
            if (s.exitStage == SessionState.EXIT_REST && !s.inverted) {
                return "Rest near horizontal before coming upright.";
            }
            if (s.exitStage == SessionState.EXIT_UPRIGHT) {
                return "Come upright slowly.";
            }
            return "Come up slowly to horizontal.";
        }
        int i = s.stepIndex;
        double angle = s.haveTrusted ? s.trustedAngleDeg : Double.NaN;
        switch (kind[i]) {
            case TILT:
                return angle > bandMax[i] ? aboveBand[i] : belowBand[i];
            case HOLD:
                if (credit >= holdMinMs[i]) {
                    return holdDone[i];
                }
                if (angle < bandMin[i]) {
                    return belowBand[i];
                }
                if (angle > bandMax[i]) {
                    return aboveBand[i];
                }
                return inStep[i];
            case REST:
                if (s.inverted) {
                    return aboveBand[i];
                }
                if (angle <= t.uprightBelowDeg()) {
                    return belowBand[i];
                }
                return inStep[i];
            default:
                return inStep[i];
        }
    }

    // ------------------------------------------------------------------ helpers

    private void applyLimits(SessionState s, EffectiveLimits limits) {
        s.limits = limits;
        s.limitExplanations = limits.explain();
        s.maxAngleDeg = limits.maxAngle().maxAngleDeg();
        s.maxTimeInvertedMs = limits.maxTimeInverted().maxMs();
        s.hasContinuous = limits.maxContinuous().isPresent();
        s.continuousAboveDeg = limits.maxContinuous().map(ContinuousLimit::aboveAngleDeg).orElse(Double.NaN);
        s.maxContinuousMs = limits.maxContinuous().map(ContinuousLimit::maxMs).orElse(Long.MAX_VALUE);
    }

    private TableCommand.PushLimits pushLimits(SessionState s) {
        // PROTOCOL.md §4.1 Set Limits: whole seconds 1..65535; rounding down keeps the device strict.
        long seconds = Math.max(1, Math.min(65_535, s.maxTimeInvertedMs / 1000));
        return new TableCommand.PushLimits(s.maxAngleDeg, (int) seconds, t.heartbeatTimeoutMs());
    }

    private void notice(SessionState s, String text, long now) {
        s.notice = text;
        s.noticeUntilMs = now + t.noticeMs();
    }

    /** Collects one step's outputs; allocates only when something happens. */
    private static final class Out {
        private List<TableCommand> commands;
        private List<Alarm> raised;
        private List<Alarm> cleared;
        boolean raisedHigh;
        boolean returnCommanded;
        boolean angleAboveInDiscarded;

        void command(TableCommand c) {
            if (commands == null) {
                commands = new ArrayList<>(4);
            }
            commands.add(c);
        }

        void raised(Alarm a) {
            if (raised == null) {
                raised = new ArrayList<>(2);
            }
            raised.add(a);
        }

        void cleared(Alarm a) {
            if (cleared == null) {
                cleared = new ArrayList<>(2);
            }
            cleared.add(a);
        }

        List<TableCommand> commands() {
            return commands == null ? List.of() : Collections.unmodifiableList(commands);
        }

        List<Alarm> raised() {
            return raised == null ? List.of() : Collections.unmodifiableList(raised);
        }

        List<Alarm> cleared() {
            return cleared == null ? List.of() : Collections.unmodifiableList(cleared);
        }
    }
}
