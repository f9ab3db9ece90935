package dev.hangtime.protocol;

import dev.hangtime.protocol.ControlCommand.AlarmPattern;
import dev.hangtime.protocol.ControlCommand.OpCode;
import dev.hangtime.protocol.ControlResponse.ResultCode;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes message bodies: the bytes of a BLE characteristic value, and the middle of
 * a serial frame (no type byte, no CRC). All multi-byte fields are little-endian (PROTOCOL.md §2).
 *
 * <p>Decoding never throws: malformed bodies come back as {@link BodyDecodeResult.Failed}. Unknown
 * flag bits and bytes after the last known field are skipped and reported, never fatal
 * (PROTOCOL.md §7).
 */
public final class BodyCodec {

    /** PROTOCOL.md §3.1: flags, sequence, deviceTimeMs, angle, timeInvertedMs. */
    static final int MEASUREMENT_BASE_BYTES = 14;
    /** PROTOCOL.md §3.1: the optional angular rate. */
    static final int ANGULAR_RATE_BYTES = 2;
    /** PROTOCOL.md §3.2. */
    static final int STATUS_BYTES = 5;
    /** PROTOCOL.md §3.3: the fixed part plus both length bytes (with empty strings). */
    static final int DEVICE_INFO_MIN_BYTES = 11;
    /** PROTOCOL.md §4.1: op code and request id. */
    static final int REQUEST_HEADER_BYTES = 2;
    /** PROTOCOL.md §4.1: maxAngle, maxTimeInvertedS, heartbeatTimeoutMs. */
    static final int SET_LIMITS_PARAM_BYTES = 6;
    /** PROTOCOL.md §4.1: the pattern. */
    static final int SET_ALARM_PARAM_BYTES = 1;
    /** PROTOCOL.md §4.2. */
    static final int RESPONSE_BYTES = 4;

    private BodyCodec() {
    }

    /** The body of {@code m}, as a characteristic value or the middle of a serial frame. */
    public static byte[] encode(Message m) {
        byte[] out = new byte[encodedLength(m)];
        write(m, out, 0);
        return out;
    }

    /**
     * Decodes a body of the given type. A Control Point value on BLE may hold a request or a
     * response: use {@link #decodeControlPoint(byte[])} for it.
     *
     * @return the message, or why it did not decode; never throws, also not for {@code null}
     */
    public static BodyDecodeResult decode(MessageType type, byte[] value) {
        if (type == null) {
            return failed(DecodeError.Kind.UNKNOWN_TYPE, "no message type given");
        }
        if (value == null) {
            return failed(DecodeError.Kind.TRUNCATED, type + ": no value");
        }
        return decode(type, value, 0, value.length, new Decoding()).result();
    }

    /**
     * Decodes a Control Point characteristic value (PROTOCOL.md §4): a response when its first
     * byte is 0x80, otherwise a request.
     */
    public static BodyDecodeResult decodeControlPoint(byte[] value) {
        if (value == null || value.length == 0) {
            return failed(DecodeError.Kind.TRUNCATED, "Control Point value: empty, needs at least "
                    + REQUEST_HEADER_BYTES + " bytes");
        }
        MessageType type = (value[0] & 0xFF) == ControlResponse.RESPONSE_CODE
                ? MessageType.CONTROL_RESPONSE : MessageType.CONTROL_REQUEST;
        return decode(type, value, 0, value.length, new Decoding()).result();
    }

    // ---------------------------------------------------------------- encoding

    /** The body length of {@code m} in bytes. */
    static int encodedLength(Message m) {
        if (m instanceof Measurement meas) {
            return MEASUREMENT_BASE_BYTES
                    + (meas.has(MeasurementFlags.ANGULAR_RATE_PRESENT) ? ANGULAR_RATE_BYTES : 0);
        } else if (m instanceof Status) {
            return STATUS_BYTES;
        } else if (m instanceof DeviceInfo info) {
            return DEVICE_INFO_MIN_BYTES + Utf8.encodedLength(info.firmwareVersion())
                    + Utf8.encodedLength(info.tableModel());
        } else if (m instanceof ControlRequest req) {
            return REQUEST_HEADER_BYTES + paramLength(req.command());
        } else if (m instanceof ControlResponse) {
            return RESPONSE_BYTES;
        }
        throw new IllegalArgumentException("not a protocol message: " + m);
    }

