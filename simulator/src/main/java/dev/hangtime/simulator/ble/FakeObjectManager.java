package dev.hangtime.simulator.ble;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;

/** {@code org.freedesktop.DBus.ObjectManager} at "/", as bluetoothd exports it. */
final class FakeObjectManager implements ObjectManager {

    private final FakeBluez bluez;

    FakeObjectManager(FakeBluez bluez) {
        this.bluez = bluez;
    }

    @Override
    public String getObjectPath() {
        return "/";
    }

    @Override
    public boolean isRemote() {
        return false;
    }

    @Override
    public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
        return bluez.managedObjects();
    }
}
