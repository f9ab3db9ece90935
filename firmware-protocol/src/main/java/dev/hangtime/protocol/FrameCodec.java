package dev.hangtime.protocol;

import java.util.zip.CRC32C;

/**
 * Serial frames (PROTOCOL.md §5): {@code COBS(type | body | CRC-32C(type | body), little-endian)}
 * followed by one 0x00 delimiter. Decoding a byte stream is {@link StreamDecoder}'s job.
 */
public final class FrameCodec {

    /** Bytes of the type field at the start of a decoded frame. */
    public static final int TYPE_BYTES = 1;
    /** Bytes of the CRC-32C at the end of a decoded frame. */
    public static final int CRC_BYTES = 4;
    /**
     * The largest decoded frame (type + body + CRC) a receiver must accept, in bytes
     * (PROTOCOL.md §5.3). A longer frame is discarded as {@link DecodeError.Kind#OVERSIZE}.
     */
    public static final int MAX_FRAME_BYTES = 128;
    /** The largest body that fits a frame. */
    public static final int MAX_BODY_BYTES = MAX_FRAME_BYTES - TYPE_BYTES - CRC_BYTES;
    /** The most bytes a frame occupies on the wire: COBS overhead plus the 0x00 delimiter. */
    public static final int MAX_WIRE_BYTES = Cobs.maxEncodedLength(MAX_FRAME_BYTES) + 1;
    /** The frame delimiter (PROTOCOL.md §5.1). */
    public static final byte DELIMITER = 0x00;

    private FrameCodec() {
    }

    /** The frame of {@code m} as it goes on the wire, delimiter included. */
    public static byte[] encode(Message m) {
        int bodyLength = BodyCodec.encodedLength(m);
        int frameLength = TYPE_BYTES + bodyLength + CRC_BYTES;
        if (frameLength > MAX_FRAME_BYTES) {
            // unreachable for protocol 1.0 messages (the longest, Device Info, is 64 bytes framed)
            throw new IllegalArgumentException(m.type() + " frame of " + frameLength + " bytes exceeds "
                    + MAX_FRAME_BYTES);
        }
        byte[] frame = new byte[frameLength];
        frame[0] = (byte) m.type().code();
        BodyCodec.write(m, frame, TYPE_BYTES);
        int crc = crc32c(frame, 0, TYPE_BYTES + bodyLength);
        writeCrc(frame, TYPE_BYTES + bodyLength, crc);
        return wrap(frame, frameLength);
    }

    /**
     * COBS-encodes an already assembled decoded frame (type, body and CRC) and appends the
     * delimiter. For tests and tools that need frames this encoder would not produce (a wrong CRC,
     * an unknown type).
     */
    public static byte[] wrap(byte[] decodedFrame, int length) {
        byte[] wire = new byte[Cobs.maxEncodedLength(length) + 1];
        int end = Cobs.encode(decodedFrame, 0, length, wire, 0);
        wire[end] = DELIMITER;
        return java.util.Arrays.copyOf(wire, end + 1);
    }

    /** CRC-32C (Castagnoli, reflected, init and xorout 0xFFFFFFFF) of the given bytes (PROTOCOL.md §5.2). */
    public static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    static void writeCrc(byte[] frame, int off, int crc) {
        frame[off] = (byte) crc;
        frame[off + 1] = (byte) (crc >>> 8);
        frame[off + 2] = (byte) (crc >>> 16);
        frame[off + 3] = (byte) (crc >>> 24);
    }

    static int readCrc(byte[] frame, int off) {
        return (frame[off] & 0xFF) | (frame[off + 1] & 0xFF) << 8 | (frame[off + 2] & 0xFF) << 16
                | (frame[off + 3] & 0xFF) << 24;
    }
}
