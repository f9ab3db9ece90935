package dev.hangtime.device.ble;

import dev.hangtime.device.LinkException;
import dev.hangtime.protocol.GattProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.bluez.Adapter1;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * Finds Hangtime tables with BlueZ: a discovery filter on the service UUID over LE
 * (Adapter1.SetDiscoveryFilter), StartDiscovery, then what BlueZ already knows
 * (ObjectManager.GetManagedObjects) and what it finds meanwhile (InterfacesAdded, and
 * PropertiesChanged for RSSI, name and UUIDs that arrive later).
 */
public final class BleScanner implements AutoCloseable {

    private final BluezBus bus;
    private final String adapterPath;
    private final Adapter1 adapter;
    private final Map<String, Map<String, Object>> devices = new HashMap<>();   // guarded by this
    private final List<AutoCloseable> handlers = new ArrayList<>();

    /**
     * Scans for {@code timeout} and lists the tables in range, strongest signal first
     * ({@code hangtime devices}).
     *
     * @param dbusAddress the bus BlueZ is on; {@code null} for the system bus
     * @throws LinkException bus unreachable, BlueZ not running, no adapter
     */
    public static List<BleTable> scan(String dbusAddress, Duration timeout) throws LinkException, InterruptedException {
        try (BluezBus bus = BluezBus.open(dbusAddress, () -> { });
             BleScanner scanner = new BleScanner(bus, bus.adapter())) {
            scanner.awaitTable(t -> false, true, timeout);
            List<BleTable> found = new ArrayList<>(scanner.tables().stream().filter(BleTable::inRange).toList());
            found.sort((a, b) -> Short.compare(b.rssiDbm(), a.rssiDbm()));
            return found;
        }
    }

    BleScanner(BluezBus bus, String adapterPath) throws LinkException {
        this.bus = bus;
        this.adapterPath = adapterPath;
        this.adapter = bus.remote(adapterPath, Adapter1.class);
        try {
            // dbus-java names InterfacesAdded's first argument, the object added, "signalSource"
            handlers.add(bus.connection().addSigHandler(ObjectManager.InterfacesAdded.class, signal -> {
                Map<String, Variant<?>> device = signal.getInterfaces().get(BluezBus.DEVICE1);
                if (device != null && isOurs(signal.getSignalSource().getPath())) {
                    update(signal.getSignalSource().getPath(), device, List.of());
                }
            }));
            handlers.add(bus.connection().addSigHandler(Properties.PropertiesChanged.class, signal -> {
                if (BluezBus.DEVICE1.equals(signal.getInterfaceName()) && isOurs(signal.getPath())) {
                    update(signal.getPath(), signal.getPropertiesChanged(), signal.getPropertiesRemoved());
                }
            }));
            startDiscovery();
            for (Map.Entry<String, Map<String, Map<String, Variant<?>>>> e : bus.objects().entrySet()) {
                Map<String, Variant<?>> device = e.getValue().get(BluezBus.DEVICE1);
                if (device != null && isOurs(e.getKey())) {
                    update(e.getKey(), device, List.of());
                }
            }
        } catch (DBusException e) {
            close();
            throw new LinkException(LinkException.Problem.IO, "cannot follow BlueZ's signals on " + bus.busName()
                    + ": " + BluezBus.rootMessage(e), e);
        } catch (LinkException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startDiscovery() throws LinkException {
        Map<String, Variant<?>> filter = new HashMap<>();
        filter.put("UUIDs", new Variant<>(new String[] {GattProfile.SERVICE.toString()}, "as"));
        filter.put("Transport", new Variant<>("le"));
        try {
            adapter.SetDiscoveryFilter(filter);
            adapter.StartDiscovery();
        } catch (DBusExecutionException e) {
            // InProgress: someone else's discovery already runs, and it finds our table too
            if (BluezErrors.classify(e) != BluezErrors.Kind.IN_PROGRESS) {
                throw new LinkException(LinkException.Problem.IO, "BlueZ refused to scan on " + adapterPath + ": "
                        + BluezErrors.describe(e), e);
            }
        }
    }

    private boolean isOurs(String path) {
        return path.startsWith(adapterPath + "/");
    }

    private synchronized void update(String path, Map<String, Variant<?>> changed, List<String> removed) {
        Map<String, Object> properties = devices.computeIfAbsent(path, p -> new HashMap<>());
        changed.forEach((name, value) -> properties.put(name, value.getValue()));
        removed.forEach(properties::remove);
        notifyAll();
    }

    /** Every device seen so far advertising the Hangtime service (in range, or known to BlueZ from before). */
    synchronized List<BleTable> tables() {
        return devices(true);
    }

    private List<BleTable> devices(boolean advertisingOnly) {
        List<BleTable> found = new ArrayList<>();
        devices.forEach((path, p) -> {
            Object address = p.get("Address");
            if (address != null && (!advertisingOnly || advertisesService(p))) {
                Object name = p.get("Name") != null ? p.get("Name") : p.get("Alias");
                Object rssi = p.get("RSSI");
                found.add(new BleTable(name == null ? address.toString() : name.toString(), address.toString(),
                        rssi instanceof Number n ? n.shortValue() : null, path));
            }
        });
        return found;
    }

    private static boolean advertisesService(Map<String, Object> p) {
        Object raw = p.get("UUIDs");
        List<String> uuids = raw instanceof String[] a ? List.of(a)
                : raw instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        return BluezBus.containsUuid(uuids, GattProfile.SERVICE);
    }

    /**
     * Waits until a table matching {@code wanted} is seen, at most {@code timeout}.
     *
     * @param advertisingOnly consider only devices advertising the Hangtime service; false when
     *                        the user named the address (BlueZ may know a paired table without
     *                        its advertisement)
     * @return the table, or empty when none matched in time
     */
    synchronized Optional<BleTable> awaitTable(Predicate<BleTable> wanted, boolean advertisingOnly, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<BleTable> match = devices(advertisingOnly).stream().filter(wanted).findFirst();
            long left = deadline - System.nanoTime();
            if (match.isPresent() || left <= 0) {
                return match;
            }
            // woken by every device update; the deadline bounds it
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Stops discovering (BlueZ connects better when no scan runs) and drops the signal handlers. */
    @Override
    public void close() {
        try {
            adapter.StopDiscovery();
        } catch (RuntimeException e) {
            BluezBus.logIgnored("StopDiscovery", e);
        }
        BluezBus.removeHandlers(handlers);
    }
}
