package dev.hangtime.simulator.ble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.protocol.BodyCodec;
import dev.hangtime.protocol.BodyDecodeResult;
import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.GattProfile;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.MessageType;
import dev.hangtime.protocol.Status;
import dev.hangtime.simulator.RealTimeRunner;
import dev.hangtime.simulator.TableSimulation;
import dev.hangtime.simulator.scenario.Scenario;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bluez.Adapter1;
import org.bluez.Device1;
import org.bluez.Error;
import org.bluez.GattCharacteristic1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain dbus-java client against the fake BlueZ on an embedded bus: discovery through the
 * ObjectManager, connection, notifications and the Control Point, all over real D-Bus messages.
 */
class FakeBluezTest {

    private static final long WAIT_S = 10;

    @TempDir
    Path dir;

    private EmbeddedBus bus;
    private TableSimulation table;
    private RealTimeRunner runner;
    private FakeBluez bluez;
    private DBusConnection client;

    @BeforeEach
    void startABus() throws Exception {
        bus = EmbeddedBus.start(dir);
        client = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
    }

    private void serve(Scenario scenario, double speed) throws Exception {
        table = new TableSimulation(scenario);
        bluez = FakeBluez.export(table, table.scenario().ble(), bus.address());
        runner = RealTimeRunner.start(table.clock(), speed);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (client != null) {
            client.close();
        }
        if (runner != null) {
            runner.close();
        }
        if (bluez != null) {
            bluez.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void clientDiscoversConnectsSubscribesAndGetsAControlPointResponse() throws Exception {
        serve(ScenarioLoader.load("compliant-morning"), 1.0);
        CompletableFuture<String> found = new CompletableFuture<>();
        client.addSigHandler(ObjectManager.InterfacesAdded.class, s -> {
            if (s.getInterfaces().containsKey("org.bluez.Device1")) {
                found.complete(s.getSignalSource().getPath()); // dbus-java: the added object, not the emitter
            }
        });
        ObjectManager om = client.getRemoteObject(FakeBluez.BUS_NAME, "/", ObjectManager.class);
        assertTrue(om.GetManagedObjects().containsKey(new DBusPath(FakeBluez.ADAPTER_PATH)));

        Adapter1 adapter = client.getRemoteObject(FakeBluez.BUS_NAME, FakeBluez.ADAPTER_PATH, Adapter1.class);
        assertTrue(adapter.isPowered());
        Map<String, Variant<?>> filter = new HashMap<>();
        filter.put("UUIDs", new Variant<>(new String[] {GattProfile.SERVICE.toString()}));
        filter.put("Transport", new Variant<>("le"));
        adapter.SetDiscoveryFilter(filter);
        adapter.StartDiscovery();
        assertTrue(adapter.isDiscovering());
        String devicePath = found.get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(bluez.devicePath(), devicePath);
        adapter.StopDiscovery();

        Device1 device = client.getRemoteObject(FakeBluez.BUS_NAME, devicePath, Device1.class);
        assertEquals("Hangtime Table", device.getName());
        assertTrue(device.getUUIDs().contains(GattProfile.SERVICE.toString()));
        CompletableFuture<Boolean> resolved = new CompletableFuture<>();
        client.addSigHandler(Properties.PropertiesChanged.class, s -> {
            if (s.getPath().equals(devicePath) && Boolean.TRUE.equals(value(s, "ServicesResolved"))) {
                resolved.complete(true);
            }
        });
        device.Connect();
        assertTrue(device.isConnected());
        assertTrue(resolved.get(WAIT_S, TimeUnit.SECONDS));

        Map<String, String> characteristics = characteristicPaths(om);
        GattCharacteristic1 measurement = characteristic(characteristics, GattProfile.MEASUREMENT.toString());
        GattCharacteristic1 controlPoint = characteristic(characteristics, GattProfile.CONTROL_POINT.toString());
        BlockingQueue<byte[]> measurements = valuesOf(characteristics.get(GattProfile.MEASUREMENT.toString()));
        BlockingQueue<byte[]> responses = valuesOf(characteristics.get(GattProfile.CONTROL_POINT.toString()));

        measurement.StartNotify();
        assertTrue(measurement.isNotifying());
        Measurement first = decode(MessageType.MEASUREMENT, measurements.poll(WAIT_S, TimeUnit.SECONDS), Measurement.class);
        Measurement second = decode(MessageType.MEASUREMENT, measurements.poll(WAIT_S, TimeUnit.SECONDS), Measurement.class);
        assertEquals((first.sequence() + 1) & 0xFFFF, second.sequence(), "consecutive notifications");
        assertTrue(second.deviceTimeMs() > first.deviceTimeMs());
        assertEquals(-80.0, first.angleDegrees(), 0.5, "the user stands upright before the session");

        controlPoint.StartNotify();
        Map<String, Variant<?>> withResponse = Map.of("type", new Variant<>("request"));
        controlPoint.WriteValue(BodyCodec.encode(new ControlRequest(7, new ControlCommand.StartSession())), withResponse);
        assertEquals(new ControlResponse(7, 0x02, ControlResponse.ResultCode.CONTROL_NOT_PERMITTED),
                decode(MessageType.CONTROL_RESPONSE, responses.poll(WAIT_S, TimeUnit.SECONDS), ControlResponse.class));
        controlPoint.WriteValue(BodyCodec.encode(new ControlRequest(8, new ControlCommand.RequestControl())), withResponse);
        assertEquals(new ControlResponse(8, 0x01, ControlResponse.ResultCode.SUCCESS),
                decode(MessageType.CONTROL_RESPONSE, responses.poll(WAIT_S, TimeUnit.SECONDS), ControlResponse.class));
        controlPoint.WriteValue(BodyCodec.encode(new ControlRequest(9, new ControlCommand.ReturnToUpright())), withResponse);
        assertEquals(new ControlResponse(9, 0x06, ControlResponse.ResultCode.OP_CODE_NOT_SUPPORTED),
                decode(MessageType.CONTROL_RESPONSE, responses.poll(WAIT_S, TimeUnit.SECONDS), ControlResponse.class));

        GattCharacteristic1 status = characteristic(characteristics, GattProfile.STATUS.toString());
        Status read = decode(MessageType.STATUS, status.ReadValue(Map.of()), Status.class);
        assertEquals(0, read.faults());
        assertThrows(Error.NotPermitted.class, () -> measurement.ReadValue(Map.of()));
        assertThrows(Error.Failed.class, measurement::StartNotify, "a second StartNotify from the same client");

        device.Disconnect();
        assertFalse(device.isConnected());
    }

    @Test
    void aLinkDropDisconnectsRemovesTheServiceAndTheTableCanBeReconnectedWhenBack() throws Exception {
        serve(ScenarioLoader.parse(new java.io.StringReader("""
                user:
                  start: at-once
                  script: [ {hold: 1h} ]
                faults:
                  - {at: 2s, fault: link-drop, duration: 2s}
                """), "drop.yaml", "drop"), 2.0);
        CompletableFuture<String> found = new CompletableFuture<>();
        CompletableFuture<List<String>> removed = new CompletableFuture<>();
        client.addSigHandler(ObjectManager.InterfacesAdded.class, s -> {
            if (s.getInterfaces().containsKey("org.bluez.Device1")) {
                found.complete(s.getSignalSource().getPath());
            }
        });
        client.addSigHandler(ObjectManager.InterfacesRemoved.class, s -> {
            if (s.getInterfaces().contains("org.bluez.GattService1")) {
                removed.complete(s.getInterfaces());
            }
        });
        Adapter1 adapter = client.getRemoteObject(FakeBluez.BUS_NAME, FakeBluez.ADAPTER_PATH, Adapter1.class);
        adapter.StartDiscovery();
        String devicePath = found.get(WAIT_S, TimeUnit.SECONDS);
        BlockingQueue<Boolean> connectedChanges = new LinkedBlockingQueue<>();
        client.addSigHandler(Properties.PropertiesChanged.class, s -> {
            if (s.getPath().equals(devicePath) && s.getPropertiesChanged().containsKey("Connected")) {
                connectedChanges.add((Boolean) value(s, "Connected"));
            }
        });
        Device1 device = client.getRemoteObject(FakeBluez.BUS_NAME, devicePath, Device1.class);
        device.Connect();
        assertEquals(true, connectedChanges.poll(WAIT_S, TimeUnit.SECONDS));

        assertEquals(false, connectedChanges.poll(WAIT_S, TimeUnit.SECONDS), "Connected=false when the link drops");
        assertTrue(removed.get(WAIT_S, TimeUnit.SECONDS).contains("org.bluez.GattService1"));
        assertFalse(device.isConnected());
        assertThrows(Error.Failed.class, device::Connect, "out of range while the link is down");

        CompletableFuture<Boolean> reconnected = new CompletableFuture<>();
        table.clock().lock().lock();
        try {
            // the drop ends 2 s (of simulated time) after it began; try again once the link is up
            table.clock().scheduleAt(table.clock().nowNanos() + 2_100_000_000L, () -> reconnected.complete(true));
        } finally {
            table.clock().lock().unlock();
        }
        reconnected.get(WAIT_S, TimeUnit.SECONDS);
        device.Connect();
        assertEquals(true, connectedChanges.poll(WAIT_S, TimeUnit.SECONDS), "back in range: connected again");
    }

    @Test
    void anAdapterSwitchedOffRefusesDiscoveryUntilPoweredAgain() throws Exception {
        serve(ScenarioLoader.load("compliant-morning"), 1.0);
        Adapter1 adapter = client.getRemoteObject(FakeBluez.BUS_NAME, FakeBluez.ADAPTER_PATH, Adapter1.class);
        BlockingQueue<Boolean> powered = new LinkedBlockingQueue<>();
        client.addSigHandler(Properties.PropertiesChanged.class, s -> {
            if (s.getPath().equals(FakeBluez.ADAPTER_PATH) && s.getPropertiesChanged().containsKey("Powered")) {
                powered.add((Boolean) value(s, "Powered"));
            }
        });
        adapter.setPowered(false);
        assertEquals(false, powered.poll(WAIT_S, TimeUnit.SECONDS));
        assertFalse(adapter.isPowered());
        assertThrows(Error.NotReady.class, adapter::StartDiscovery);
        adapter.setPowered(true);
        assertEquals(true, powered.poll(WAIT_S, TimeUnit.SECONDS));
        adapter.StartDiscovery();
        assertThrows(Error.InProgress.class, adapter::StartDiscovery, "a second StartDiscovery from the same client");
        assertThrows(Error.InvalidArguments.class, () -> adapter.SetDiscoveryFilter(Map.of("Colour", new Variant<>("blue"))));
        adapter.StopDiscovery();
        assertThrows(Error.Failed.class, adapter::StopDiscovery, "no discovery of this client to stop");
    }

    private static Object value(Properties.PropertiesChanged s, String property) {
        Variant<?> v = s.getPropertiesChanged().get(property);
        return v == null ? null : v.getValue();
    }

    private BlockingQueue<byte[]> valuesOf(String path) throws Exception {
        BlockingQueue<byte[]> q = new LinkedBlockingQueue<>();
        client.addSigHandler(Properties.PropertiesChanged.class, s -> {
            if (s.getPath().equals(path) && s.getPropertiesChanged().containsKey("Value")) {
                q.add(bytes(s.getPropertiesChanged().get("Value").getValue()));
            }
        });
        return q;
    }

    /** dbus-java hands an "ay" inside a signal's variant over as a list of bytes, a direct reply as byte[]. */
    private static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        List<?> list = (List<?>) value;
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).byteValue();
        }
        return out;
    }

    private static Map<String, String> characteristicPaths(ObjectManager om) {
        Map<String, String> byUuid = new HashMap<>();
        om.GetManagedObjects().forEach((path, ifaces) -> {
            Map<String, Variant<?>> props = ifaces.get("org.bluez.GattCharacteristic1");
            if (props != null) {
                byUuid.put((String) props.get("UUID").getValue(), path.getPath());
            }
        });
        return byUuid;
    }

    private GattCharacteristic1 characteristic(Map<String, String> paths, String uuid) throws Exception {
        String path = paths.get(uuid);
        assertNotNull(path, "characteristic " + uuid + " in " + paths);
        return client.getRemoteObject(FakeBluez.BUS_NAME, path, GattCharacteristic1.class);
    }

    private static <T> T decode(MessageType type, byte[] value, Class<T> expected) {
        assertNotNull(value, "no value arrived within " + WAIT_S + " s");
        BodyDecodeResult r = BodyCodec.decode(type, value);
        BodyDecodeResult.Decoded d = assertInstanceOf(BodyDecodeResult.Decoded.class, r, r.toString());
        return expected.cast(d.message());
    }
}
