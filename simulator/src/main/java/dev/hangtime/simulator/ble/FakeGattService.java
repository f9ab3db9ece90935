package dev.hangtime.simulator.ble;

import dev.hangtime.protocol.GattProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bluez.GattService1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/** The table's primary Hangtime service (PROTOCOL.md §1). */
final class FakeGattService extends FakeBluezObject implements GattService1 {

    private final String devicePath;

    FakeGattService(String path, String devicePath) {
        super(path);
        this.devicePath = devicePath;
    }

    @Override
    public String getUUID() {
        return GattProfile.SERVICE.toString();
    }

    @Override
    public boolean isPrimary() {
        return true;
    }

    @Override
    public DBusPath getDevice() {
        return new DBusPath(devicePath);
    }

    @Override
    Map<String, Variant<?>> properties() {
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("UUID", new Variant<>(getUUID()));
        p.put("Primary", new Variant<>(true));
        p.put("Device", new Variant<>(getDevice()));
        return p;
    }
}
