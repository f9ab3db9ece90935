package org.bluez;

import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusBoundProperty;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.interfaces.DBusInterface;

/**
 * BlueZ's {@code org.bluez.Device1} at {@code /org/bluez/hciN/dev_XX_XX_XX_XX_XX_XX}
 * (org.bluez.Device(5)). Connection state changes arrive as PropertiesChanged of "Connected" and
 * "ServicesResolved"; GATT objects appear under the device once services are resolved.
 */
@DBusInterfaceName("org.bluez.Device1")
public interface Device1 extends DBusInterface {

    /**
     * Connects; returns once connected ("ServicesResolved" follows).
     *
     * @throws Error.AlreadyConnected already connected
     * @throws Error.Failed           the device is out of reach
     */
    void Connect();

    /** @throws Error.NotConnected not connected */
    void Disconnect();

    @DBusBoundProperty(name = "Address", access = Access.READ)
    String getAddress();

    @DBusBoundProperty(name = "AddressType", access = Access.READ)
    String getAddressType();

    @DBusBoundProperty(name = "Name", access = Access.READ)
    String getName();

    @DBusBoundProperty(name = "Alias", access = Access.READ)
    String getAlias();

    @DBusBoundProperty(name = "Adapter", access = Access.READ)
    DBusPath getAdapter();

    @DBusBoundProperty(name = "Connected", access = Access.READ)
    boolean isConnected();

    @DBusBoundProperty(name = "ServicesResolved", access = Access.READ)
    boolean isServicesResolved();

    @DBusBoundProperty(name = "Paired", access = Access.READ)
    boolean isPaired();

    @DBusBoundProperty(name = "Trusted", access = Access.READ)
    boolean isTrusted();

    /** Received signal strength, dBm (D-Bus int16). */
    @DBusBoundProperty(name = "RSSI", access = Access.READ)
    short getRSSI();

    /** The service UUIDs the device advertises, lower-case 128-bit strings. */
    @DBusBoundProperty(name = "UUIDs", access = Access.READ)
    List<String> getUUIDs();
}
