package dev.hangtime.protocol;

import java.util.EnumMap;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * A push decoder for the serial carrier (PROTOCOL.md §5): feed it bytes as they arrive, split
 * anywhere, and it reports each frame as a message or an error, in stream order.
 *
 * <p>It undoes COBS byte by byte into a buffer of {@link FrameCodec#MAX_FRAME_BYTES}, so memory is
 * bounded whatever arrives. A partial frame waits for the next {@link #feed}. Any error discards
 * the frame and resynchronises at the next 0x00 (PROTOCOL.md §5.4); every error is counted by
 * kind and reported, none is thrown. One decoder serves one stream from one thread at a time.
 */
public final class StreamDecoder {

    private final byte[] frame = new byte[FrameCodec.MAX_FRAME_BYTES];
    private final CRC32C crc = new CRC32C();
    private final BodyCodec.Decoding decoding = new BodyCodec.Decoding();

    // COBS state of the frame in progress (PROTOCOL.md §5.1)
    private int decodedLength;     // decoded bytes in frame[]
    private int blockRemaining;    // data bytes still to come in the current COBS block; 0 = a code byte is next
    private boolean zeroPending;   // the previous block's code was < 0xFF: a 0x00 precedes the next block
    private boolean frameStarted;  // at least one byte of this frame has arrived
    private boolean discarding;    // the frame overflowed; skip to the next delimiter

    private long bytesReceived;
    private long framesDecoded;
    private long messagesWithUnknownFlagBits;
    private long skippedExtensionBytes;
    private final long[] errors = new long[DecodeError.Kind.values().length];

    /** A decoder with a bounded buffer of {@link FrameCodec#MAX_FRAME_BYTES}. */
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
            if (discarding) {
                // PROTOCOL.md §5.4: after an oversize frame, everything up to the next 0x00 is dropped
                while (i < end && chunk[i] != FrameCodec.DELIMITER) {
                    i++;
                }
                if (i == end) {
                    return;
                }
            }
            byte b = chunk[i];
            if (b == FrameCodec.DELIMITER) {
                endOfFrame(base + i, listener);
                i++;
            } else if (blockRemaining == 0) {
                // a COBS code byte: 1 + the number of data bytes in the block it opens
                frameStarted = true;
                if (zeroPending) {
                    if (decodedLength == frame.length) {
                        overflow(base + i, listener);
                        continue;
                    }
                    frame[decodedLength++] = 0;
                }
                int code = b & 0xFF;
                blockRemaining = code - 1;
                zeroPending = code < 0xFF; // a full 254-byte block carries no implied zero
                i++;
            } else {
                // data bytes of the current block: copy until the block ends, a 0x00 arrives or the chunk ends
                int blockEnd = Math.min(end, i + blockRemaining);
                int copyEnd = Math.min(blockEnd, i + (frame.length - decodedLength));
                int start = i;
                int n = decodedLength;
                while (i < copyEnd) {
                    byte x = chunk[i];
                    if (x == FrameCodec.DELIMITER) {
                        break;
                    }
                    frame[n++] = x;
                    i++;
                }
                decodedLength = n;
                blockRemaining -= i - start;
                if (i == copyEnd && copyEnd < blockEnd && chunk[i] != FrameCodec.DELIMITER) {
                    overflow(base + i, listener); // one more data byte, and no room for it
                }
            }
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

    /** The frame outgrew the buffer: report OVERSIZE once and discard to the next delimiter. */
    private void overflow(long position, DecodeListener listener) {
        resetFrame();
        discarding = true;
        error(DecodeError.Kind.OVERSIZE, "frame longer than " + FrameCodec.MAX_FRAME_BYTES
                + " bytes at stream byte " + position + "; skipping to the next 0x00", listener);
    }

    private void endOfFrame(long at, DecodeListener listener) {
        if (discarding) {
            // the OVERSIZE error was reported when the frame overflowed
            discarding = false;
            resetFrame();
            return;
        }
        boolean started = frameStarted;
        boolean cobsComplete = blockRemaining == 0;
        int n = decodedLength;
        resetFrame(); // before any callback, so a throwing listener leaves a consistent decoder
        if (!started || (n == 0 && cobsComplete)) {
            error(DecodeError.Kind.EMPTY_FRAME, "empty frame at stream byte " + at, listener);
        } else if (!cobsComplete) {
            error(DecodeError.Kind.BAD_COBS, "frame ending at stream byte " + at
                    + ": delimiter inside a COBS block", listener);
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

    private void resetFrame() {
        decodedLength = 0;
        blockRemaining = 0;
        zeroPending = false;
        frameStarted = false;
        discarding = false;
    }
}
