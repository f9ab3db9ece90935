package dev.hangtime.device.ble;

import dev.hangtime.device.AbstractTableLink;
import dev.hangtime.device.LinkException;
import dev.hangtime.device.LinkOptions;
import dev.hangtime.protocol.BodyCodec;
import dev.hangtime.protocol.BodyDecodeResult;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.GattProfile;
import dev.hangtime.protocol.MessageType;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bluez.Device1;
import org.bluez.GattCharacteristic1;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table over Bluetooth LE, through BlueZ's D-Bus API with dbus-java (DESIGN.md: tinyb wrapped
 * the same API natively; this speaks it in pure Java).
 *
 * <p>Each connection: reach the bus and check BlueZ and an adapter; discover the table by its
 * service UUID (or its address); Device1.Connect; wait for ServicesResolved; find the
 * characteristics by UUID (PROTOCOL.md §1); StartNotify on Measurement, Status and the Control
 * Point (indications); follow their PropertiesChanged "Value". Requests are written to the Control
 * Point with {"type": "request"} (a write with response). Device1 Connected=false, the device
 * vanishing, or the bus breaking is a loss. The D-Bus signal thread only decodes and hands on.
 */
public final class BleTableLink extends AbstractTableLink {

    private static final Logger log = LoggerFactory.getLogger(BleTableLink.class);
    /** Between retries of an operation BlueZ says is in progress. */
    private static final Duration IN_PROGRESS_PAUSE = Duration.ofMillis(200);

    private final String wantedAddress;
    private volatile String description;

