package dev.hangtime.device.ble;

import org.freedesktop.dbus.connections.BusAddress;

/** Checks a D-Bus address the user typed (--dbus-address) before anything connects to it. */
public final class DbusAddresses {

    private DbusAddresses() {
    }

    /** @throws IllegalArgumentException naming the address and what one looks like */
    public static void check(String address) {
        try {
            BusAddress.of(address);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("\"" + address + "\" is not a D-Bus address (one looks like"
                    + " unix:path=/run/dbus/system_bus_socket)", e);
        }
    }
}
