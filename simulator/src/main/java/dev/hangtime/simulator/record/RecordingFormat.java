package dev.hangtime.simulator.record;

import java.util.HexFormat;

/**
 * The recording file format, version 1: UTF-8 text, one line per thing the table put on its link.
 *
 * <pre>
 * # hangtime-recording 1
 * # scenario: compliant-morning
 * 0.000 frame 0203010000010103...
 * 50.000 frame 0c0103...
 * 12000.000 noise 9f3c00a1
 * 12050.000 corrupt 0c0103...
 * 30000.000 link-down link lost
 * 35000.000 link-up
 * </pre>
 *
 * The first line names the format. Other lines starting with {@code #} are comments (the writer
 * notes the scenario there). Each event line is: milliseconds since the start of the recording (up
 * to microsecond precision, never decreasing), a kind, and its argument. {@code frame} holds a whole
 * serial frame (PROTOCOL.md §5: COBS, CRC-32C, the 0x00 delimiter) as hex; {@code corrupt} a frame
 * the line corrupted, as received; {@code noise} bytes that are no frame; {@code link-down} a reason.
 * Frames, not message fields, so that a recording replays bit for bit on the serial line and
 * survives additions to the protocol.
 */
final class RecordingFormat {

    static final String HEADER = "# hangtime-recording 1";
    static final HexFormat HEX = HexFormat.of();

    private RecordingFormat() {
    }

    /** Milliseconds with microsecond precision, e.g. {@code 1234.567}. */
    static String millis(long nanos) {
        long micros = nanos / 1000;
        return (micros / 1000) + "." + String.format("%03d", micros % 1000);
    }
}
