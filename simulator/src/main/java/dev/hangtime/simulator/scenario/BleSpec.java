package dev.hangtime.simulator.scenario;

import java.util.Objects;

/**
 * How the table appears to BlueZ: its advertised name, its Bluetooth address and signal strength.
 *
 * @param name    the advertised local name
 * @param address the device address, {@code XX:XX:XX:XX:XX:XX}
 * @param rssi    received signal strength, dBm
 */
public record BleSpec(String name, String address, int rssi) {

    /** A table whose scenario has no {@code ble} section, and the table of a replayed recording. */
    public static final BleSpec DEFAULT = new BleSpec("Hangtime Table", "C0:FF:EE:00:00:01", -58);

    public BleSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (!address.matches("[0-9A-F]{2}(:[0-9A-F]{2}){5}")) {
            throw new IllegalArgumentException("address must be XX:XX:XX:XX:XX:XX in upper-case hex, was " + address);
        }
    }
}
