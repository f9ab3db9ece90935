package dev.hangtime.protocol;

import java.util.Objects;

/**
 * What the table is (PROTOCOL.md §3.3). Read once after connecting.
 *
 * @param protocolMajor   incompatible changes bump this; a companion refuses a major it does not know
 * @param protocolMinor   compatible additions (new flags, fields, types) bump this
 * @param firmwareVersion e.g. "1.4.2", at most 16 UTF-8 bytes
 * @param tableModel      e.g. "Teeter FitSpine X3 + hangsense", at most 32 UTF-8 bytes
 * @param minAngleCentiDeg smallest angle the table can reach, 0.01° units (upright is about -80°)
 * @param maxAngleCentiDeg largest angle the table can reach, 0.01° units (full inversion is 9000)
 * @param capabilities    bits: {@link #MOTORISED}, {@link #ANKLE_SENSOR}, {@link #BUZZER}
 * @param sampleRateHz    measurement notifications per second, 1..255
 */
public record DeviceInfo(int protocolMajor, int protocolMinor, String firmwareVersion,
                         String tableModel, int minAngleCentiDeg, int maxAngleCentiDeg,
                         int capabilities, int sampleRateHz) implements Message {

    public static final int MOTORISED = 1;
    public static final int ANKLE_SENSOR = 1 << 1;
    public static final int BUZZER = 1 << 2;
    /** Every capability bit this version of the protocol defines. */
    public static final int KNOWN_CAPABILITIES = MOTORISED | ANKLE_SENSOR | BUZZER;
    /** The protocol version this implementation speaks (PROTOCOL.md §7). */
    public static final int PROTOCOL_MAJOR = 1;
    public static final int PROTOCOL_MINOR = 0;
    /** Longest firmware version string, in UTF-8 bytes (PROTOCOL.md §3.3). */
    public static final int MAX_FIRMWARE_VERSION_BYTES = 16;
    /** Longest table model string, in UTF-8 bytes (PROTOCOL.md §3.3). */
    public static final int MAX_TABLE_MODEL_BYTES = 32;

    public DeviceInfo {
        Ranges.checkU8("protocolMajor", protocolMajor);
        Ranges.checkU8("protocolMinor", protocolMinor);
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(tableModel, "tableModel");
        Ranges.checkUtf8("firmwareVersion", firmwareVersion, MAX_FIRMWARE_VERSION_BYTES);
        Ranges.checkUtf8("tableModel", tableModel, MAX_TABLE_MODEL_BYTES);
        Ranges.checkS16("minAngleCentiDeg", minAngleCentiDeg);
        Ranges.checkS16("maxAngleCentiDeg", maxAngleCentiDeg);
        if (minAngleCentiDeg > maxAngleCentiDeg) {
            throw new IllegalArgumentException("minAngleCentiDeg " + minAngleCentiDeg
                    + " must not exceed maxAngleCentiDeg " + maxAngleCentiDeg);
        }
        Ranges.checkU16("capabilities", capabilities);
        // PROTOCOL.md §7: a message holds only the bits this version defines; a decoder clears the others
        if ((capabilities & ~KNOWN_CAPABILITIES) != 0) {
            throw new IllegalArgumentException("capabilities 0x" + Integer.toHexString(capabilities)
                    + " has bits this protocol version does not define");
        }
        if (sampleRateHz < 1 || sampleRateHz > 255) {
            throw new IllegalArgumentException("sampleRateHz must be 1..255, was " + sampleRateHz);
        }
    }

    public boolean motorised() {
        return (capabilities & MOTORISED) != 0;
    }

    @Override
    public MessageType type() {
        return MessageType.DEVICE_INFO;
    }
}
