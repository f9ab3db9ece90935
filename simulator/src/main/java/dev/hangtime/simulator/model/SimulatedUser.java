package dev.hangtime.simulator.model;

import dev.hangtime.simulator.scenario.ScriptStep;
import dev.hangtime.simulator.scenario.TableSpec;
import dev.hangtime.simulator.scenario.UserSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The person on the table. They follow their script (tilt, hold, come up) and react to the table
 * after their reaction time: when its buzzer sounds they come back to horizontal, rest and go
 * upright; when the companion stops the session they come up. A user who ignores cues, or who
 * stops responding (the {@code user-stays-down} fault), stays where they are.
 *
 * <p>Angles in degrees from horizontal (positive = head-down), times in nanoseconds of simulated
 * time. Called from the simulation's physics tick; not thread-safe on its own.
 */
public final class SimulatedUser {

    /** What the user is doing. */
    public enum Phase {
        /** On the table, waiting for the session to start. */
        WAITING,
        /** Following the script. */
        SCRIPT,
        /** Coming back to horizontal. */
        RETURNING,
        /** Resting at horizontal before going upright. */
        RESTING,
        /** Tilting to the upright position. */
        GOING_UPRIGHT,
        /** Done: the script ended (they stay where they are) or they came up. */
        DONE,
        /** Not responding to anything; stays where they are. */
        STAYING_DOWN
    }

    /** Above this the user considers themselves inverted and a return starts at horizontal. */
    private static final double HEAD_DOWN_DEG = 0.5;

    private final UserSpec spec;
    private final TableSpec tableSpec;
    private final TableMechanics table;
    private final Runnable onScriptStart;
    private final List<Reaction> pending = new ArrayList<>();

    private Phase phase = Phase.WAITING;
    private int stepIndex;
    private boolean stepStarted;
    private long holdUntilNanos;
    private long restUntilNanos;
    private long scriptStartedAtNanos = -1;
    private boolean cameUp;
    private boolean startRequested;

    private record Reaction(long atNanos, Runnable action) {
    }

    /**
     * @param onScriptStart called once, when the script begins (faults are timed from it)
     */
    public SimulatedUser(UserSpec spec, TableSpec tableSpec, TableMechanics table, Runnable onScriptStart) {
        this.spec = spec;
        this.tableSpec = tableSpec;
        this.table = table;
        this.onScriptStart = onScriptStart;
    }

    public Phase phase() {
        return phase;
    }

    /** When the script began, nanoseconds of simulated time; -1 before. */
    public long scriptStartedAtNanos() {
        return scriptStartedAtNanos;
    }

    /** The ankle lock is closed from the start until the user has come up to upright at the end. */
    public boolean secured() {
        return !cameUp;
    }

    /** Starts the script now (a user who does not wait for the companion). */
    public void startNow(long nowNanos) {
        if (!startRequested) {
            startRequested = true;
            beginScript(nowNanos);
        }
    }

    /** The companion started a session: a guided user begins after their reaction time. */
    public void onSessionStarted(long nowNanos) {
        if (spec.start() == UserSpec.Start.ON_SESSION && !startRequested) {
            startRequested = true;
            later(nowNanos, () -> beginScript(nowNanos + spec.reactionTime().toNanos()));
        }
    }

    /** The companion stopped the session. */
    public void onSessionStopped(long nowNanos) {
        if (spec.onStop() == UserSpec.OnStop.COME_UP && phase != Phase.STAYING_DOWN) {
            later(nowNanos, () -> startReturn(nowNanos + spec.reactionTime().toNanos()));
        }
    }

    /** The table's buzzer started or stopped. */
    public void onBuzzer(boolean sounding, long nowNanos) {
        if (sounding && spec.onAlarm() == UserSpec.OnAlarm.RETURN && phase != Phase.STAYING_DOWN) {
            later(nowNanos, () -> startReturn(nowNanos + spec.reactionTime().toNanos()));
        }
    }

