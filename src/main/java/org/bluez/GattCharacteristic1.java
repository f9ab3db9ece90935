package org.bluez;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusBoundProperty;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * BlueZ's {@code org.bluez.GattCharacteristic1} at {@code .../serviceXXXX/charYYYY}
 * (org.bluez.GattCharacteristic(5)). Notifications and indications arrive as PropertiesChanged of
 * "Value" on this interface, after {@link #StartNotify()}.
 */
@DBusInterfaceName("org.bluez.GattCharacteristic1")
public interface GattCharacteristic1 extends DBusInterface {

    /**
     * Reads the value. Options: "offset" (q).
     *
     * @throws Error.NotPermitted  the characteristic is not readable
     * @throws Error.InvalidOffset the offset is past the value's end
     * @throws Error.Failed        not connected
     */
    byte[] ReadValue(Map<String, Variant<?>> options);

    /**
     * Writes the value. Options: "offset" (q), "type" (s: "command", "request", "reliable").
     *
     * @throws Error.NotPermitted  the characteristic is not writable
     * @throws Error.NotSupported  the write type is not supported by the characteristic
     * @throws Error.Failed        an ATT error (the message names it), or not connected
     */
    void WriteValue(byte[] value, Map<String, Variant<?>> options);

    /**
     * Subscribes this client to notifications or indications.
     *
     * @throws Error.NotSupported the characteristic neither notifies nor indicates
     * @throws Error.Failed       "Already notifying" for this client
     * @throws Error.NotConnected not connected
     */
    void StartNotify();

    /** @throws Error.Failed "No notify session started" for this client */
    void StopNotify();

    @DBusBoundProperty(name = "UUID", access = Access.READ)
    String getUUID();

    @DBusBoundProperty(name = "Service", access = Access.READ)
    DBusPath getService();

    /** The last value read, notified or indicated. */
    @DBusBoundProperty(name = "Value", access = Access.READ)
    byte[] getValue();

    @DBusBoundProperty(name = "Notifying", access = Access.READ)
    boolean isNotifying();

    /** Characteristic properties: "read", "write", "write-without-response", "notify", "indicate", ... */
    @DBusBoundProperty(name = "Flags", access = Access.READ)
    List<String> getFlags();
}
