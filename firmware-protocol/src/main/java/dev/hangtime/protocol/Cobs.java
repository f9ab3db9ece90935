package dev.hangtime.protocol;

/**
 * Consistent Overhead Byte Stuffing (Cheshire and Baker, 1999), the serial framing of PROTOCOL.md
 * §5.1: the output holds no 0x00, so 0x00 can delimit frames.
 */
final class Cobs {
    private Cobs() {
    }

    /** The largest encoded length of {@code n} input bytes: one code byte per started 254-byte run. */
    static int maxEncodedLength(int n) {
        return n + n / 254 + 1;
    }

    /**
     * Encodes {@code len} bytes of {@code src} at {@code srcOff} into {@code dst} at {@code dstOff}
     * (no delimiter); returns the offset after the last byte written.
     */
    static int encode(byte[] src, int srcOff, int len, byte[] dst, int dstOff) {
        int codeAt = dstOff; // where the current block's code byte goes
        int out = dstOff + 1;
        int code = 1; // 1 + data bytes in the current block
        for (int i = srcOff; i < srcOff + len; i++) {
            byte b = src[i];
            if (b == 0) {
                dst[codeAt] = (byte) code;
                codeAt = out++;
                code = 1;
            } else {
                dst[out++] = b;
                code++;
                if (code == 0xFF) {
                    // a full block of 254 data bytes carries no implied zero
                    dst[codeAt] = (byte) code;
                    codeAt = out++;
                    code = 1;
                }
            }
        }
        dst[codeAt] = (byte) code;
        return out;
    }

    /**
     * Decodes {@code len} bytes of {@code src} at {@code srcOff} (one frame, no 0x00 in it, no
     * delimiter) into {@code dst} from index 0. {@code dst} must hold {@code len - 1} bytes.
     *
     * @return the decoded length, or -1 when a code byte promises more data than the frame holds
     */
    static int decode(byte[] src, int srcOff, int len, byte[] dst) {
        int p = srcOff;
        int end = srcOff + len;
        int n = 0;
        while (p < end) {
            int code = src[p++] & 0xFF;
            int dataEnd = p + code - 1;
            if (dataEnd > end) {
                return -1;
            }
            while (p < dataEnd) {
                dst[n++] = src[p++];
            }
            // every block but a full one (0xFF) and the last is followed by an implied zero
            if (code != 0xFF && p < end) {
                dst[n++] = 0;
            }
        }
        return n;
    }
}