    /** From now on the user ignores everything and stays where they are. */
    public void staysDown() {
        phase = Phase.STAYING_DOWN;
        pending.clear();
        table.moveToward(table.angleDeg(), 0);
    }

    /** Advances the user's behaviour to {@code nowNanos}; call after the table has moved. */
    public void tick(long nowNanos) {
        runDueReactions(nowNanos);
        if (table.motorEngaged() && phase != Phase.STAYING_DOWN && phase != Phase.WAITING) {
            // the motor carries them up; they stop their own movement and let it
            phase = Phase.DONE;
            return;
        }
        switch (phase) {
            case SCRIPT -> runScript(nowNanos);
            case RETURNING -> {
                if (table.atTarget()) {
                    phase = Phase.RESTING;
                    restUntilNanos = nowNanos + spec.restAtHorizontal().toNanos();
                }
            }
            case RESTING -> {
                if (nowNanos >= restUntilNanos) {
                    goUpright();
                }
            }
            case GOING_UPRIGHT -> {
                if (table.atTarget()) {
                    phase = Phase.DONE;
                    cameUp = true;
                }
            }
            default -> {
                // WAITING, DONE, STAYING_DOWN: nothing moves by the user's hand
            }
        }
    }

    private void later(long nowNanos, Runnable action) {
        pending.add(new Reaction(nowNanos + spec.reactionTime().toNanos(), action));
    }

    private void runDueReactions(long nowNanos) {
        // reactions may queue further reactions; collect the due ones first
        List<Reaction> due = new ArrayList<>();
        for (Iterator<Reaction> it = pending.iterator(); it.hasNext(); ) {
            Reaction r = it.next();
            if (r.atNanos() <= nowNanos) {
                due.add(r);
                it.remove();
            }
        }
        for (Reaction r : due) {
            if (phase != Phase.STAYING_DOWN) {
                r.action().run();
            }
        }
    }

    private void beginScript(long atNanos) {
        if (phase != Phase.WAITING) {
            return;
        }
        phase = Phase.SCRIPT;
        scriptStartedAtNanos = atNanos;
        stepIndex = 0;
        stepStarted = false;
        onScriptStart.run();
        runScript(atNanos);
    }

    private void runScript(long nowNanos) {
        // several steps may complete in one tick (a zero hold, a tilt to where the bed already is)
        while (phase == Phase.SCRIPT) {
            if (stepIndex >= spec.script().size()) {
                phase = Phase.DONE;
                table.moveToward(table.angleDeg(), 0);
                return;
            }
            ScriptStep step = spec.script().get(stepIndex);
            if (!stepStarted) {
                stepStarted = true;
                if (step instanceof ScriptStep.Tilt tilt) {
                    table.moveToward(tilt.toDeg(), tilt.speedDegPerS());
                } else if (step instanceof ScriptStep.Hold hold) {
                    table.moveToward(table.angleDeg(), 0);
                    holdUntilNanos = nowNanos + hold.duration().toNanos();
                } else {
                    startReturn(nowNanos);
                    return;
                }
            }
            boolean done = step instanceof ScriptStep.Tilt ? table.atTarget() : nowNanos >= holdUntilNanos;
            if (!done) {
                return;
            }
            stepIndex++;
            stepStarted = false;
        }
    }

    private void startReturn(long nowNanos) {
        if (phase == Phase.WAITING || phase == Phase.RETURNING || phase == Phase.RESTING
                || phase == Phase.GOING_UPRIGHT || phase == Phase.STAYING_DOWN || cameUp) {
            return;
        }
        if (table.angleDeg() > HEAD_DOWN_DEG) {
            phase = Phase.RETURNING;
            table.moveToward(0, spec.speedDegPerS());
        } else {
            goUpright();
        }
    }

    private void goUpright() {
        phase = Phase.GOING_UPRIGHT;
        table.moveToward(tableSpec.uprightAngleDeg(), spec.speedDegPerS());
    }
}
