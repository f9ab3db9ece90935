package dev.hangtime.simulator.ble;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bluez.Error;
import org.bluez.GattCharacteristic1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/**
 * One characteristic of the table's service. Notify sessions are per D-Bus client, as in BlueZ's
 * gatt-client: a second StartNotify from the same client fails with "Already notifying", and
 * "Notifying" is true while any client has a session. All state is guarded by the owning
 * {@link FakeBluez}'s monitor.
 */
final class FakeCharacteristic extends FakeBluezObject implements GattCharacteristic1 {

    /** Which of the protocol's characteristics this is (PROTOCOL.md §1). */
    enum Role { MEASUREMENT, CONTROL_POINT, STATUS, DEVICE_INFO }

    private final FakeBluez bluez;
    private final String servicePath;
    private final Role role;
    private final UUID uuid;
    private final List<String> flags;
    private final Set<String> sessions = new LinkedHashSet<>();
    private byte[] value = new byte[0];

    FakeCharacteristic(FakeBluez bluez, String path, String servicePath, Role role, UUID uuid, List<String> flags) {
        super(path);
        this.bluez = bluez;
        this.servicePath = servicePath;
        this.role = role;
        this.uuid = uuid;
        this.flags = List.copyOf(flags);
    }

    Role role() {
        return role;
    }

    @Override
    public byte[] ReadValue(Map<String, Variant<?>> options) {
        int offset = offset(options);
        synchronized (bluez) {
            if (!flags.contains("read")) {
                throw new Error.NotPermitted("Read not permitted");
            }
            byte[] v = bluez.read(this);
            if (offset > v.length) {
                throw new Error.InvalidOffset("Invalid offset");
            }
            return Arrays.copyOfRange(v, offset, v.length);
        }
    }

    @Override
    public void WriteValue(byte[] newValue, Map<String, Variant<?>> options) {
        String client = FakeBluez.caller();
        int offset = offset(options);
        Variant<?> type = options.get("type");
        synchronized (bluez) {
            if (!flags.contains("write") && !flags.contains("write-without-response")) {
                throw new Error.NotPermitted("Write not permitted");
            }
            if (type != null && "command".equals(type.getValue()) && !flags.contains("write-without-response")) {
                throw new Error.NotSupported("Operation is not supported"); // the Control Point needs a response
            }
            if (offset != 0) {
                throw new Error.InvalidOffset("Invalid offset"); // the Control Point takes whole requests
            }
            bluez.writeControlPoint(this, client, newValue.clone());
        }
    }

    @Override
    public void StartNotify() {
        String client = FakeBluez.caller();
        synchronized (bluez) {
            if (!flags.contains("notify") && !flags.contains("indicate")) {
                throw new Error.NotSupported("Operation is not supported");
            }
            if (!bluez.connected()) {
                throw new Error.NotConnected("Not Connected");
            }
            if (!sessions.add(client)) {
                throw new Error.Failed("Already notifying");
            }
            if (sessions.size() == 1) {
                bluez.propertiesChanged(getObjectPath(), FakeBluez.CHARACTERISTIC_IFACE,
                        Map.of("Notifying", new Variant<>(true)));
            }
        }
    }

    @Override
    public void StopNotify() {
        String client = FakeBluez.caller();
        synchronized (bluez) {
            endSessionOrFail(client);
        }
    }

    @Override
    public String getUUID() {
        return uuid.toString();
    }

    @Override
    public DBusPath getService() {
        return new DBusPath(servicePath);
    }

    @Override
    public byte[] getValue() {
        synchronized (bluez) {
            return value.clone();
        }
    }

    @Override
    public boolean isNotifying() {
        synchronized (bluez) {
            return !sessions.isEmpty();
        }
    }

    @Override
    public List<String> getFlags() {
        return flags;
    }

    /** Sets the value; with {@code signal}, notifies (or indicates) it to subscribers. Returns it. */
    byte[] update(byte[] newValue, boolean signal) {
        value = newValue;
        if (signal && !sessions.isEmpty()) {
            bluez.valueChanged(getObjectPath(), newValue.clone());
        }
        return newValue.clone();
    }

    boolean hasSession(String client) {
        return sessions.contains(client);
    }

    void endSession(String client) {
        if (sessions.remove(client) && sessions.isEmpty()) {
            bluez.propertiesChanged(getObjectPath(), FakeBluez.CHARACTERISTIC_IFACE,
                    Map.of("Notifying", new Variant<>(false)));
        }
    }

    /** The connection ended: every session ends with it (the object is about to go). */
    void endAllSessions() {
        sessions.clear();
    }

    @Override
    Map<String, Variant<?>> properties() {
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("UUID", new Variant<>(uuid.toString()));
        p.put("Service", new Variant<>(new DBusPath(servicePath)));
        p.put("Value", new Variant<>(value.clone()));
        p.put("Notifying", new Variant<>(!sessions.isEmpty()));
        p.put("Flags", new Variant<>(flags, "as"));
        return p;
    }

    private void endSessionOrFail(String client) {
        if (!sessions.contains(client)) {
            throw new Error.Failed("No notify session started");
        }
        endSession(client);
    }

    private static int offset(Map<String, Variant<?>> options) {
        Variant<?> v = options == null ? null : options.get("offset");
        if (v == null) {
            return 0;
        }
        if (v.getValue() instanceof UInt16 u) {
            return u.intValue();
        }
        throw new Error.InvalidArguments("Invalid arguments in method call: offset must be uint16 (q), was "
                + v.getSig());
    }
}
