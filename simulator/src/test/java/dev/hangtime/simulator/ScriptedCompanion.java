package dev.hangtime.simulator;

import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.Measurement;
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
 */
final class ScriptedCompanion implements MessageChannel.Listener {

    record Received(long atNanos, Message message) {
    }

    record LinkChange(long atNanos, boolean up, String reason) {
    }

    final InProcessChannel channel;
    final VirtualClock clock;
    final List<Received> received = new ArrayList<>();
    final List<LinkChange> linkChanges = new ArrayList<>();
    private int nextRequestId = 1;
    private VirtualClock.Periodic heartbeat;

    ScriptedCompanion(SimulatedTable table) {
        this.channel = new InProcessChannel(table);
        this.clock = table.clock();
        channel.open(this);
    }

    /** RequestControl, SetLimits, StartSession at {@code at}; heartbeats every second from then. */
    ScriptedCompanion startsSessionAt(Duration at, int maxAngleCentiDeg, int maxTimeS, int heartbeatTimeoutMs) {
        clock.schedule(at, () -> {
            send(new ControlCommand.RequestControl());
            send(new ControlCommand.SetLimits(maxAngleCentiDeg, maxTimeS, heartbeatTimeoutMs));
            send(new ControlCommand.StartSession());
            heartbeat = clock.scheduleEvery(Duration.ofSeconds(1).toNanos(), () -> send(new ControlCommand.Heartbeat()));
        });
        return this;
    }

    ScriptedCompanion sendsAt(Duration at, ControlCommand command) {
        clock.schedule(at, () -> send(command));
        return this;
    }

    /** Stops feeding the watchdog at {@code at} (the companion crashed or hung). */
    ScriptedCompanion goesSilentAt(Duration at) {
        clock.schedule(at, () -> heartbeat.cancel());
        return this;
    }

    int send(ControlCommand command) {
        int id = nextRequestId;
        nextRequestId = (nextRequestId + 1) & 0xFF;
        channel.send(new ControlRequest(id, command));
        return id;
    }

    List<Measurement> measurements() {
        List<Measurement> out = new ArrayList<>();
        for (Received r : received) {
            if (r.message() instanceof Measurement m) {
                out.add(m);
            }
        }
        return out;
    }

    List<ControlResponse> responses() {
        List<ControlResponse> out = new ArrayList<>();
        for (Received r : received) {
            if (r.message() instanceof ControlResponse c) {
                out.add(c);
            }
        }
        return out;
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

    @Override
    public void onMessage(Message message) {
        received.add(new Received(clock.nowNanos(), message));
    }

    @Override
    public void onLinkDown(String reason) {
        linkChanges.add(new LinkChange(clock.nowNanos(), false, reason));
    }

    @Override
    public void onLinkUp() {
        linkChanges.add(new LinkChange(clock.nowNanos(), true, ""));
    }
}
