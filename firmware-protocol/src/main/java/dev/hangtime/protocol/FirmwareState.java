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

    private static final FirmwareState[] BY_CODE = new FirmwareState[256];

    static {
        java.util.Arrays.fill(BY_CODE, UNKNOWN);
        for (FirmwareState s : values()) {
            BY_CODE[s.code] = s;
        }
    }

    /** The state for a code byte; codes this version does not define give {@link #UNKNOWN}. */
    public static FirmwareState fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : UNKNOWN;
    }
}
