package dev.hangtime.protocol;

import java.util.Objects;

/** The outcome of decoding one message body: a message, or an error (never an exception). */
public sealed interface BodyDecodeResult {

    /**
     * A message decoded.
     *
     * @param message               the message, holding only the fields and flag bits this
     *                              version of the protocol defines
     * @param unknownFlagBits       the mask of bits that were set but that this version does not
     *                              define in Measurement {@code flags}, Status {@code flags} or Device
     *                              Info {@code capabilities}; they were cleared in {@code message}
     *                              (PROTOCOL.md §7). Status fault bits are never cleared (§3.2)
     * @param skippedExtensionBytes bytes after the last field this version knows, skipped (PROTOCOL.md §7)
     */
    record Decoded(Message message, int unknownFlagBits, int skippedExtensionBytes) implements BodyDecodeResult {
        public Decoded {
            Objects.requireNonNull(message, "message");
            if (skippedExtensionBytes < 0) {
                throw new IllegalArgumentException("skippedExtensionBytes must be >= 0, was " + skippedExtensionBytes);
            }
        }
    }

    /** The body did not decode; {@code error} says why and where. */
    record Failed(DecodeError error) implements BodyDecodeResult {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
