package dev.hangtime.device.ble;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;

/**
 * A BlueZ with no usable adapter, as on a machine without a Bluetooth controller (or with it
 * switched off): it owns {@code org.bluez} and answers GetManagedObjects with what it is given.
 */
final class AdapterlessBluez implements ObjectManager, AutoCloseable {

    private final DBusConnection connection;
    private final Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects;

    /** @param objects what GetManagedObjects answers: empty (no adapter), or an adapter that is off */
    AdapterlessBluez(String busAddress, Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects) throws Exception {
        this.objects = objects;
        connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        connection.requestBusName("org.bluez");
        connection.exportObject("/", this);
    }

    @Override
    public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
        return objects;
    }

    @Override
    public String getObjectPath() {
        return "/";
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
