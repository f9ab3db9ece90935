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

    public DeviceInfo {
        Ranges.checkU8("protocolMajor", protocolMajor);
        Ranges.checkU8("protocolMinor", protocolMinor);
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(tableModel, "tableModel");
        Ranges.checkS16("minAngleCentiDeg", minAngleCentiDeg);
        Ranges.checkS16("maxAngleCentiDeg", maxAngleCentiDeg);
        Ranges.checkU16("capabilities", capabilities);
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
