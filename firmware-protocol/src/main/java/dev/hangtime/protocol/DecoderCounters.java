package dev.hangtime.protocol;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of what a {@link StreamDecoder} has seen since it was created (PROTOCOL.md §5.4):
 * the device layer turns these into metrics and rate-limited log lines.
 *
 * @param bytesReceived               bytes fed, delimiters included
 * @param framesDecoded               frames that became messages
 * @param errorsByKind                discarded frames per error kind (every kind present, zeros included)
 * @param messagesWithUnknownFlagBits decoded messages that carried flag bits this version does not define
 * @param skippedExtensionBytes       bytes after the last known field of decoded messages, skipped
 */
public record DecoderCounters(long bytesReceived, long framesDecoded, Map<DecodeError.Kind, Long> errorsByKind,
                              long messagesWithUnknownFlagBits, long skippedExtensionBytes) {

    public DecoderCounters {
        Objects.requireNonNull(errorsByKind, "errorsByKind");
        EnumMap<DecodeError.Kind, Long> all = new EnumMap<>(DecodeError.Kind.class);
        for (DecodeError.Kind kind : DecodeError.Kind.values()) {
            all.put(kind, errorsByKind.getOrDefault(kind, 0L));
        }
        errorsByKind = Collections.unmodifiableMap(all);
    }

    /** Discarded frames of one kind. */
    public long errors(DecodeError.Kind kind) {
        return errorsByKind.get(kind);
    }

    /** Discarded frames of every kind. */
    public long totalErrors() {
        long sum = 0;
        for (long n : errorsByKind.values()) {
            sum += n;
        }
        return sum;
    }
}
