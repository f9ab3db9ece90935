package dev.hangtime.simulator;

import dev.hangtime.protocol.Message;
import java.util.Objects;

/**
 * One thing the table put on its link, timestamped in nanoseconds of simulated time: what carriers
 * deliver, what a recording stores and what a replay plays back. Byte arrays are owned by the event;
 * do not modify them.
 */
public sealed interface LineEvent {

    long atNanos();

    /** An intact message. */
    record Frame(long atNanos, Message message) implements LineEvent {
        public Frame {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A frame the line corrupted: {@code wireBytes} is the serial frame as received (its CRC fails).
     *
     * @param original the message before corruption; {@code null} when replayed from a recording
     */
    record CorruptFrame(long atNanos, Message original, byte[] wireBytes) implements LineEvent {
        public CorruptFrame {
            Objects.requireNonNull(wireBytes, "wireBytes");
        }
    }

    /** Bytes on the line that belong to no frame. */
    record Noise(long atNanos, byte[] bytes) implements LineEvent {
        public Noise {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** The link dropped (radio lost, cable out, device rebooting); nothing passes until {@link LinkUp}. */
    record LinkDown(long atNanos, String reason) implements LineEvent {
        public LinkDown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The link is back. */
    record LinkUp(long atNanos) implements LineEvent {
    }
}
