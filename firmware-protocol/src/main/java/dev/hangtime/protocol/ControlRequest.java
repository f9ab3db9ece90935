package dev.hangtime.protocol;

import java.util.Objects;

/**
 * A companion-to-table command written to the Control Point (PROTOCOL.md §4).
 *
 * @param requestId 0..255 chosen by the companion; echoed in the {@link ControlResponse}
 * @param command   what to do, with its parameters
 */
public record ControlRequest(int requestId, ControlCommand command) implements Message {

    public ControlRequest {
        Ranges.checkU8("requestId", requestId);
        Objects.requireNonNull(command, "command");
    }

    @Override
    public MessageType type() {
        return MessageType.CONTROL_REQUEST;
    }
}
