package dev.hangtime.protocol;

import java.util.Objects;

/**
 * The table's answer to a {@link ControlRequest}, indicated on the Control Point (PROTOCOL.md §4.2).
 *
 * @param requestId     the request's id
 * @param requestOpCode the op code byte answered (a raw byte so unknown op codes can be answered)
 * @param result        the outcome
 */
public record ControlResponse(int requestId, int requestOpCode, ResultCode result) implements Message {

    /** The first byte of every response body; no request op code uses it (PROTOCOL.md §4.2). */
    public static final int RESPONSE_CODE = 0x80;

    public ControlResponse {
        Ranges.checkU8("requestId", requestId);
        Ranges.checkU8("requestOpCode", requestOpCode);
        Objects.requireNonNull(result, "result");
    }

    @Override
    public MessageType type() {
        return MessageType.CONTROL_RESPONSE;
    }

    /** Result codes, numbered as the Fitness Machine Control Point's (PROTOCOL.md §4.2). */
    public enum ResultCode {
        SUCCESS(0x01), OP_CODE_NOT_SUPPORTED(0x02), INVALID_PARAMETER(0x03),
        OPERATION_FAILED(0x04), CONTROL_NOT_PERMITTED(0x05), UNKNOWN(0xFF);

        private final int code;

        ResultCode(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        private static final ResultCode[] BY_CODE = new ResultCode[256];

        static {
            java.util.Arrays.fill(BY_CODE, UNKNOWN);
            for (ResultCode r : values()) {
                BY_CODE[r.code] = r;
            }
        }

        /** The result for a code byte; codes this version does not define give {@link #UNKNOWN}. */
        public static ResultCode fromCode(int code) {
            return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : UNKNOWN;
        }
    }
}
