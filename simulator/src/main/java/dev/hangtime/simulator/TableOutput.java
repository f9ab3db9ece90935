package dev.hangtime.simulator;

/**
 * A carrier's side of a simulated table: it receives every {@link LineEvent} in order, on the thread
 * that advances the simulation, with no simulation lock held (it may call back into the table).
 */
@FunctionalInterface
public interface TableOutput {
    void onLineEvent(LineEvent event);
}
