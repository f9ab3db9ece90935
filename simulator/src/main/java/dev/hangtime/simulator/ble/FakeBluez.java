package dev.hangtime.simulator.ble;

import dev.hangtime.protocol.BodyCodec;
import dev.hangtime.protocol.BodyDecodeResult;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.GattProfile;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.Status;
import dev.hangtime.simulator.LineEvent;
import dev.hangtime.simulator.SimulatedTable;
import dev.hangtime.simulator.TableOutput;
import dev.hangtime.simulator.scenario.BleSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bluez.Error;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake BlueZ: it owns the name {@code org.bluez} on a D-Bus bus and exports, following BlueZ's
 * documented API, an adapter ({@code /org/bluez/hci0}), the simulated table as a device once
 * discovery finds it, and the table's GATT service and characteristics once connected. The real
 * BLE code path of a companion runs against it over real D-Bus messages.
 *
 * <p>What the table sends becomes characteristic values: measurements and status changes as
 * notifications, control-point responses as indications — both PropertiesChanged of "Value" on
 * {@code org.bluez.GattCharacteristic1}, to subscribers ({@code StartNotify}) only. A link drop
 * or reboot disconnects the device (Connected=false) and removes its GATT objects, as BlueZ does for
 * an unpaired device; the companion reconnects once the table is back in range.
 *
 * <p>Bytes-only line faults do not exist on BLE: the link layer's own CRC and retransmission deliver
 * a frame the serial line would have corrupted intact, and serial noise has no BLE counterpart
 * (both are counted). State is guarded by this object's monitor; D-Bus calls arrive on dbus-java's
 * threads, table events on the simulation's.
 */
