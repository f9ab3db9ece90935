package dev.hangtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangtime.protocol.ControlCommand.AlarmPattern;
import dev.hangtime.protocol.ControlCommand.OpCode;
import dev.hangtime.protocol.ControlResponse.ResultCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code firmware-protocol/vectors/vectors.json} (format: vectors/README.md) and turns its
 * language-neutral message objects into records. Test code only: the protocol package itself
 * stays JDK-only.
 */
final class VectorCases {

    static final Path FILE = Path.of(System.getProperty("hangtime.projectRoot", "."),
            "firmware-protocol", "vectors", "vectors.json");

    private VectorCases() {
    }

    /** Every case of the vectors file, in file order. */
    static List<JsonNode> all() {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(FILE));
            List<JsonNode> cases = new ArrayList<>();
            root.get("cases").forEach(cases::add);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    /** A hex string with optional whitespace between bytes. */
    static byte[] hex(String text) {
        String digits = text.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + text);
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** The record a vector's message object describes (field names as in PROTOCOL.md). */
    static Message message(JsonNode m) {
        String type = m.get("type").asText();
        return switch (MessageType.valueOf(type)) {
            case MEASUREMENT -> new Measurement(i(m, "flags"), i(m, "sequence"), l(m, "deviceTimeMs"),
                    i(m, "angleCentiDeg"), l(m, "timeInvertedMs"), i(m, "angularRateDeciDegPerS"));
            case STATUS -> new Status(i(m, "flags"), i(m, "batteryPercent"), i(m, "faults"),
                    FirmwareState.fromCode(i(m, "firmwareState")));
            case DEVICE_INFO -> new DeviceInfo(i(m, "protocolMajor"), i(m, "protocolMinor"),
                    m.get("firmwareVersion").asText(), m.get("tableModel").asText(), i(m, "minAngleCentiDeg"),
                    i(m, "maxAngleCentiDeg"), i(m, "capabilities"), i(m, "sampleRateHz"));
            case CONTROL_REQUEST -> new ControlRequest(i(m, "requestId"), command(m));
            case CONTROL_RESPONSE -> new ControlResponse(i(m, "requestId"), i(m, "requestOpCode"),
                    ResultCode.fromCode(i(m, "result")));
        };
    }

    private static ControlCommand command(JsonNode m) {
        int code = i(m, "opCode");
        OpCode op = OpCode.fromCode(code);
        if (op == null) {
            return new ControlCommand.Unknown(code);
        }
        return switch (op) {
            case REQUEST_CONTROL -> new ControlCommand.RequestControl();
            case START_SESSION -> new ControlCommand.StartSession();
            case STOP_SESSION -> new ControlCommand.StopSession();
            case SET_LIMITS -> new ControlCommand.SetLimits(i(m, "maxAngleCentiDeg"), i(m, "maxTimeInvertedS"),
                    i(m, "heartbeatTimeoutMs"));
            case SET_ALARM -> new ControlCommand.SetAlarm(AlarmPattern.fromCode(i(m, "pattern")));
            case RETURN_TO_UPRIGHT -> new ControlCommand.ReturnToUpright();
            case TARE -> new ControlCommand.Tare();
            case HEARTBEAT -> new ControlCommand.Heartbeat();
            case READ_DEVICE_INFO -> new ControlCommand.ReadDeviceInfo();
            case READ_STATUS -> new ControlCommand.ReadStatus();
        };
    }

    private static int i(JsonNode m, String field) {
        JsonNode v = m.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("vector message " + m + ": field " + field + " missing or not an int");
        }
        return v.asInt();
    }

    private static long l(JsonNode m, String field) {
        JsonNode v = m.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new IllegalArgumentException("vector message " + m + ": field " + field + " missing or not a number");
        }
        return v.asLong();
    }
}
