package dev.hangtime.session;

import dev.hangtime.device.CommandResult;
import dev.hangtime.device.LinkEvent;
import dev.hangtime.device.LinkListener;
import dev.hangtime.device.TableInfo;
import dev.hangtime.device.TableLink;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.TableCommand;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A table link the test drives by hand: it delivers events on the test's thread when told, and
 * answers every command with SUCCESS at once, keeping a list of them.
 */
final class FakeTable implements TableLink {

    final List<TableCommand> commands = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private LinkListener listener;
    private int sequence;
    boolean closed;

    FakeTable(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void start(LinkListener newListener) {
        this.listener = newListener;
    }

    @Override
    public CompletableFuture<CommandResult> send(TableCommand command) {
        commands.add(command);
        return CompletableFuture.completedFuture(new CommandResult(command, CommandResult.Outcome.SUCCESS, 1_000));
    }

    @Override
    public String describe() {
        return "fake table";
    }

    @Override
    public void close() {
        closed = true;
    }

    void connect() {
        listener.onEvent(new LinkEvent.TableInfoReceived(new TableInfo("Fake table", "1.0", 1, 0, -80, 90, false, 10)));
        listener.onEvent(new LinkEvent.LinkUp());
    }

    /** A secured, calibrated sample at {@code angleDeg}, stamped now; returns its sequence number. */
    int sample(double angleDeg) {
        int seq = sequence++ & 0xFFFF;
        listener.onEvent(new LinkEvent.SampleArrived(new Sample(seq, clock.millis(), clock.millis(), angleDeg, 0,
                true, true, false, false)));
        return seq;
    }

    void linkDown(String reason) {
        listener.onEvent(new LinkEvent.LinkDown(reason));
    }

    <T extends TableCommand> long count(Class<T> type) {
        return commands.stream().filter(type::isInstance).count();
    }
}