public final class FakeBluez implements TableOutput, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeBluez.class);

    public static final String BUS_NAME = "org.bluez";
    public static final String ADAPTER_PATH = "/org/bluez/hci0";
    static final String ADAPTER_IFACE = "org.bluez.Adapter1";
    static final String DEVICE_IFACE = "org.bluez.Device1";
    static final String SERVICE_IFACE = "org.bluez.GattService1";
    static final String CHARACTERISTIC_IFACE = "org.bluez.GattCharacteristic1";
    static final String PROPERTIES_IFACE = "org.freedesktop.DBus.Properties";
    static final String INTROSPECTABLE_IFACE = "org.freedesktop.DBus.Introspectable";
    /** The adapter's own address (made up, locally administered). */
    static final String ADAPTER_ADDRESS = "02:00:00:00:00:01";
    /** Discovery filter keys BlueZ documents for SetDiscoveryFilter. */
    static final List<String> FILTER_KEYS = List.of("UUIDs", "RSSI", "Pathloss", "Transport", "DuplicateData",
            "Discoverable", "Pattern");
    /** Wall-clock delays of the radio: a scan finding the table, and service discovery after connecting. */
    private static final long DISCOVERY_DELAY_MS = 100;
    private static final long SERVICE_RESOLUTION_DELAY_MS = 50;

    private final SimulatedTable table;
    private final BleSpec ble;
    private final DBusConnection connection;
    private final boolean ownsConnection;
    private final ScheduledExecutorService radio;
    private final AutoCloseable nameOwnerWatch;

    private final FakeObjectManager root;
    private final FakeAdapter adapter;
    private final FakeDevice device;
    private final FakeGattService service;
    private final FakeCharacteristic measurement;
    private final FakeCharacteristic controlPoint;
    private final FakeCharacteristic statusCharacteristic;
    private final FakeCharacteristic deviceInfoCharacteristic;

    // radio and adapter state
    private boolean powered = true;
    private final Set<String> discoveringClients = new HashSet<>();
    private final Map<String, Map<String, Variant<?>>> discoveryFilters = new HashMap<>();
    private boolean radioUp = true;
    // device state
    private boolean deviceKnown;
    private boolean connected;
    private boolean servicesResolved;
    private boolean closed;

    private final AtomicLong notificationsSent = new AtomicLong();
    private final AtomicLong framesHiddenByLinkLayer = new AtomicLong();

    private FakeBluez(SimulatedTable table, BleSpec ble, DBusConnection connection, boolean ownsConnection)
            throws DBusException {
        this.table = table;
        this.ble = ble;
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.radio = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hangtime-sim-bluez");
            t.setDaemon(true);
            return t;
        });
        String devicePath = ADAPTER_PATH + "/dev_" + ble.address().replace(':', '_');
        String servicePath = devicePath + "/service0010";
        this.root = new FakeObjectManager(this);
        this.adapter = new FakeAdapter(this);
        this.device = new FakeDevice(this, devicePath);
        this.service = new FakeGattService(servicePath, devicePath);
        // handles as a real table's GATT database might number them (value handle + CCCD)
        this.measurement = new FakeCharacteristic(this, servicePath + "/char0011", servicePath,
                FakeCharacteristic.Role.MEASUREMENT, GattProfile.MEASUREMENT, List.of("notify"));
        this.controlPoint = new FakeCharacteristic(this, servicePath + "/char0014", servicePath,
                FakeCharacteristic.Role.CONTROL_POINT, GattProfile.CONTROL_POINT, List.of("write", "indicate"));
        this.statusCharacteristic = new FakeCharacteristic(this, servicePath + "/char0017", servicePath,
                FakeCharacteristic.Role.STATUS, GattProfile.STATUS, List.of("read", "notify"));
        this.deviceInfoCharacteristic = new FakeCharacteristic(this, servicePath + "/char001a", servicePath,
                FakeCharacteristic.Role.DEVICE_INFO, GattProfile.DEVICE_INFO, List.of("read"));

        connection.exportObject("/", root);
        connection.exportObject(ADAPTER_PATH, adapter);
        // BlueZ forgets a client's discovery and notify sessions when it leaves the bus
        this.nameOwnerWatch = connection.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
            if (signal.newOwner.isEmpty() && signal.name.startsWith(":")) {
                clientLeft(signal.name);
            }
        });
        connection.requestBusName(BUS_NAME);
        table.addOutput(this);
    }

    /**
     * Exports a fake BlueZ for {@code table} on the bus at {@code busAddress} (as clients write it,
     * e.g. {@code unix:path=/run/user/1000/bus}).
     *
     * @throws IOException the bus cannot be reached, or the name {@code org.bluez} is taken there
     */
    public static FakeBluez export(SimulatedTable table, BleSpec ble, String busAddress) throws IOException {
        if (busAddress.startsWith("unix:path=")) {
            // fail at once with a clear message; dbus-java would retry a missing socket for seconds
            String path = busAddress.substring("unix:path=".length()).split(",", 2)[0];
            if (!java.nio.file.Files.exists(java.nio.file.Path.of(path))) {
                throw new IOException("cannot connect to the D-Bus bus at " + busAddress + ": no socket at " + path);
            }
        }
        DBusConnection c;
        try {
            c = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        } catch (DBusException | RuntimeException e) {
            throw new IOException("cannot connect to the D-Bus bus at " + busAddress + ": " + e.getMessage(), e);
        }
        try {
            return new FakeBluez(table, ble, c, true);
        } catch (DBusException | RuntimeException e) {
            c.disconnect();
            throw new IOException("cannot export the fake BlueZ on " + busAddress + ": " + e.getMessage(), e);
        }
    }

    /** The device's object path, {@code /org/bluez/hci0/dev_XX_XX_XX_XX_XX_XX}. */
    public String devicePath() {
        return device.getObjectPath();
    }

    /** Value notifications and indications sent so far. */
    public long notificationsSent() {
        return notificationsSent.get();
    }

    /** Serial-only line faults (corrupt frames, noise) that BLE's link layer hid. */
    public long framesHiddenByLinkLayer() {
        return framesHiddenByLinkLayer.get();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        table.removeOutput(this);
        radio.shutdownNow();
        try {
            nameOwnerWatch.close();
        } catch (Exception e) {
            LOG.debug("removing the NameOwnerChanged handler failed: {}", e.toString());
        }
        try {
            connection.releaseBusName(BUS_NAME);
        } catch (DBusException | RuntimeException e) {
            LOG.debug("releasing {} failed: {}", BUS_NAME, e.toString());
        }
        if (ownsConnection) {
            connection.disconnect();
        }
    }

    // ------------------------------------------------------------------ table → radio

    @Override
    public void onLineEvent(LineEvent event) {
        if (event instanceof LineEvent.Frame f) {
            deliver(f.message());
        } else if (event instanceof LineEvent.CorruptFrame c) {
            framesHiddenByLinkLayer.incrementAndGet();
            if (c.original() != null) {
                deliver(c.original()); // retransmitted by the link layer until it arrived intact
            }
        } else if (event instanceof LineEvent.Noise) {
            framesHiddenByLinkLayer.incrementAndGet();
        } else if (event instanceof LineEvent.LinkDown d) {
            radioLost(d.reason());
        } else if (event instanceof LineEvent.LinkUp) {
            radioBack();
        }
    }

    private synchronized void deliver(Message m) {
        if (closed || !servicesResolved) {
            return;
        }
        if (m instanceof Measurement) {
            measurement.update(BodyCodec.encode(m), true);
        } else if (m instanceof Status) {
            statusCharacteristic.update(BodyCodec.encode(m), true);
        } else if (m instanceof DeviceInfo) {
            deviceInfoCharacteristic.update(BodyCodec.encode(m), false);
        } else if (m instanceof ControlResponse) {
            controlPoint.update(BodyCodec.encode(m), true);
        }
    }

    private synchronized void radioLost(String reason) {
        radioUp = false;
        if (connected) {
            LOG.debug("connection lost: {}", reason);
            dropConnection();
        }
    }

    private synchronized void radioBack() {
        radioUp = true;
        if (!discoveringClients.isEmpty() && !deviceKnown) {
            radio.schedule(this::discoveryFinds, DISCOVERY_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    // ------------------------------------------------------------------ adapter

    synchronized void startDiscovery(String client) {
        if (!powered) {
            throw new Error.NotReady("Resource Not Ready");
        }
        if (!discoveringClients.add(client)) {
            throw new Error.InProgress("Operation already in progress");
        }
        if (discoveringClients.size() == 1) {
            propertiesChanged(ADAPTER_PATH, ADAPTER_IFACE, Map.of("Discovering", new Variant<>(true)));
        }
        radio.schedule(this::discoveryFinds, DISCOVERY_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    synchronized void stopDiscovery(String client) {
        if (!discoveringClients.remove(client)) {
            throw new Error.Failed("No discovery started");
        }
        if (discoveringClients.isEmpty()) {
            propertiesChanged(ADAPTER_PATH, ADAPTER_IFACE, Map.of("Discovering", new Variant<>(false)));
        }
    }

    synchronized void setDiscoveryFilter(String client, Map<String, Variant<?>> filter) {
        for (Map.Entry<String, Variant<?>> e : filter.entrySet()) {
            if (!FILTER_KEYS.contains(e.getKey())) {
                throw new Error.InvalidArguments("Invalid arguments in method call: unknown filter key " + e.getKey());
            }
            Object v = e.getValue().getValue();
            boolean typeOk = switch (e.getKey()) {
                case "UUIDs" -> v instanceof List<?> || v instanceof String[];
                case "RSSI" -> v instanceof Short;
                case "Pathloss" -> v instanceof UInt16;
                case "Transport", "Pattern" -> v instanceof String;
                default -> v instanceof Boolean;
            };
            if (!typeOk) {
                throw new Error.InvalidArguments("Invalid arguments in method call: " + e.getKey() + " has type "
                        + e.getValue().getSig());
            }
        }
        if (filter.isEmpty()) {
            discoveryFilters.remove(client);
        } else {
            discoveryFilters.put(client, Map.copyOf(filter));
        }
    }

    synchronized void setPowered(boolean on) {
        if (powered == on) {
            return;
        }
        powered = on;
        propertiesChanged(ADAPTER_PATH, ADAPTER_IFACE, Map.of("Powered", new Variant<>(on)));
        if (!on) {
            if (!discoveringClients.isEmpty()) {
                discoveringClients.clear();
                propertiesChanged(ADAPTER_PATH, ADAPTER_IFACE, Map.of("Discovering", new Variant<>(false)));
            }
            if (connected) {
                dropConnection();
            }
        }
    }

    synchronized boolean powered() {
        return powered;
    }

    synchronized boolean discovering() {
        return !discoveringClients.isEmpty();
    }

    synchronized void removeDevice(DBusPath path) {
        if (!deviceKnown || !device.getObjectPath().equals(path.getPath())) {
            throw new Error.DoesNotExist("Does Not Exist");
        }
        if (connected) {
            dropConnection();
        }
        deviceKnown = false;
        connection.unExportObject(device.getObjectPath());
        signal(interfacesRemoved(device.getObjectPath(), List.of(DEVICE_IFACE, PROPERTIES_IFACE, INTROSPECTABLE_IFACE)));
    }

    /** A scan result: the table appears if it advertises, discovery is on and the filters let it through. */
    private synchronized void discoveryFinds() {
        if (closed || deviceKnown || !radioUp || discoveringClients.isEmpty() || !passesAnyFilter()) {
            return;
        }
        deviceKnown = true;
        try {
            connection.exportObject(device.getObjectPath(), device);
        } catch (DBusException e) {
            LOG.warn("cannot export the device object: {}", e.toString());
            deviceKnown = false;
            return;
        }
        signal(interfacesAdded(device.getObjectPath(), DEVICE_IFACE, device.properties()));
    }

    private boolean passesAnyFilter() {
        for (String client : discoveringClients) {
            if (passes(discoveryFilters.get(client))) {
                return true;
            }
        }
        return false;
    }

    private boolean passes(Map<String, Variant<?>> filter) {
        if (filter == null) {
            return true;
        }
        Variant<?> uuids = filter.get("UUIDs");
        if (uuids != null) {
            List<String> wanted = new ArrayList<>();
            Object v = uuids.getValue();
            if (v instanceof List<?> list) {
                list.forEach(u -> wanted.add(String.valueOf(u).toLowerCase(Locale.ROOT)));
            } else if (v instanceof String[] array) {
                for (String u : array) {
                    wanted.add(u.toLowerCase(Locale.ROOT));
                }
            }
            if (!wanted.isEmpty() && !wanted.contains(GattProfile.SERVICE.toString())) {
                return false;
            }
        }
        Variant<?> rssi = filter.get("RSSI");
        if (rssi != null && ble.rssi() < (Short) rssi.getValue()) {
            return false;
        }
        Variant<?> transport = filter.get("Transport");
        return transport == null || !"bredr".equals(transport.getValue());
    }

    // ------------------------------------------------------------------ device

    synchronized void connect() {
        if (connected) {
            throw new Error.AlreadyConnected("Already Connected");
        }
        if (!powered) {
            throw new Error.NotReady("Resource Not Ready");
        }
        if (!radioUp) {
            throw new Error.Failed("le-connection-abort-by-local");
        }
        connected = true;
        propertiesChanged(device.getObjectPath(), DEVICE_IFACE, Map.of("Connected", new Variant<>(true)));
        radio.schedule(this::resolveServices, SERVICE_RESOLUTION_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    synchronized void disconnect() {
        if (!connected) {
            throw new Error.NotConnected("Not Connected");
        }
        dropConnection();
    }

    private synchronized void resolveServices() {
        if (closed || !connected || servicesResolved) {
            return;
        }
        try {
            connection.exportObject(service.getObjectPath(), service);
            for (FakeCharacteristic c : characteristics()) {
                connection.exportObject(c.getObjectPath(), c);
            }
        } catch (DBusException e) {
            LOG.warn("cannot export the GATT objects: {}", e.toString());
            return;
        }
        // the values a table holds right after connecting
        statusCharacteristic.update(BodyCodec.encode(table.status()), false);
        deviceInfoCharacteristic.update(BodyCodec.encode(table.deviceInfo()), false);
        signal(interfacesAdded(service.getObjectPath(), SERVICE_IFACE, service.properties()));
        for (FakeCharacteristic c : characteristics()) {
            signal(interfacesAdded(c.getObjectPath(), CHARACTERISTIC_IFACE, c.properties()));
        }
        servicesResolved = true;
        propertiesChanged(device.getObjectPath(), DEVICE_IFACE, Map.of("ServicesResolved", new Variant<>(true)));
    }

    /** Ends the connection: GATT objects go, notify sessions end, the firmware revokes control. */
    private void dropConnection() {
        boolean hadServices = servicesResolved;
        connected = false;
        servicesResolved = false;
        for (FakeCharacteristic c : characteristics()) {
            c.endAllSessions();
        }
        Map<String, Variant<?>> changed = new LinkedHashMap<>();
        changed.put("ServicesResolved", new Variant<>(false));
        changed.put("Connected", new Variant<>(false));
        propertiesChanged(device.getObjectPath(), DEVICE_IFACE, changed);
        if (hadServices) {
            for (FakeCharacteristic c : characteristics()) {
                connection.unExportObject(c.getObjectPath());
                signal(interfacesRemoved(c.getObjectPath(), List.of(CHARACTERISTIC_IFACE, PROPERTIES_IFACE,
                        INTROSPECTABLE_IFACE)));
            }
            connection.unExportObject(service.getObjectPath());
            signal(interfacesRemoved(service.getObjectPath(), List.of(SERVICE_IFACE, PROPERTIES_IFACE,
                    INTROSPECTABLE_IFACE)));
        }
        table.peerDisconnected();
    }

    synchronized boolean connected() {
        return connected;
    }

    synchronized boolean servicesResolved() {
        return servicesResolved;
    }

    BleSpec ble() {
        return ble;
    }

    // ------------------------------------------------------------------ characteristics

    /** A read: Status and Device Info answer with the table's current state. */
    synchronized byte[] read(FakeCharacteristic c) {
        requireConnected();
        return switch (c.role()) {
            case STATUS -> c.update(BodyCodec.encode(table.status()), false);
            case DEVICE_INFO -> c.update(BodyCodec.encode(table.deviceInfo()), false);
            default -> throw new Error.NotPermitted("Read not permitted");
        };
    }

    /** A write to the Control Point: decode it and hand it to the table's firmware. */
    synchronized void writeControlPoint(FakeCharacteristic c, String client, byte[] value) {
        requireConnected();
        if (!c.hasSession(client)) {
            // the Control Point answers by indication; writing before enabling them is an error (ATT 0xFD)
            throw new Error.Failed("Operation failed with ATT error: 0xfd");
        }
        BodyDecodeResult decoded = BodyCodec.decodeControlPoint(value);
        if (decoded instanceof BodyDecodeResult.Decoded d && d.message() instanceof ControlRequest request) {
            table.receive(request);
        } else if (value.length >= 2) {
            table.receiveMalformedControlPoint(value); // the firmware answers INVALID_PARAMETER
        } else {
            throw new Error.Failed("Operation failed with ATT error: 0x0d"); // invalid attribute value length
        }
    }

    synchronized void requireConnected() {
        if (!connected || !servicesResolved) {
            throw new Error.Failed("Not connected");
        }
    }

    void valueChanged(String path, byte[] value) {
        notificationsSent.incrementAndGet();
        propertiesChanged(path, CHARACTERISTIC_IFACE, Map.of("Value", new Variant<>(value)));
    }

    void propertiesChanged(String path, String iface, Map<String, Variant<?>> changed) {
        try {
            signal(new Properties.PropertiesChanged(path, iface, changed, List.of()));
        } catch (DBusException e) {
            LOG.warn("cannot build PropertiesChanged for {}: {}", path, e.toString());
        }
    }

    // ------------------------------------------------------------------ object manager

    synchronized Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() {
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> all = new LinkedHashMap<>();
        all.put(new DBusPath(ADAPTER_PATH), interfaces(ADAPTER_IFACE, adapter.properties()));
        if (deviceKnown) {
            all.put(new DBusPath(device.getObjectPath()), interfaces(DEVICE_IFACE, device.properties()));
        }
        if (servicesResolved) {
            all.put(new DBusPath(service.getObjectPath()), interfaces(SERVICE_IFACE, service.properties()));
            for (FakeCharacteristic c : characteristics()) {
                all.put(new DBusPath(c.getObjectPath()), interfaces(CHARACTERISTIC_IFACE, c.properties()));
            }
        }
        return all;
    }

    private static Map<String, Map<String, Variant<?>>> interfaces(String iface, Map<String, Variant<?>> props) {
        Map<String, Map<String, Variant<?>>> m = new LinkedHashMap<>();
        m.put(iface, props);
        m.put(PROPERTIES_IFACE, Map.of());
        m.put(INTROSPECTABLE_IFACE, Map.of());
        return m;
    }

    private DBusSignal interfacesAdded(String path, String iface, Map<String, Variant<?>> props) {
        try {
            return new ObjectManager.InterfacesAdded("/", new DBusPath(path), interfaces(iface, props));
        } catch (DBusException e) {
            throw new IllegalStateException("cannot build InterfacesAdded for " + path, e);
        }
    }

    private DBusSignal interfacesRemoved(String path, List<String> ifaces) {
        try {
            return new ObjectManager.InterfacesRemoved("/", new DBusPath(path), ifaces);
        } catch (DBusException e) {
            throw new IllegalStateException("cannot build InterfacesRemoved for " + path, e);
        }
    }

    private void signal(DBusSignal s) {
        if (connection.isConnected()) {
            connection.sendMessage(s);
        }
    }

    private List<FakeCharacteristic> characteristics() {
        return List.of(measurement, controlPoint, statusCharacteristic, deviceInfoCharacteristic);
    }

    private synchronized void clientLeft(String client) {
        if (discoveringClients.remove(client) && discoveringClients.isEmpty()) {
            propertiesChanged(ADAPTER_PATH, ADAPTER_IFACE, Map.of("Discovering", new Variant<>(false)));
        }
        discoveryFilters.remove(client);
        for (FakeCharacteristic c : characteristics()) {
            c.endSession(client);
        }
    }

    /** The calling client's unique bus name, for per-client discovery and notify sessions. */
    static String caller() {
        org.freedesktop.dbus.DBusCallInfo info = DBusConnection.getCallInfo();
        return info == null ? "" : info.getSource();
    }
}
