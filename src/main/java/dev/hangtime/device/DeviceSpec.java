package dev.hangtime.device;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which table to talk to, as the user writes it after {@code --device}:
 * {@code sim} (the built-in simulator), {@code serial:PATH} (any serial port, a pseudo-terminal
 * included), {@code ble} (the first table found in Bluetooth range) or {@code ble:AA:BB:CC:DD:EE:FF}.
 *
 * @param kind       the carrier
 * @param serialPath the port path for {@link Kind#SERIAL}, else {@code null}
 * @param bleAddress the Bluetooth address in upper case for {@code ble:ADDRESS}, else {@code null}
 *                   (any table)
 */
public record DeviceSpec(Kind kind, String serialPath, String bleAddress) {

    private static final Pattern BLUETOOTH_ADDRESS = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");

    /** The carriers a link can use. */
    public enum Kind { SIMULATOR, SERIAL, BLE }

    public DeviceSpec {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.SERIAL) != (serialPath != null)) {
            throw new IllegalArgumentException("a serial path goes with, and only with, kind SERIAL");
        }
        if (bleAddress != null) {
            if (kind != Kind.BLE) {
                throw new IllegalArgumentException("a Bluetooth address goes only with kind BLE");
            }
            if (!BLUETOOTH_ADDRESS.matcher(bleAddress).matches()) {
                throw new IllegalArgumentException("\"" + bleAddress + "\" is not a Bluetooth address"
                        + " (expected six hex pairs like AA:BB:CC:DD:EE:FF)");
            }
            bleAddress = bleAddress.toUpperCase(Locale.ROOT);
        }
    }

    public static DeviceSpec simulator() {
        return new DeviceSpec(Kind.SIMULATOR, null, null);
    }

    public static DeviceSpec serial(String path) {
        return new DeviceSpec(Kind.SERIAL, path, null);
    }

    /** The first table found in Bluetooth range. */
    public static DeviceSpec anyBle() {
        return new DeviceSpec(Kind.BLE, null, null);
    }

    public static DeviceSpec ble(String address) {
        return new DeviceSpec(Kind.BLE, null, Objects.requireNonNull(address, "address"));
    }

    /**
     * Parses what the user wrote.
     *
     * @throws IllegalArgumentException naming what was wrong and what would be right
     */
    public static DeviceSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String spec = text.strip();
        if (spec.equals("sim")) {
            return simulator();
        }
        if (spec.equals("ble")) {
            return anyBle();
        }
        if (spec.startsWith("serial:")) {
            String path = spec.substring("serial:".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("device \"" + text + "\": serial needs a port path,"
                        + " e.g. serial:/dev/ttyUSB0");
            }
            return serial(path);
        }
        if (spec.startsWith("ble:")) {
            String address = spec.substring("ble:".length());
            if (!BLUETOOTH_ADDRESS.matcher(address).matches()) {
                throw new IllegalArgumentException("device \"" + text + "\": \"" + address
                        + "\" is not a Bluetooth address (expected six hex pairs like ble:AA:BB:CC:DD:EE:FF)");
            }
            return ble(address);
        }
        throw new IllegalArgumentException("device \"" + text + "\" is not one of: sim, serial:PATH, ble,"
                + " ble:AA:BB:CC:DD:EE:FF");
    }

    /** The spec as the user would write it; {@code parse(toString())} gives it back. */
    @Override
    public String toString() {
        return switch (kind) {
            case SIMULATOR -> "sim";
            case SERIAL -> "serial:" + serialPath;
            case BLE -> bleAddress == null ? "ble" : "ble:" + bleAddress;
        };
    }
}