    /** @param address the table's address, or {@code null} for the first table found */
    public BleTableLink(String address, LinkOptions options, Clock clock, MeterRegistry metrics) {
        super("ble", options, clock, metrics);
        this.wantedAddress = address;
        this.description = address == null ? "BLE (first table found)" : "BLE " + address;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    protected Connection openConnection(Carrier carrier) throws LinkException {
        BluezBus bus = BluezBus.open(options.dbusAddress(),
                () -> carrier.lost(describe() + ": the D-Bus connection to BlueZ broke"));
        try {
            BleTable table = find(bus);
            description = "BLE " + table.address() + " (" + table.name() + ")";
            BleConnection connection = new BleConnection(bus, table, carrier);
            connection.open();
            return connection;
        } catch (LinkException | RuntimeException e) {
            bus.close();
            throw e;
        } catch (InterruptedException e) {
            bus.close();
            Thread.currentThread().interrupt();
            throw new LinkException(LinkException.Problem.INTERRUPTED, describe() + ": interrupted", e);
        }
    }

    private BleTable find(BluezBus bus) throws LinkException, InterruptedException {
        String adapterPath = bus.adapter();
        Optional<BleTable> found;
        try (BleScanner scanner = new BleScanner(bus, adapterPath)) {
            found = wantedAddress == null
                    ? scanner.awaitTable(BleTable::inRange, true, options.scanTimeout())
                    : scanner.awaitTable(t -> t.address().equalsIgnoreCase(wantedAddress), false, options.scanTimeout());
        }
        long seconds = options.scanTimeout().toSeconds();
        return found.orElseThrow(() -> new LinkException(LinkException.Problem.NO_TABLE_FOUND, wantedAddress == null
                ? "no Hangtime table found in Bluetooth range within " + seconds + " s (is it switched on and near?"
                        + " `hangtime devices` scans)"
                : "table " + wantedAddress + " not found in Bluetooth range within " + seconds + " s"
                        + " (is it switched on and near? `hangtime devices` lists the tables it sees)"));
    }

    /** One BLE connection to one table. */
    private final class BleConnection implements Connection {
        private final BluezBus bus;
        private final BleTable table;
        private final Carrier carrier;
        private final CountDownLatch servicesResolved = new CountDownLatch(1);
        private final List<AutoCloseable> handlers = new ArrayList<>();
        private Device1 device;
        private volatile String measurementPath;
        private volatile String controlPointPath;
        private volatile String statusPath;
        private GattCharacteristic1 controlPoint;
        private GattCharacteristic1 deviceInfo;
        private GattCharacteristic1 status;

        BleConnection(BluezBus bus, BleTable table, Carrier carrier) {
            this.bus = bus;
            this.table = table;
            this.carrier = carrier;
        }

        void open() throws LinkException, InterruptedException {
            device = bus.remote(table.objectPath(), Device1.class);
            try {
                // subscribed before Connect so that neither ServicesResolved nor a first value is missed
                handlers.add(bus.connection().addSigHandler(Properties.PropertiesChanged.class, this::onPropertiesChanged));
                handlers.add(bus.connection().addSigHandler(ObjectManager.InterfacesRemoved.class, signal -> {
                    if (signal.getSignalSource().getPath().equals(table.objectPath())
                            && signal.getInterfaces().contains(BluezBus.DEVICE1)) {
                        carrier.lost(describe() + ": BlueZ no longer knows the table");
                    }
                }));
            } catch (DBusException e) {
                close();
                throw new LinkException(LinkException.Problem.IO, describe() + ": cannot follow BlueZ's signals: "
                        + BluezBus.rootMessage(e), e);
            }
            try {
                withInProgressRetries("Connect", device::Connect);
                awaitServicesResolved();
                findCharacteristics();
                for (String path : List.of(measurementPath, statusPath, controlPointPath)) {
                    GattCharacteristic1 c = bus.remote(path, GattCharacteristic1.class);
                    withInProgressRetries("StartNotify on " + path, c::StartNotify);
                }
            } catch (LinkException | InterruptedException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Runs on the D-Bus signal thread: turn the Variant into bytes, decode, hand on. */
        private void onPropertiesChanged(Properties.PropertiesChanged signal) {
            String path = signal.getPath();
            Map<String, Variant<?>> changed = signal.getPropertiesChanged();
            if (BluezBus.DEVICE1.equals(signal.getInterfaceName()) && path.equals(table.objectPath())) {
                if (Boolean.FALSE.equals(BluezBus.value(changed, "Connected"))) {
                    carrier.lost(describe() + ": the table disconnected");
                }
                if (Boolean.TRUE.equals(BluezBus.value(changed, "ServicesResolved"))) {
                    servicesResolved.countDown();
                }
                return;
            }
            if (!BluezBus.CHARACTERISTIC1.equals(signal.getInterfaceName()) || !changed.containsKey("Value")) {
                return;
            }
            byte[] value = BluezBus.bytes(BluezBus.value(changed, "Value"));
            BodyDecodeResult result;
            if (path.equals(measurementPath)) {
                result = BodyCodec.decode(MessageType.MEASUREMENT, value);
            } else if (path.equals(controlPointPath)) {
                result = BodyCodec.decodeControlPoint(value);
            } else if (path.equals(statusPath)) {
                result = BodyCodec.decode(MessageType.STATUS, value);
            } else {
                return;
            }
            deliver(result);
        }

        private void deliver(BodyDecodeResult result) {
            if (result instanceof BodyDecodeResult.Decoded d) {
                carrier.message(d.message());
            } else if (result instanceof BodyDecodeResult.Failed f) {
                carrier.decodeError(f.error());
            }
        }

        private void awaitServicesResolved() throws LinkException, InterruptedException {
            try {
                Properties properties = bus.remote(table.objectPath(), Properties.class);
                if (Boolean.TRUE.equals(properties.Get(BluezBus.DEVICE1, "ServicesResolved"))) {
                    return;
                }
            } catch (DBusExecutionException e) {
                throw new LinkException(LinkException.Problem.IO, describe() + ": cannot read ServicesResolved: "
                        + BluezErrors.describe(e), e);
            }
            Duration timeout = options.scanTimeout();
            if (!servicesResolved.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LinkException(LinkException.Problem.IO, describe() + ": connected, but BlueZ did not resolve"
                        + " the table's services within " + timeout.toSeconds() + " s");
            }
        }

        private void findCharacteristics() throws LinkException {
            Map<String, Map<String, Map<String, Variant<?>>>> objects = bus.objects();
            measurementPath = characteristic(objects, GattProfile.MEASUREMENT, "Measurement");
            controlPointPath = characteristic(objects, GattProfile.CONTROL_POINT, "Control Point");
            statusPath = characteristic(objects, GattProfile.STATUS, "Status");
            String deviceInfoPath = characteristic(objects, GattProfile.DEVICE_INFO, "Device Info");
            controlPoint = bus.remote(controlPointPath, GattCharacteristic1.class);
            status = bus.remote(statusPath, GattCharacteristic1.class);
            deviceInfo = bus.remote(deviceInfoPath, GattCharacteristic1.class);
        }

        private String characteristic(Map<String, Map<String, Map<String, Variant<?>>>> objects, UUID uuid,
                                      String name) throws LinkException {
            String prefix = table.objectPath() + "/";
            for (Map.Entry<String, Map<String, Map<String, Variant<?>>>> e : objects.entrySet()) {
                Map<String, Variant<?>> c = e.getValue().get(BluezBus.CHARACTERISTIC1);
                if (e.getKey().startsWith(prefix) && c != null && uuid.toString().equalsIgnoreCase(BluezBus.string(c, "UUID"))) {
                    return e.getKey();
                }
            }
            throw new LinkException(LinkException.Problem.HANDSHAKE, describe() + " has no " + name
                    + " characteristic (" + uuid + "): is it a Hangtime table?");
        }

        private void withInProgressRetries(String operation, Runnable call) throws LinkException, InterruptedException {
            try {
                BluezErrors.call(call, options.bluezRetries(), IN_PROGRESS_PAUSE);
            } catch (DBusExecutionException e) {
                if (BluezErrors.classify(e) == BluezErrors.Kind.NEEDS_PAIRING) {
                    throw pairingNeeded(operation, e);
                }
                throw new LinkException(LinkException.Problem.IO, describe() + ": " + operation + " failed: "
                        + BluezErrors.describe(e), e);
            }
        }

        private LinkException pairingNeeded(String operation, DBusExecutionException e) {
            return new LinkException(LinkException.Problem.PAIRING_NEEDED, describe() + ": " + operation
                    + " refused (" + BluezErrors.describe(e) + "): the table must be paired first"
                    + " (bluetoothctl pair " + table.address() + ")", e);
        }

        @Override
        public void transmit(ControlRequest request) throws IOException {
            try {
                // PROTOCOL.md §4: a write with response; the answer comes as an indication
                controlPoint.WriteValue(BodyCodec.encode(request), Map.of("type", new Variant<>("request")));
            } catch (DBusExecutionException e) {
                if (BluezErrors.classify(e) == BluezErrors.Kind.NEEDS_PAIRING) {
                    throw new IOException(pairingNeeded("writing the control point", e).getMessage(), e);
                }
                throw new IOException("writing the control point: " + BluezErrors.describe(e), e);
            }
        }

        @Override
        public boolean readsDeviceInfoWithCommand() {
            return false;
        }

        @Override
        public void readDeviceInfo() throws IOException {
            byte[] info = read(deviceInfo, "Device Info");
            BodyDecodeResult result = BodyCodec.decode(MessageType.DEVICE_INFO, info);
            if (result instanceof BodyDecodeResult.Failed f) {
                carrier.decodeError(f.error());
                throw new IOException("the table's Device Info did not decode: " + f.error().detail());
            }
            deliver(result);
            // the current status too: it is notified only when it changes (PROTOCOL.md §3.2)
            try {
                deliver(BodyCodec.decode(MessageType.STATUS, read(status, "Status")));
            } catch (IOException e) {
                log.debug("{}: {}", describe(), e.getMessage());
            }
        }

        private byte[] read(GattCharacteristic1 characteristic, String name) throws IOException {
            try {
                return characteristic.ReadValue(Map.of());
            } catch (DBusExecutionException e) {
                if (BluezErrors.classify(e) == BluezErrors.Kind.NEEDS_PAIRING) {
                    throw new IOException(pairingNeeded("reading " + name, e).getMessage(), e);
                }
                throw new IOException("reading " + name + ": " + BluezErrors.describe(e), e);
            }
        }

        @Override
        public void close() {
            BluezBus.removeHandlers(handlers);
            if (device != null) {
                try {
                    device.Disconnect();   // frees the table for its next connection (ours, after the backoff)
                } catch (RuntimeException e) {
                    BluezBus.logIgnored("Disconnect", e);
                }
            }
            bus.close();
        }
    }
}
