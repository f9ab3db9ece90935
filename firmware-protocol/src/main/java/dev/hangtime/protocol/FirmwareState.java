package dev.hangtime.protocol;

/** The firmware's own state, one byte (PROTOCOL.md §3.2). Unknown codes decode as {@link #UNKNOWN}. */
public enum FirmwareState {
    BOOTING(0), IDLE(1), SESSION(2), ALARM(3), CALIBRATING(4), ERROR(5), UNKNOWN(0xFF);

    private final int code;

    FirmwareState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static FirmwareState fromCode(int code) {
        for (FirmwareState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
