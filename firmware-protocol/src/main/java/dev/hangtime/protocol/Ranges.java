package dev.hangtime.protocol;

/** Range checks for record components, so a message that exists can always be encoded. */
final class Ranges {
    private Ranges() {
    }

    static void check(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", was " + value);
        }
    }

    static void checkU8(String field, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(field + " must be 0..255, was " + value);
        }
    }

    static void checkU16(String field, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(field + " must be 0..65535, was " + value);
        }
    }

    static void checkS16(String field, int value) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException(field + " must be -32768..32767, was " + value);
        }
    }

    static void checkU32(String field, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " must be 0..4294967295, was " + value);
        }
    }

    /** The string must be valid Unicode (no lone surrogates) and at most {@code maxBytes} in UTF-8. */
    static void checkUtf8(String field, String value, int maxBytes) {
        int bytes = Utf8.encodedLength(value);
        if (bytes < 0) {
            throw new IllegalArgumentException(field + " is not valid Unicode (lone surrogate)");
        }
        if (bytes > maxBytes) {
            throw new IllegalArgumentException(field + " must be at most " + maxBytes
                    + " UTF-8 bytes, was " + bytes);
        }
    }
}
