package dev.hangtime.simulator.ble;

import java.util.Map;
import org.freedesktop.dbus.types.Variant;

/**
 * What the fake BlueZ's adapter, device, service and characteristics share: a local object at a
 * fixed path whose properties are announced in GetManagedObjects and InterfacesAdded.
 */
abstract class FakeBluezObject {

    private final String path;

    FakeBluezObject(String path) {
        this.path = path;
    }

    public final String getObjectPath() {
        return path;
    }

    public final boolean isRemote() {
        return false;
    }

    /** The object's properties for its one BlueZ interface, in BlueZ's names and D-Bus types. */
    abstract Map<String, Variant<?>> properties();
}