    private static int paramLength(ControlCommand c) {
        if (c instanceof ControlCommand.SetLimits) {
            return SET_LIMITS_PARAM_BYTES;
        } else if (c instanceof ControlCommand.SetAlarm) {
            return SET_ALARM_PARAM_BYTES;
        }
        return 0;
    }

    /** Writes the body of {@code m} at {@code off}; returns the offset after it. */
    static int write(Message m, byte[] out, int off) {
        if (m instanceof Measurement meas) {
            // PROTOCOL.md §3.1
            off = putU16(out, off, meas.flags());
            off = putU16(out, off, meas.sequence());
            off = putU32(out, off, meas.deviceTimeMs());
            off = putU16(out, off, meas.angleCentiDeg());
            off = putU32(out, off, meas.timeInvertedMs());
            if (meas.has(MeasurementFlags.ANGULAR_RATE_PRESENT)) {
                off = putU16(out, off, meas.angularRateDeciDegPerS());
            }
        } else if (m instanceof Status st) {
            // PROTOCOL.md §3.2
            out[off++] = (byte) st.flags();
            out[off++] = (byte) st.batteryPercent();
            off = putU16(out, off, st.faults());
            out[off++] = (byte) st.firmwareState().code();
        } else if (m instanceof DeviceInfo info) {
            // PROTOCOL.md §3.3
            out[off++] = (byte) info.protocolMajor();
            out[off++] = (byte) info.protocolMinor();
            off = putU16(out, off, info.minAngleCentiDeg());
            off = putU16(out, off, info.maxAngleCentiDeg());
            off = putU16(out, off, info.capabilities());
            out[off++] = (byte) info.sampleRateHz();
            off = putString(out, off, info.firmwareVersion());
            off = putString(out, off, info.tableModel());
        } else if (m instanceof ControlRequest req) {
            // PROTOCOL.md §4.1
            ControlCommand c = req.command();
            out[off++] = (byte) c.opCodeByte();
            out[off++] = (byte) req.requestId();
            if (c instanceof ControlCommand.SetLimits limits) {
                off = putU16(out, off, limits.maxAngleCentiDeg());
                off = putU16(out, off, limits.maxTimeInvertedS());
                off = putU16(out, off, limits.heartbeatTimeoutMs());
            } else if (c instanceof ControlCommand.SetAlarm alarm) {
                out[off++] = (byte) alarm.pattern().code();
            }
        } else if (m instanceof ControlResponse resp) {
            // PROTOCOL.md §4.2
            out[off++] = (byte) ControlResponse.RESPONSE_CODE;
            out[off++] = (byte) resp.requestId();
            out[off++] = (byte) resp.requestOpCode();
            out[off++] = (byte) resp.result().code();
        } else {
            throw new IllegalArgumentException("not a protocol message: " + m);
        }
        return off;
    }

    private static int putU16(byte[] out, int off, int v) {
        out[off] = (byte) v;
        out[off + 1] = (byte) (v >>> 8);
        return off + 2;
    }

    private static int putU32(byte[] out, int off, long v) {
        out[off] = (byte) v;
        out[off + 1] = (byte) (v >>> 8);
        out[off + 2] = (byte) (v >>> 16);
        out[off + 3] = (byte) (v >>> 24);
        return off + 4;
    }

