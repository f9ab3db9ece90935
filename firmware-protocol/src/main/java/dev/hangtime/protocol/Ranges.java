package dev.hangtime.protocol;

/** Range checks for record components, so a message that exists can always be encoded. */
final class Ranges {
    private Ranges() {
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
}
