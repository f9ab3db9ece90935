package dev.hangtime.simulator;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@link SimulatedTable} does alike: it owns a {@link VirtualClock}, keeps the attached
 * carriers, and hands each event the table sent to all of them, so that one broken carrier does not
 * stop the table for the others.
 */
public abstract class AbstractSimulatedTable implements SimulatedTable {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractSimulatedTable.class);

    /** The table's time; its lock guards the simulated world. */
    protected final VirtualClock clock;
    private final List<TableOutput> outputs = new CopyOnWriteArrayList<>();

    protected AbstractSimulatedTable(VirtualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public final VirtualClock clock() {
        return clock;
    }

    @Override
    public final void addOutput(TableOutput output) {
        outputs.add(Objects.requireNonNull(output, "output"));
    }

    @Override
    public final void removeOutput(TableOutput output) {
        outputs.remove(output);
    }

    /** Hands one event to every carrier; call it without the clock's lock (from the after-event hook). */
    protected final void send(LineEvent e) {
        for (TableOutput out : outputs) {
            try {
                out.onLineEvent(e);
            } catch (RuntimeException ex) {
                // one broken carrier must not stop the table for the others
                LOG.warn("carrier {} of {} failed on {}: {}", out, name(), e.getClass().getSimpleName(), ex.toString());
            }
        }
    }

    /** Reads the simulated world under the clock's lock. */
    protected final <T> T withLock(Supplier<T> read) {
        clock.lock().lock();
        try {
            return read.get();
        } finally {
            clock.lock().unlock();
        }
    }
}
