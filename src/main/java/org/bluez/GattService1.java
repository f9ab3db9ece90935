package org.bluez;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusBoundProperty;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** BlueZ's {@code org.bluez.GattService1} at {@code .../dev_XX/serviceXXXX} (org.bluez.GattService(5)). */
@DBusInterfaceName("org.bluez.GattService1")
public interface GattService1 extends DBusInterface {

    @DBusBoundProperty(name = "UUID", access = Access.READ)
    String getUUID();

    @DBusBoundProperty(name = "Primary", access = Access.READ)
    boolean isPrimary();

    @DBusBoundProperty(name = "Device", access = Access.READ)
    DBusPath getDevice();
}
