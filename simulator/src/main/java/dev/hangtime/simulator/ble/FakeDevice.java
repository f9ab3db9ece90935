package dev.hangtime.simulator.ble;

import dev.hangtime.protocol.GattProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bluez.Device1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/** The simulated table as BlueZ shows a discovered LE device. */
final class FakeDevice extends FakeBluezObject implements Device1 {

    private final FakeBluez bluez;

    FakeDevice(FakeBluez bluez, String path) {
        super(path);
        this.bluez = bluez;
    }

    @Override
    public void Connect() {
        bluez.connect();
    }

    @Override
    public void Disconnect() {
        bluez.disconnect();
    }

    @Override
    public String getAddress() {
        return bluez.ble().address();
    }

    @Override
    public String getAddressType() {
        return "public";
    }

    @Override
    public String getName() {
        return bluez.ble().name();
    }

    @Override
    public String getAlias() {
        return bluez.ble().name();
    }

    @Override
    public DBusPath getAdapter() {
        return new DBusPath(FakeBluez.ADAPTER_PATH);
    }

    @Override
    public boolean isConnected() {
        return bluez.connected();
    }

    @Override
    public boolean isServicesResolved() {
        return bluez.servicesResolved();
    }

    @Override
    public boolean isPaired() {
        return false;
    }

    @Override
    public boolean isTrusted() {
        return false;
    }

    @Override
    public short getRSSI() {
        return (short) bluez.ble().rssi();
    }

    @Override
    public List<String> getUUIDs() {
        return List.of(GattProfile.SERVICE.toString());
    }

    @Override
    Map<String, Variant<?>> properties() {
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("Address", new Variant<>(getAddress()));
        p.put("AddressType", new Variant<>(getAddressType()));
        p.put("Name", new Variant<>(getName()));
        p.put("Alias", new Variant<>(getAlias()));
        p.put("Adapter", new Variant<>(getAdapter()));
        p.put("Connected", new Variant<>(isConnected()));
        p.put("ServicesResolved", new Variant<>(isServicesResolved()));
        p.put("Paired", new Variant<>(false));
        p.put("Trusted", new Variant<>(false));
        p.put("RSSI", new Variant<>(getRSSI()));
        p.put("UUIDs", new Variant<>(getUUIDs(), "as"));
        return p;
    }
}