    private static int putString(byte[] out, int off, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8); // records hold only well-formed strings
        out[off++] = (byte) utf8.length;
        System.arraycopy(utf8, 0, out, off, utf8.length);
        return off + utf8.length;
    }

    // ---------------------------------------------------------------- decoding

    /**
     * The outcome of one decode, kept in a reusable object so that the stream decoder allocates
     * nothing per frame but the message itself.
     */
    static final class Decoding {
        Message message;
        int unknownFlagBits;
        int skippedExtensionBytes;
        DecodeError.Kind errorKind;
        String errorDetail;

        Decoding ok(Message m, int unknownBits, int extensionBytes) {
            message = m;
            unknownFlagBits = unknownBits;
            skippedExtensionBytes = extensionBytes;
            errorKind = null;
            errorDetail = null;
            return this;
        }

        Decoding fail(DecodeError.Kind kind, String detail) {
            message = null;
            unknownFlagBits = 0;
            skippedExtensionBytes = 0;
            errorKind = kind;
            errorDetail = detail;
            return this;
        }

        Decoding truncated(String what, int got, int needed) {
            return fail(DecodeError.Kind.TRUNCATED, what + ": " + got + " bytes, needs at least " + needed);
        }

        BodyDecodeResult result() {
            return message != null
                    ? new BodyDecodeResult.Decoded(message, unknownFlagBits, skippedExtensionBytes)
                    : new BodyDecodeResult.Failed(new DecodeError(errorKind, errorDetail));
        }
    }

    /** Decodes {@code len} bytes at {@code off} of {@code buf} into {@code d}; never throws for in-bounds ranges. */
    static Decoding decode(MessageType type, byte[] buf, int off, int len, Decoding d) {
        return switch (type) {
            case MEASUREMENT -> decodeMeasurement(buf, off, len, d);
            case STATUS -> decodeStatus(buf, off, len, d);
            case DEVICE_INFO -> decodeDeviceInfo(buf, off, len, d);
            case CONTROL_REQUEST -> decodeRequest(buf, off, len, d);
            case CONTROL_RESPONSE -> decodeResponse(buf, off, len, d);
        };
    }

    private static Decoding decodeMeasurement(byte[] b, int off, int len, Decoding d) {
        if (len < MEASUREMENT_BASE_BYTES) {
            return d.truncated("Measurement", len, MEASUREMENT_BASE_BYTES);
        }
        int rawFlags = u16(b, off);
        int flags = rawFlags & MeasurementFlags.KNOWN;
        int needed = MEASUREMENT_BASE_BYTES
                + ((flags & MeasurementFlags.ANGULAR_RATE_PRESENT) != 0 ? ANGULAR_RATE_BYTES : 0);
        if (len < needed) {
            return d.fail(DecodeError.Kind.TRUNCATED, "Measurement: flag ANGULAR_RATE_PRESENT needs "
                    + needed + " bytes, got " + len);
        }
        int rate = needed > MEASUREMENT_BASE_BYTES ? s16(b, off + 14) : 0;
        Measurement m = new Measurement(flags, u16(b, off + 2), u32(b, off + 4), s16(b, off + 8),
                u32(b, off + 10), rate);
        return d.ok(m, rawFlags & ~MeasurementFlags.KNOWN, len - needed);
    }

    private static Decoding decodeStatus(byte[] b, int off, int len, Decoding d) {
        if (len < STATUS_BYTES) {
            return d.truncated("Status", len, STATUS_BYTES);
        }
        int rawFlags = b[off] & 0xFF;
        int flags = rawFlags & Status.KNOWN_FLAGS;
        int battery = b[off + 1] & 0xFF;
        if ((flags & Status.BATTERY_PRESENT) == 0) {
            battery = 0; // PROTOCOL.md §3.2: ignored without the battery flag
        } else if (battery > 100) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "Status.batteryPercent at byte 1: " + battery
                    + " is above 100");
        }
        Status st = new Status(flags, battery, u16(b, off + 2), FirmwareState.fromCode(b[off + 4] & 0xFF));
        return d.ok(st, rawFlags & ~Status.KNOWN_FLAGS, len - STATUS_BYTES);
    }

    private static Decoding decodeDeviceInfo(byte[] b, int off, int len, Decoding d) {
        if (len < DEVICE_INFO_MIN_BYTES) {
            return d.truncated("DeviceInfo", len, DEVICE_INFO_MIN_BYTES);
        }
        int major = b[off] & 0xFF;
        if (major != DeviceInfo.PROTOCOL_MAJOR) {
            // PROTOCOL.md §7: bytes 0-1 keep their meaning in every version; the rest may not
            return d.fail(DecodeError.Kind.BAD_FIELD, "DeviceInfo.protocolMajor at byte 0: " + major
                    + " (this receiver implements " + DeviceInfo.PROTOCOL_MAJOR + ")");
        }
        int minor = b[off + 1] & 0xFF;
        int minAngle = s16(b, off + 2);
        int maxAngle = s16(b, off + 4);
        if (minAngle > maxAngle) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "DeviceInfo.minAngleCentiDeg at byte 2: " + minAngle
                    + " exceeds maxAngleCentiDeg " + maxAngle);
        }
        int rawCapabilities = u16(b, off + 6);
        int sampleRate = b[off + 8] & 0xFF;
        if (sampleRate == 0) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "DeviceInfo.sampleRateHz at byte 8: 0, must be 1..255");
        }
        int pos = 9;
        int fwLen = b[off + pos] & 0xFF;
        if (fwLen > DeviceInfo.MAX_FIRMWARE_VERSION_BYTES) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "DeviceInfo.firmwareVersion length at byte 9: " + fwLen
                    + ", at most " + DeviceInfo.MAX_FIRMWARE_VERSION_BYTES);
        }
        // the model's length byte follows the firmware string
        if (len < pos + 1 + fwLen + 1) {
            return d.fail(DecodeError.Kind.TRUNCATED, "DeviceInfo: firmwareVersion of " + fwLen
                    + " bytes and the tableModel length need " + (pos + 1 + fwLen + 1) + " bytes, got " + len);
        }
        String firmware = Utf8.decodeOrNull(b, off + pos + 1, fwLen);
        if (firmware == null) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "DeviceInfo.firmwareVersion at byte 10: not valid UTF-8");
        }
        pos += 1 + fwLen;
        int modelLen = b[off + pos] & 0xFF;
        if (modelLen > DeviceInfo.MAX_TABLE_MODEL_BYTES) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "DeviceInfo.tableModel length at byte " + pos + ": "
                    + modelLen + ", at most " + DeviceInfo.MAX_TABLE_MODEL_BYTES);
        }
        if (len < pos + 1 + modelLen) {
            return d.fail(DecodeError.Kind.TRUNCATED, "DeviceInfo: tableModel of " + modelLen + " bytes needs "
                    + (pos + 1 + modelLen) + " bytes, got " + len);
        }
        String model = Utf8.decodeOrNull(b, off + pos + 1, modelLen);
        if (model == null) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "DeviceInfo.tableModel at byte " + (pos + 1)
                    + ": not valid UTF-8");
        }
        pos += 1 + modelLen;
        DeviceInfo info = new DeviceInfo(major, minor, firmware, model, minAngle, maxAngle,
                rawCapabilities & DeviceInfo.KNOWN_CAPABILITIES, sampleRate);
        return d.ok(info, rawCapabilities & ~DeviceInfo.KNOWN_CAPABILITIES, len - pos);
    }

    private static Decoding decodeRequest(byte[] b, int off, int len, Decoding d) {
        if (len < REQUEST_HEADER_BYTES) {
            return d.truncated("ControlRequest", len, REQUEST_HEADER_BYTES);
        }
        int opCodeByte = b[off] & 0xFF;
        int requestId = b[off + 1] & 0xFF;
        if (opCodeByte == ControlResponse.RESPONSE_CODE) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "ControlRequest.opCode at byte 0: 0x80 marks a response");
        }
        OpCode op = OpCode.fromCode(opCodeByte);
        if (op == null) {
            // PROTOCOL.md §4.3: decodes so the table can answer OP_CODE_NOT_SUPPORTED with the request id
            return d.ok(
                    new ControlRequest(requestId, new ControlCommand.Unknown(opCodeByte)), 0,
                    len - REQUEST_HEADER_BYTES);
        }
        int p = off + REQUEST_HEADER_BYTES;
        int paramBytes = len - REQUEST_HEADER_BYTES;
        return switch (op) {
            case SET_LIMITS -> decodeSetLimits(b, p, paramBytes, requestId, d);
            case SET_ALARM -> decodeSetAlarm(b, p, paramBytes, requestId, d);
            case REQUEST_CONTROL -> request(requestId, new ControlCommand.RequestControl(), paramBytes, d);
            case START_SESSION -> request(requestId, new ControlCommand.StartSession(), paramBytes, d);
            case STOP_SESSION -> request(requestId, new ControlCommand.StopSession(), paramBytes, d);
            case RETURN_TO_UPRIGHT -> request(requestId, new ControlCommand.ReturnToUpright(), paramBytes, d);
            case TARE -> request(requestId, new ControlCommand.Tare(), paramBytes, d);
            case HEARTBEAT -> request(requestId, new ControlCommand.Heartbeat(), paramBytes, d);
            case READ_DEVICE_INFO -> request(requestId, new ControlCommand.ReadDeviceInfo(), paramBytes, d);
            case READ_STATUS -> request(requestId, new ControlCommand.ReadStatus(), paramBytes, d);
        };
    }

    private static Decoding request(int requestId, ControlCommand command, int extensionBytes, Decoding d) {
        return d.ok(new ControlRequest(requestId, command), 0, extensionBytes);
    }

    /** PROTOCOL.md §4.1: s16 maxAngle (0.01°), u16 maxTimeInvertedS, u16 heartbeatTimeoutMs. */
    private static Decoding decodeSetLimits(byte[] b, int p, int paramBytes, int requestId, Decoding d) {
        if (paramBytes < SET_LIMITS_PARAM_BYTES) {
            return d.truncated("ControlRequest SetLimits", REQUEST_HEADER_BYTES + paramBytes,
                    REQUEST_HEADER_BYTES + SET_LIMITS_PARAM_BYTES);
        }
        int maxAngle = s16(b, p);
        int maxTimeS = u16(b, p + 2);
        int heartbeatMs = u16(b, p + 4);
        if (maxTimeS == 0) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "SetLimits.maxTimeInvertedS at byte 4: 0, must be 1..65535");
        }
        if (heartbeatMs < ControlCommand.SetLimits.MIN_HEARTBEAT_TIMEOUT_MS) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "SetLimits.heartbeatTimeoutMs at byte 6: "
                    + heartbeatMs + ", must be " + ControlCommand.SetLimits.MIN_HEARTBEAT_TIMEOUT_MS + "..65535");
        }
        return request(requestId, new ControlCommand.SetLimits(maxAngle, maxTimeS, heartbeatMs),
                paramBytes - SET_LIMITS_PARAM_BYTES, d);
    }

    /** PROTOCOL.md §4.1: u8 pattern. */
    private static Decoding decodeSetAlarm(byte[] b, int p, int paramBytes, int requestId, Decoding d) {
        if (paramBytes < SET_ALARM_PARAM_BYTES) {
            return d.truncated("ControlRequest SetAlarm", REQUEST_HEADER_BYTES + paramBytes,
                    REQUEST_HEADER_BYTES + SET_ALARM_PARAM_BYTES);
        }
        AlarmPattern pattern = AlarmPattern.fromCode(b[p] & 0xFF);
        if (pattern == null) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "SetAlarm.pattern at byte 2: " + (b[p] & 0xFF)
                    + ", must be 0..3");
        }
        return request(requestId, new ControlCommand.SetAlarm(pattern), paramBytes - SET_ALARM_PARAM_BYTES, d);
    }

    private static Decoding decodeResponse(byte[] b, int off, int len, Decoding d) {
        if (len < RESPONSE_BYTES) {
            return d.truncated("ControlResponse", len, RESPONSE_BYTES);
        }
        int first = b[off] & 0xFF;
        if (first != ControlResponse.RESPONSE_CODE) {
            return d.fail(DecodeError.Kind.BAD_FIELD, "ControlResponse.responseCode at byte 0: 0x"
                    + hex2(first) + ", must be 0x80");
        }
        ControlResponse r = new ControlResponse(b[off + 1] & 0xFF, b[off + 2] & 0xFF,
                ResultCode.fromCode(b[off + 3] & 0xFF));
        return d.ok(r, 0, len - RESPONSE_BYTES);
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    private static int s16(byte[] b, int off) {
        return (short) u16(b, off);
    }

    private static long u32(byte[] b, int off) {
        return ((b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16
                | (long) (b[off + 3] & 0xFF) << 24);
    }

    private static String hex2(int v) {
        return String.format("%02x", v);
    }

    private static BodyDecodeResult failed(DecodeError.Kind kind, String detail) {
        return new BodyDecodeResult.Failed(new DecodeError(kind, detail));
    }
}
