package dev.hangtime.device.ble;

import dev.hangtime.device.LinkException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One D-Bus connection to BlueZ, with the checks that turn "it does not work" into a reason: the
 * bus is unreachable, BlueZ is not on it, it has no adapter. Reads BlueZ's object tree
 * (ObjectManager.GetManagedObjects) and the properties in it.
 */
final class BluezBus implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BluezBus.class);

    static final String BLUEZ = "org.bluez";
    static final String ADAPTER1 = "org.bluez.Adapter1";
    static final String DEVICE1 = "org.bluez.Device1";
    static final String CHARACTERISTIC1 = "org.bluez.GattCharacteristic1";

    /** How long to keep trying to reach the bus socket, milliseconds. */
    private static final int BUS_CONNECT_TIMEOUT_MS = 2_000;

    private final DBusConnection connection;
    private final String busName;
    private boolean closed;

    private BluezBus(DBusConnection connection, String busName) {
        this.connection = connection;
        this.busName = busName;
    }

    /**
     * Connects to the bus ({@code null}: the system bus) and checks that BlueZ is on it.
     *
     * @param onDisconnect runs (on a dbus-java thread) if the bus connection breaks later
     */
    static BluezBus open(String dbusAddress, Runnable onDisconnect) throws LinkException {
        String busName = dbusAddress == null ? "the system D-Bus bus" : "the D-Bus bus at " + dbusAddress;
        DBusConnection connection;
        try {
            DBusConnectionBuilder builder = dbusAddress == null
                    ? DBusConnectionBuilder.forSystemBus() : DBusConnectionBuilder.forAddress(dbusAddress);
            connection = builder.withShared(false)
                    // dbus-java keeps retrying a missing socket for 10 s by default; 2 s tells as much
                    .transportConfig().withTimeout(BUS_CONNECT_TIMEOUT_MS).back()
                    // one signal thread: notifications reach the link in the order BlueZ sent them
                    .receivingThreadConfig().withSignalThreadCount(1).connectionConfig()
                    .withDisconnectCallback(new IDisconnectCallback() {
                        @Override
                        public void disconnectOnError(IOException e) {
                            onDisconnect.run();
                        }
                    })
                    .build();
        } catch (DBusException | RuntimeException e) {
            throw new LinkException(LinkException.Problem.BUS_UNREACHABLE, "cannot reach " + busName + ": "
                    + rootMessage(e) + (dbusAddress == null ? " (is dbus running? BlueZ lives on the system bus)" : ""),
                    e);
        }
        BluezBus bus = new BluezBus(connection, busName);
        try {
            bus.requireBluez();
        } catch (LinkException e) {
            bus.close();
            throw e;
        }
        return bus;
    }

    private void requireBluez() throws LinkException {
        boolean running;
        try {
            DBus daemon = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            running = daemon.NameHasOwner(BLUEZ);
        } catch (DBusException | DBusExecutionException e) {
            throw new LinkException(LinkException.Problem.BUS_UNREACHABLE, "cannot ask " + busName
                    + " who is on it: " + rootMessage(e), e);
        }
        if (!running) {
            throw new LinkException(LinkException.Problem.BLUEZ_NOT_RUNNING, "BlueZ is not running: no "
                    + BLUEZ + " on " + busName + " (start it: sudo systemctl start bluetooth)");
        }
    }

    DBusConnection connection() {
        return connection;
    }

    String busName() {
        return busName;
    }

    <T extends DBusInterface> T remote(String path, Class<T> type) throws LinkException {
        try {
            return connection.getRemoteObject(BLUEZ, path, type);
        } catch (DBusException e) {
            throw new LinkException(LinkException.Problem.IO, "BlueZ object " + path + ": " + rootMessage(e), e);
        }
    }

    /** BlueZ's object tree: path to interface name to property name to value. */
    Map<String, Map<String, Map<String, Variant<?>>>> objects() throws LinkException {
        try {
            ObjectManager manager = connection.getRemoteObject(BLUEZ, "/", ObjectManager.class);
            Map<String, Map<String, Map<String, Variant<?>>>> byPath = new TreeMap<>();
            for (Map.Entry<DBusPath, Map<String, Map<String, Variant<?>>>> e : manager.GetManagedObjects().entrySet()) {
                byPath.put(e.getKey().getPath(), e.getValue());
            }
            return byPath;
        } catch (DBusException | DBusExecutionException e) {
            throw new LinkException(LinkException.Problem.IO, "cannot read BlueZ's objects on " + busName + ": "
                    + rootMessage(e), e);
        }
    }

    /** The first powered adapter's path ({@code /org/bluez/hci0}). */
    String adapter() throws LinkException {
        List<String> off = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, Variant<?>>>> e : objects().entrySet()) {
            Map<String, Variant<?>> adapter = e.getValue().get(ADAPTER1);
            if (adapter == null) {
                continue;
            }
            if (Boolean.FALSE.equals(value(adapter, "Powered"))) {
                off.add(e.getKey());
                continue;
            }
            return e.getKey();
        }
        if (!off.isEmpty()) {
            throw new LinkException(LinkException.Problem.NO_ADAPTER, "the Bluetooth adapter "
                    + String.join(", ", off) + " is switched off (switch it on: bluetoothctl power on)");
        }
        throw new LinkException(LinkException.Problem.NO_ADAPTER, "no Bluetooth adapter: BlueZ on " + busName
                + " has none (is one plugged in and not blocked? see: rfkill list)");
    }

    /** Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            connection.disconnect();
        }
    }

    // --- reading Variant-typed properties into Java values, at once (STYLE.md: no Variant past this layer)

    static Object value(Map<String, Variant<?>> properties, String name) {
        Variant<?> v = properties == null ? null : properties.get(name);
        return v == null ? null : v.getValue();
    }

    static String string(Map<String, Variant<?>> properties, String name) {
        Object v = value(properties, name);
        return v == null ? null : v.toString();
    }

    static Short int16(Map<String, Variant<?>> properties, String name) {
        Object v = value(properties, name);
        return v instanceof Number n ? n.shortValue() : null;
    }

    /** An {@code as} property (dbus-java gives an array or a list, depending on the path it took). */
    static List<String> strings(Map<String, Variant<?>> properties, String name) {
        Object v = value(properties, name);
        if (v instanceof String[] array) {
            return Arrays.asList(array);
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** An {@code ay} value (an array, or a list of Byte). */
    static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof Collection<?> c) {
            byte[] out = new byte[c.size()];
            int i = 0;
            for (Object o : c) {
                out[i++] = ((Number) o).byteValue();
            }
            return out;
        }
        return null;
    }

    static boolean containsUuid(List<String> uuids, java.util.UUID wanted) {
        String w = wanted.toString().toLowerCase(Locale.ROOT);
        return uuids.stream().anyMatch(u -> u.toLowerCase(Locale.ROOT).equals(w));
    }

    /** The innermost message, which is the one that says what went wrong. */
    static String rootMessage(Throwable e) {
        Throwable t = Objects.requireNonNull(e);
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Removes the signal handlers a scan or link added, each even if another fails, and forgets them. */
    static void removeHandlers(List<AutoCloseable> handlers) {
        for (AutoCloseable h : handlers) {
            try {
                h.close();
            } catch (Exception e) {
                logIgnored("removing a signal handler", e);
            }
        }
        handlers.clear();
    }

    static void logIgnored(String what, Exception e) {
        log.debug("{} failed (ignored): {}", what, e.getMessage());
    }
}
