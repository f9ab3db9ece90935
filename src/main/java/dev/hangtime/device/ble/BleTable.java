package dev.hangtime.device.ble;

import java.util.Objects;

/**
 * A table BlueZ found, advertising the Hangtime service (PROTOCOL.md §1).
 *
 * @param name       the advertised name (or BlueZ's alias), e.g. "Hangsense X3"
 * @param address    the Bluetooth address, e.g. "AA:BB:CC:DD:EE:FF"
 * @param rssiDbm    received signal strength in dBm, or {@code null} when BlueZ knows the table
 *                   from before but has not heard it in this scan
 * @param objectPath BlueZ's object path for it, e.g. "/org/bluez/hci0/dev_AA_BB_CC_DD_EE_FF"
 */
public record BleTable(String name, String address, Short rssiDbm, String objectPath) {
    public BleTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(objectPath, "objectPath");
    }

    /** True when heard in the current scan. */
    public boolean inRange() {
        return rssiDbm != null;
    }
}
