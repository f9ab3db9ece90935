package dev.hangtime.device;

import dev.hangtime.engine.TableCommand;
import java.util.Objects;

/**
 * How a command sent with {@link TableLink#send} ended.
 *
 * @param command        the command sent
 * @param outcome        the table's result code, or why there is none
 * @param roundTripNanos from handing the command to the link to its outcome, in nanoseconds
 *                       (monotonic clock; 0 when the command was rejected before it was sent)
 */
public record CommandResult(TableCommand command, Outcome outcome, long roundTripNanos) {

    public CommandResult {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(outcome, "outcome");
        if (roundTripNanos < 0) {
            throw new IllegalArgumentException("roundTripNanos must be >= 0, was " + roundTripNanos);
        }
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    /** The table's result codes (PROTOCOL.md §4.2) and the two the link adds. */
    public enum Outcome {
        SUCCESS,
        /** The table does not know or cannot do this (e.g. return to upright on a manual table). */
        NOT_SUPPORTED,
        /** A parameter is out of the table's range; also when it cannot be encoded at all. */
        INVALID_PARAMETER,
        /** The table tried and failed. */
        FAILED,
        /** The table refuses: the companion does not hold control. */
        NOT_PERMITTED,
        /** No answer within the command timeout. */
        TIMEOUT,
        /** The link was down, or dropped before the answer. */
        LINK_DOWN
    }
}
