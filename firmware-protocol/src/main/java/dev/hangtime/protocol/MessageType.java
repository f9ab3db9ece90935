package dev.hangtime.protocol;

/** Serial frame type bytes (PROTOCOL.md §2). Unknown types are skipped and counted, never fatal. */
public enum MessageType {
    MEASUREMENT(0x01),
    STATUS(0x02),
    DEVICE_INFO(0x03),
    CONTROL_REQUEST(0x10),
    CONTROL_RESPONSE(0x11);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Indexed by type byte; a table because the decoder looks a type up for every frame. */
    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    /** The type for a frame's first byte, or {@code null} when this receiver does not know it. */
    public static MessageType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
