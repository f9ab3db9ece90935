package dev.hangtime.protocol;

/** Control Point op codes and their parameters (PROTOCOL.md §4.1). */
public sealed interface ControlCommand {

    /**
     * The op code of this command, or {@code null} for {@link Unknown} (an op code byte this
     * version does not define; see {@link #opCodeByte()}).
     */
    OpCode opCode();

    /** The op code byte on the wire, 0..255 (PROTOCOL.md §4.1). */
    default int opCodeByte() {
        return opCode().code();
    }

    /**
     * Take control of the table (PROTOCOL.md §4.4); before it, every command except Heartbeat, Read Device
     * Info and Read Status is answered CONTROL_NOT_PERMITTED.
     */
    record RequestControl() implements ControlCommand {
        public OpCode opCode() {
            return OpCode.REQUEST_CONTROL;
        }
    }

    /** The device starts counting time inverted from zero and arms its watchdog (PROTOCOL.md §6.3). */
    record StartSession() implements ControlCommand {
        public OpCode opCode() {
            return OpCode.START_SESSION;
        }
    }

    /** Ends the session and disarms the watchdog; time inverted keeps its value. */
    record StopSession() implements ControlCommand {
        public OpCode opCode() {
            return OpCode.STOP_SESSION;
        }
    }

    /**
     * Limits the device keeps and enforces on its own if the companion goes silent.
     *
     * @param maxAngleCentiDeg      0.01° units
     * @param maxTimeInvertedS      seconds, 1..65535 (PROTOCOL.md §6.2)
     * @param heartbeatTimeoutMs    the watchdog period, 100..65535 ms
     */
    record SetLimits(int maxAngleCentiDeg, int maxTimeInvertedS, int heartbeatTimeoutMs)
            implements ControlCommand {
        /** The shortest watchdog period a table accepts, in milliseconds (PROTOCOL.md §4.1). */
        public static final int MIN_HEARTBEAT_TIMEOUT_MS = 100;

        public SetLimits {
            Ranges.checkS16("maxAngleCentiDeg", maxAngleCentiDeg);
            // PROTOCOL.md §4.1: zero would disable the limit or the watchdog, which the protocol forbids
            Ranges.check("maxTimeInvertedS", maxTimeInvertedS, 1, 0xFFFF);
            Ranges.check("heartbeatTimeoutMs", heartbeatTimeoutMs, MIN_HEARTBEAT_TIMEOUT_MS, 0xFFFF);
        }

        public OpCode opCode() {
            return OpCode.SET_LIMITS;
        }
    }

    /** Turn the buzzer on with a pattern, or off ({@link AlarmPattern#OFF}). */
    record SetAlarm(AlarmPattern pattern) implements ControlCommand {
        public SetAlarm {
            java.util.Objects.requireNonNull(pattern, "pattern");
        }

        public OpCode opCode() {
            return OpCode.SET_ALARM;
        }
    }

    /** Motorised tables drive back to upright; others answer OP_CODE_NOT_SUPPORTED. */
    record ReturnToUpright() implements ControlCommand {
        public OpCode opCode() {
            return OpCode.RETURN_TO_UPRIGHT;
        }
    }

    /** Declare the current position horizontal (0°); refused while a session is active. */
    record Tare() implements ControlCommand {
        public OpCode opCode() {
            return OpCode.TARE;
        }
    }

    /** Proof of life; resets the device's watchdog. */
    record Heartbeat() implements ControlCommand {
        public OpCode opCode() {
            return OpCode.HEARTBEAT;
        }
    }

    /** Ask for a Device Info message (serial carrier; on BLE the characteristic is read). */
    record ReadDeviceInfo() implements ControlCommand {
        public OpCode opCode() {
            return OpCode.READ_DEVICE_INFO;
        }
    }

    /** Ask for a Status message (serial carrier; on BLE the characteristic is read). */
    record ReadStatus() implements ControlCommand {
        public OpCode opCode() {
            return OpCode.READ_STATUS;
        }
    }

    /**
     * A request whose op code byte this version does not define (PROTOCOL.md §4.3). It decodes,
     * rather than failing, so that a table can answer it with
     * {@link ControlResponse.ResultCode#OP_CODE_NOT_SUPPORTED} and the request's id; its
     * parameters are skipped (and counted as skipped extension bytes).
     *
     * @param opCodeByte the op code byte, 0..255, not one of {@link OpCode} and not 0x80
     */
    record Unknown(int opCodeByte) implements ControlCommand {
        public Unknown {
            Ranges.checkU8("opCodeByte", opCodeByte);
            if (OpCode.fromCode(opCodeByte) != null || opCodeByte == ControlResponse.RESPONSE_CODE) {
                throw new IllegalArgumentException("opCodeByte 0x" + Integer.toHexString(opCodeByte)
                        + " is a defined code, not an unknown op code");
            }
        }

        /** Always {@code null}: the op code is not one this version defines. */
        @Override
        public OpCode opCode() {
            return null;
        }
    }

    /** The op code byte of each command. */
    enum OpCode {
        REQUEST_CONTROL(0x01), START_SESSION(0x02), STOP_SESSION(0x03), SET_LIMITS(0x04),
        SET_ALARM(0x05), RETURN_TO_UPRIGHT(0x06), TARE(0x07), HEARTBEAT(0x08),
        READ_DEVICE_INFO(0x09), READ_STATUS(0x0A);

        private final int code;

        OpCode(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** Indexed by op code byte; the decoder looks one up for every request. */
        private static final OpCode[] BY_CODE = new OpCode[256];

        static {
            for (OpCode o : values()) {
                BY_CODE[o.code] = o;
            }
        }

        /** The op code for a byte, or {@code null} when unknown (answered OP_CODE_NOT_SUPPORTED). */
        public static OpCode fromCode(int code) {
            return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        }
    }

    /** Buzzer patterns, after the IEC 60601-1-8 priorities (PROTOCOL.md §6.4). */
    enum AlarmPattern {
        OFF(0), LOW(1), MEDIUM(2), HIGH(3);

        private final int code;

        AlarmPattern(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        private static final AlarmPattern[] ALL = values();

        /** The pattern for a code byte, or {@code null} when undefined (answered INVALID_PARAMETER). */
        public static AlarmPattern fromCode(int code) {
            for (AlarmPattern p : ALL) {
                if (p.code == code) {
                    return p;
                }
            }
            return null;
        }
    }
}
