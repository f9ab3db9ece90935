package dev.hangtime.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered writer of ASCII numbers and punctuation straight into bytes, for the sample rows of the CSV
 * export: a million rows of digits need no String, no char[] and no charset encoder per row, which was
 * half of the export's time through a Writer (BENCHMARKS.md "Store and export").
 */
final class AsciiSink {

    private static final int CAPACITY = 1 << 16;
    private final OutputStream out;
    private final byte[] buffer = new byte[CAPACITY];
    private final byte[] digits = new byte[20];
    private int length;

    AsciiSink(OutputStream out) {
        this.out = out;
    }

    AsciiSink append(char c) throws IOException {
        ensure(1);
        buffer[length++] = (byte) c;
        return this;
    }

    AsciiSink append(long value) throws IOException {
        ensure(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                for (char c : Long.toString(value).toCharArray()) {
                    buffer[length++] = (byte) c;
                }
                return this;
            }
            buffer[length++] = '-';
            value = -value;
        }
        int count = 0;
        do {
            digits[count++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        while (count > 0) {
            buffer[length++] = digits[--count];
        }
        return this;
    }

    /** Degrees as {@link Formats#appendDegrees} writes them; nothing for NaN. */
    AsciiSink appendDegrees(double angleDeg) throws IOException {
        if (!Double.isFinite(angleDeg)) {
            return this;
        }
        long millidegrees = Math.round(angleDeg * 1000.0);
        if (millidegrees < 0) {
            append('-');
            millidegrees = -millidegrees;
        }
        append(millidegrees / 1000);
        int fraction = (int) (millidegrees % 1000);
        if (fraction != 0) {
            append('.');
            append((char) ('0' + fraction / 100));
            fraction %= 100;
            if (fraction != 0) {
                append((char) ('0' + fraction / 10));
                fraction %= 10;
                if (fraction != 0) {
                    append((char) ('0' + fraction));
                }
            }
        }
        return this;
    }

    void flush() throws IOException {
        out.write(buffer, 0, length);
        length = 0;
        out.flush();
    }

    private void ensure(int bytes) throws IOException {
        if (length + bytes > CAPACITY) {
            out.write(buffer, 0, length);
            length = 0;
        }
    }
}
