package dev.hangtime.protocol;

import java.util.EnumMap;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * A push decoder for the serial carrier (PROTOCOL.md §5): feed it bytes as they arrive, split
 * anywhere, and it reports each frame as a message or an error, in stream order.
 *
 * <p>A frame that arrives whole inside one chunk is decoded straight from the chunk; only the
 * start of a frame that continues in a later chunk is kept, in a buffer of the longest encoded
 * frame ({@link FrameCodec#MAX_WIRE_BYTES} − 1 bytes), so memory is bounded whatever arrives. Any
 * error discards the frame and resynchronises at the next 0x00 (PROTOCOL.md §5.4); every error is
 * counted by kind and reported, none is thrown. One decoder serves one stream from one thread at a
 * time.
 */
public final class StreamDecoder {

    /**
     * The longest COBS-encoded frame, without its delimiter. An encoded frame of at most this many
     * bytes decodes to at most {@link FrameCodec#MAX_FRAME_BYTES}, and a longer one always to more
     * (only a full 254-byte block saves a byte), so this bound is the decoded bound of §5.3.
     */
    static final int MAX_ENCODED_BYTES = FrameCodec.MAX_WIRE_BYTES - 1;

    private final byte[] pending = new byte[MAX_ENCODED_BYTES]; // start of a frame split across chunks
    private int pendingLength;
    private boolean discarding; // an oversize frame is being skipped up to the next delimiter
    private final byte[] frame = new byte[MAX_ENCODED_BYTES - 1]; // the decoded frame
    private final CRC32C crc = new CRC32C();
    private final BodyCodec.Decoding decoding = new BodyCodec.Decoding();

    private long bytesReceived;
    private long framesDecoded;
    private long messagesWithUnknownFlagBits;
    private long skippedExtensionBytes;
    private final long[] errors = new long[DecodeError.Kind.values().length];

    /** A decoder with a bounded buffer (one encoded frame of at most {@link FrameCodec#MAX_WIRE_BYTES} − 1 bytes). */
    public StreamDecoder() {
    }

    /**
     * Decodes {@code length} bytes of {@code chunk} from {@code offset}, calling {@code listener}
     * for each frame that ends in them. Never throws because of the bytes' content; an exception
     * thrown by the listener propagates, and the bytes after the frame it was called for are then
     * not decoded (they still count as received; the decoder itself stays consistent).
     *
     * @throws IndexOutOfBoundsException if offset and length do not lie within {@code chunk}
     */
    public void feed(byte[] chunk, int offset, int length, DecodeListener listener) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        Objects.requireNonNull(listener, "listener");
        long base = bytesReceived - offset; // stream position of chunk[i] is base + i
        bytesReceived += length;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int delimiter = i;
            while (delimiter < end && chunk[delimiter] != FrameCodec.DELIMITER) {
                delimiter++;
            }
            int n = delimiter - i;
            if (discarding) {
                // PROTOCOL.md §5.4: after an oversize frame everything up to the next 0x00 is dropped
                if (delimiter < end) {
                    discarding = false;
                }
            } else if (delimiter == end) {
                keepPartial(chunk, i, n, base + end - 1, listener);
            } else if (pendingLength == 0) {
                decodeFrame(chunk, i, n, base + delimiter, listener); // the common case: a whole frame
            } else if (pendingLength + n > MAX_ENCODED_BYTES) {
                pendingLength = 0; // this delimiter ends the oversize frame: nothing left to skip
                oversize(base + delimiter, listener);
            } else {
                System.arraycopy(chunk, i, pending, pendingLength, n);
                int total = pendingLength + n;
                pendingLength = 0; // before any callback, so a throwing listener leaves a consistent decoder
                decodeFrame(pending, 0, total, base + delimiter, listener);
            }
            i = delimiter + 1;
        }
    }

    /** Feeds a whole chunk. */
    public void feed(byte[] chunk, DecodeListener listener) {
        feed(chunk, 0, chunk.length, listener);
    }

    /** What this decoder has seen so far. */
    public DecoderCounters counters() {
        EnumMap<DecodeError.Kind, Long> byKind = new EnumMap<>(DecodeError.Kind.class);
        for (DecodeError.Kind kind : DecodeError.Kind.values()) {
            byKind.put(kind, errors[kind.ordinal()]);
        }
        return new DecoderCounters(bytesReceived, framesDecoded, byKind, messagesWithUnknownFlagBits,
                skippedExtensionBytes);
    }

    /** Keeps the start of a frame whose delimiter has not arrived; too long means oversize. */
    private void keepPartial(byte[] chunk, int from, int n, long position, DecodeListener listener) {
        if (pendingLength + n > MAX_ENCODED_BYTES) {
            pendingLength = 0;
            discarding = true; // set before the callback, so a throwing listener leaves a consistent decoder
            oversize(position, listener);
            return;
        }
        System.arraycopy(chunk, from, pending, pendingLength, n);
        pendingLength += n;
    }

    /** Reports OVERSIZE, once per frame. */
    private void oversize(long position, DecodeListener listener) {
        error(DecodeError.Kind.OVERSIZE, "frame longer than " + FrameCodec.MAX_FRAME_BYTES
                + " bytes by stream byte " + position + "; skipping to the next 0x00", listener);
    }

    /** One encoded frame, without its delimiter, which is at stream position {@code at}. */
    private void decodeFrame(byte[] src, int off, int encodedLength, long at, DecodeListener listener) {
        // PROTOCOL.md §5.4 step 3, in order
        if (encodedLength > MAX_ENCODED_BYTES) {
            error(DecodeError.Kind.OVERSIZE, "frame ending at stream byte " + at + ": " + encodedLength
                    + " encoded bytes, longer than " + FrameCodec.MAX_FRAME_BYTES + " decoded", listener);
            return;
        }
        int n = encodedLength == 0 ? 0 : Cobs.decode(src, off, encodedLength, frame);
        if (n == 0) {
            error(DecodeError.Kind.EMPTY_FRAME, "empty frame at stream byte " + at, listener);
        } else if (n < 0) {
            error(DecodeError.Kind.BAD_COBS, "frame ending at stream byte " + at
                    + ": a COBS block runs past the delimiter", listener);
        } else if (n < FrameCodec.TYPE_BYTES + FrameCodec.CRC_BYTES) {
            error(DecodeError.Kind.TRUNCATED, "frame ending at stream byte " + at + ": " + n
                    + " bytes, needs at least " + (FrameCodec.TYPE_BYTES + FrameCodec.CRC_BYTES)
                    + " (type and CRC)", listener);
        } else {
            checkAndDecode(n, at, listener);
        }
    }

    private void checkAndDecode(int n, long at, DecodeListener listener) {
        int crcAt = n - FrameCodec.CRC_BYTES;
        crc.reset();
        crc.update(frame, 0, crcAt);
        int expected = (int) crc.getValue();
        int received = FrameCodec.readCrc(frame, crcAt);
        if (expected != received) {
            error(DecodeError.Kind.BAD_CRC, String.format("frame ending at stream byte %d: CRC-32C %08x, computed %08x",
                    at, received, expected), listener);
            return;
        }
        int typeCode = frame[0] & 0xFF;
        MessageType type = MessageType.fromCode(typeCode);
        if (type == null) {
            // PROTOCOL.md §7: a type from a later version is skipped and counted
            error(DecodeError.Kind.UNKNOWN_TYPE, String.format("frame ending at stream byte %d: type 0x%02x",
                    at, typeCode), listener);
            return;
        }
        BodyCodec.Decoding decoded = BodyCodec.decode(type, frame, FrameCodec.TYPE_BYTES,
                crcAt - FrameCodec.TYPE_BYTES, decoding);
        if (decoded.message != null) {
            framesDecoded++;
            if (decoded.unknownFlagBits != 0) {
                messagesWithUnknownFlagBits++;
            }
            skippedExtensionBytes += decoded.skippedExtensionBytes;
            Message m = decoded.message;
            decoded.message = null; // the decoder keeps no reference to what it handed out
            listener.onMessage(m);
        } else {
            error(decoded.errorKind, "frame ending at stream byte " + at + ": " + decoded.errorDetail, listener);
        }
    }

    private void error(DecodeError.Kind kind, String detail, DecodeListener listener) {
        errors[kind.ordinal()]++;
        listener.onError(new DecodeError(kind, detail));
    }
}
