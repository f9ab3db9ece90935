package dev.hangtime.protocol;

import java.util.Objects;

/**
 * Why bytes did not decode into a message (PROTOCOL.md §5.4, §7). Errors are values: the
 * decoders never throw on input.
 *
 * @param kind   the class of error, counted per kind by {@link StreamDecoder}
 * @param detail what was wrong and where (message, field, byte offset), for logs
 */
public record DecodeError(Kind kind, String detail) {

    public DecodeError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** The classes of decode error. */
    public enum Kind {
        /** A serial frame with no bytes between two delimiters (benign, counted). */
        EMPTY_FRAME,
        /** A serial frame whose COBS encoding is inconsistent (a block runs past the delimiter). */
        BAD_COBS,
        /** A serial frame whose CRC-32C does not match its type and body. */
        BAD_CRC,
        /** A serial frame longer than {@link FrameCodec#MAX_FRAME_BYTES}; discarded to the next delimiter. */
        OVERSIZE,
        /** Fewer bytes than the message's (or the frame's) mandatory fields need. */
        TRUNCATED,
        /** A serial frame type byte this receiver does not know (skipped, PROTOCOL.md §7). */
        UNKNOWN_TYPE,
        /** A field holds a value outside its defined range. */
        BAD_FIELD
    }
}
