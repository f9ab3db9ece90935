package dev.hangtime.simulator;

import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.MeasurementFlags;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.MessageChannel;
import dev.hangtime.simulator.carrier.InProcessChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written companion for tests: it opens an in-process channel, takes control, sets limits,
 * starts a session, keeps the watchdog fed and records everything the table sends, with the
 * simulated time it arrived. Its timers run on the table's virtual clock, so a run is deterministic.
 *
 * <p>With {@link #guards}, it also behaves like a minimal companion engine: it sounds the table's
 * buzzer when a limit is passed, silences it and stops the session once the user is back at
 * horizontal, asks a motorised table to return the user when they do not come back, and takes
 * control again (restarting the session if the table lost it) after the link returns.
 */
final class ScriptedCompanion implements MessageChannel.Listener {

    record Received(long atNanos, Message message) {
    }

    record Sent(long atNanos, ControlRequest request) {
    }

    record LinkChange(long atNanos, boolean up, String reason) {
    }

    final InProcessChannel channel;
    final VirtualClock clock;
    final List<Received> received = new ArrayList<>();
    final List<Sent> sent = new ArrayList<>();
    final List<LinkChange> linkChanges = new ArrayList<>();
    private int nextRequestId = 1;
    private VirtualClock.Periodic heartbeat;
    private boolean silent;

    // guard policy
    private boolean guarding;
    private int limitCentiDeg;
    private long limitTimeMs;
    private int heartbeatTimeoutMs;
    private boolean inSession;
    private boolean alarmCommanded;
    private long alarmAtNanos = -1;
    private boolean returnCommanded;
    private boolean wasInverted;
    private boolean stopped;
    private boolean linkWasDown;

    ScriptedCompanion(SimulatedTable table) {
        this.channel = new InProcessChannel(table);
        this.clock = table.clock();
        channel.open(this);
    }

    /** RequestControl, SetLimits, StartSession at {@code at}; heartbeats every second from then. */
    ScriptedCompanion startsSessionAt(Duration at, int maxAngleCentiDeg, int maxTimeS, int heartbeatTimeoutMs) {
        this.limitCentiDeg = maxAngleCentiDeg;
        this.limitTimeMs = maxTimeS * 1000L;
        this.heartbeatTimeoutMs = heartbeatTimeoutMs;
        clock.schedule(at, () -> {
            beginSession(true);
            heartbeat = clock.scheduleEvery(Duration.ofSeconds(1).toNanos(), () -> {
                if (!silent) {
                    send(new ControlCommand.Heartbeat());
                }
            });
        });
        return this;
    }

    /** Acts on the measurements as a minimal companion engine would (see the class comment). */
    ScriptedCompanion guards() {
        this.guarding = true;
        return this;
    }

    ScriptedCompanion sendsAt(Duration at, ControlCommand command) {
        clock.schedule(at, () -> send(command));
        return this;
    }

    /** Stops feeding the watchdog at {@code at} (the companion hung). */
    ScriptedCompanion goesSilentAt(Duration at) {
        clock.schedule(at, () -> silent = true);
        return this;
    }

    int send(ControlCommand command) {
        int id = nextRequestId;
        nextRequestId = (nextRequestId + 1) & 0xFF;
        ControlRequest request = new ControlRequest(id, command);
        sent.add(new Sent(clock.nowNanos(), request));
        channel.send(request);
        return id;
    }

    List<Measurement> measurements() {
        return all(Measurement.class);
    }

    List<ControlResponse> responses() {
        return all(ControlResponse.class);
    }

    <T extends Message> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Received r : received) {
            if (type.isInstance(r.message())) {
                out.add(type.cast(r.message()));
            }
        }
        return out;
    }

    /** The response to the request with {@code id} sent last, or null. */
    ControlResponse responseTo(int id) {
        ControlResponse found = null;
        for (Received r : received) {
            if (r.message() instanceof ControlResponse c && c.requestId() == id) {
                found = c;
            }
        }
        return found;
    }

    @Override
    public void onMessage(Message message) {
        received.add(new Received(clock.nowNanos(), message));
        if (guarding && message instanceof Measurement m) {
            guard(m);
        }
    }

    @Override
    public void onLinkDown(String reason) {
        linkChanges.add(new LinkChange(clock.nowNanos(), false, reason));
        linkWasDown = true;
    }

    @Override
    public void onLinkUp() {
        linkChanges.add(new LinkChange(clock.nowNanos(), true, ""));
    }

    private void beginSession(boolean tare) {
        send(new ControlCommand.RequestControl());
        Measurement last = lastMeasurement();
        if (tare && last != null && !last.has(MeasurementFlags.CALIBRATED) && Math.abs(last.angleCentiDeg()) < 1000) {
            send(new ControlCommand.Tare()); // only with the bed near horizontal: a tare defines 0°
        }
        send(new ControlCommand.SetLimits(limitCentiDeg == 0 ? 6000 : limitCentiDeg,
                (int) Math.max(1, limitTimeMs / 1000), heartbeatTimeoutMs == 0 ? 3000 : heartbeatTimeoutMs));
        send(new ControlCommand.StartSession());
        inSession = true;
    }

    private void guard(Measurement m) {
        if (linkWasDown) {
            // control does not survive a lost link; a rebooted table has lost the session as well
            linkWasDown = false;
            if (inSession && !m.has(MeasurementFlags.SESSION_ACTIVE)) {
                beginSession(false);
            } else {
                send(new ControlCommand.RequestControl());
            }
        }
        if (!inSession || stopped) {
            return;
        }
        boolean inverted = m.angleCentiDeg() >= 500;
        wasInverted |= inverted;
        boolean beyond = m.angleCentiDeg() > limitCentiDeg || m.timeInvertedMs() > limitTimeMs;
        if (beyond && !alarmCommanded) {
            alarmCommanded = true;
            alarmAtNanos = clock.nowNanos();
            send(new ControlCommand.SetAlarm(ControlCommand.AlarmPattern.HIGH));
        }
        if (alarmCommanded && !returnCommanded && m.has(MeasurementFlags.MOTORISED) && inverted
                && clock.nowNanos() - alarmAtNanos > Duration.ofSeconds(10).toNanos()) {
            returnCommanded = true;
            send(new ControlCommand.ReturnToUpright());
        }
        if (alarmCommanded && m.angleCentiDeg() < 200) {
            alarmCommanded = false;
            send(new ControlCommand.SetAlarm(ControlCommand.AlarmPattern.OFF));
            send(new ControlCommand.StopSession());
            stopped = true;
        } else if (wasInverted && m.angleCentiDeg() < -7000) {
            send(new ControlCommand.StopSession());
            stopped = true;
        }
    }

    private Measurement lastMeasurement() {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).message() instanceof Measurement m) {
                return m;
            }
        }
        return null;
    }
}
