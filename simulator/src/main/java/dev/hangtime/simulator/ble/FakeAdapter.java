package dev.hangtime.simulator.ble;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bluez.Adapter1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/** The local Bluetooth adapter, {@code /org/bluez/hci0}. */
final class FakeAdapter extends FakeBluezObject implements Adapter1 {

    private final FakeBluez bluez;

    FakeAdapter(FakeBluez bluez) {
        super(FakeBluez.ADAPTER_PATH);
        this.bluez = bluez;
    }

    @Override
    public void StartDiscovery() {
        bluez.startDiscovery(FakeBluez.caller());
    }

    @Override
    public void StopDiscovery() {
        bluez.stopDiscovery(FakeBluez.caller());
    }

    @Override
    public void SetDiscoveryFilter(Map<String, Variant<?>> filter) {
        bluez.setDiscoveryFilter(FakeBluez.caller(), filter);
    }

    @Override
    public List<String> GetDiscoveryFilters() {
        return FakeBluez.FILTER_KEYS;
    }

    @Override
    public void RemoveDevice(DBusPath device) {
        bluez.removeDevice(device);
    }

    @Override
    public String getAddress() {
        return FakeBluez.ADAPTER_ADDRESS;
    }

    @Override
    public String getName() {
        return "hangtime-sim";
    }

    @Override
    public String getAlias() {
        return "hangtime-sim";
    }

    @Override
    public boolean isPowered() {
        return bluez.powered();
    }

    @Override
    public void setPowered(boolean powered) {
        bluez.setPowered(powered);
    }

    @Override
    public boolean isDiscovering() {
        return bluez.discovering();
    }

    @Override
    public List<String> getUUIDs() {
        return List.of();
    }

    @Override
    Map<String, Variant<?>> properties() {
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("Address", new Variant<>(getAddress()));
        p.put("AddressType", new Variant<>("public"));
        p.put("Name", new Variant<>(getName()));
        p.put("Alias", new Variant<>(getAlias()));
        p.put("Powered", new Variant<>(isPowered()));
        p.put("Discoverable", new Variant<>(false));
        p.put("Pairable", new Variant<>(false));
        p.put("Discovering", new Variant<>(isDiscovering()));
        p.put("UUIDs", new Variant<>(List.<String>of(), "as"));
        return p;
    }
}
