package dev.hangtime.store;

/**
 * A change of the session's phase, a {@code state_change} row; phases are stored by the engine's names.
 *
 * @param atMs host wall-clock time, milliseconds since the epoch
 */
public record StoredStateChange(long atMs, String fromPhase, String toPhase) {
}
