package dev.hangtime.device.ble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.device.CommandResult;
import dev.hangtime.device.LinkEvent;
import dev.hangtime.device.LinkOptions;
import dev.hangtime.device.LinkThreads;
import dev.hangtime.device.RecordingListener;
import dev.hangtime.device.TableInfo;
import dev.hangtime.device.TableStatus;
import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.TableCommand;
import dev.hangtime.simulator.RealTimeRunner;
import dev.hangtime.simulator.TableSimulation;
import dev.hangtime.simulator.ble.EmbeddedBus;
import dev.hangtime.simulator.ble.FakeBluez;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BLE link end to end: the real dbus-java code against the simulator's fake BlueZ on an
 * embedded bus, the table run by the wall clock.
 */
class BleTableLinkTest {

    /** A manual table with a buzzer, advertising as "Hangsense X3"; the user leans back to 10°. */
    private static final String SCENARIO = """
            description: BLE table
            seed: 11
            sensor:
              rate: 20
            ble:
              name: Hangsense X3
              address: C0:FF:EE:00:00:07
              rssi: -61
            user:
              start: at-once
              script:
                - tilt: 10
                - hold: 5m
            """;
    /**
     * A user who starts when the session does, and a radio that drops 1 s later, for 1 s (4 times
     * fast: 250 ms each). Tied to the session start, the drop cannot come before the link is up.
     */
    private static final String WITH_LINK_DROP = """
            description: BLE table, link drop
            seed: 12
            ble:
              name: Hangsense X3
              address: C0:FF:EE:00:00:07
            user:
              start: on-session
              reactionTime: 0s
              script:
                - tilt: 10
                - hold: 5m
            faults:
              - at: 1s
                fault: link-drop
                duration: 1s
            """;

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingListener events = new RecordingListener();
    private EmbeddedBus bus;
    private FakeBluez bluez;
    private RealTimeRunner runner;
    private BleTableLink link;

    private BleTableLink startLink(String scenario, String address, Duration scanTimeout) throws Exception {
        bus = EmbeddedBus.start(dir);
        TableSimulation table = new TableSimulation(ScenarioLoader.parse(new StringReader(scenario), "test.yaml", "ble"));
        bluez = FakeBluez.export(table, table.scenario().ble(), bus.address());
        runner = RealTimeRunner.start(table.clock(), 4.0);
        // a generous command timeout: these tests are about result codes, and the machine may be busy
        link = new BleTableLink(address, LinkOptions.defaults().withDbusAddress(bus.address())
                .withScanTimeout(scanTimeout).withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .withCommandTimeout(Duration.ofSeconds(8)),
                Clock.systemUTC(), registry);
        link.start(events);
        return link;
    }

    @AfterEach
    void tearDown() throws Exception {
        LinkThreads.closeAndAssertAllEnded("hangtime-link-ble", link, runner, bluez, bus);
    }

    @Test
    void firstTableFoundByItsServiceIsConnectedAndStreamsSamples() throws Exception {
        startLink(SCENARIO, null, Duration.ofSeconds(10));

        TableInfo info = events.next(LinkEvent.TableInfoReceived.class).info();
        events.next(LinkEvent.LinkUp.class);
        Sample sample = events.next(LinkEvent.SampleArrived.class).sample();

        assertEquals("Hangtime virtual table", info.model());
        assertEquals(20, info.sampleRateHz());
        assertEquals("BLE C0:FF:EE:00:00:07 (Hangsense X3)", link.describe());
        assertTrue(sample.calibrated());
        // the status is read once after connecting (it is notified only when it changes)
        assertEquals(TableStatus.FirmwareActivity.IDLE,
                events.firstOf(LinkEvent.TableStatusReceived.class).status().state());
    }

    @Test
    void commandsGoThroughTheControlPointAndTheirIndicationsCarryTheResult() throws Exception {
        startLink(SCENARIO, "C0:FF:EE:00:00:07", Duration.ofSeconds(10));
        events.next(LinkEvent.LinkUp.class);

        CommandResult upright = link.send(new TableCommand.ReturnToUpright()).get(10, TimeUnit.SECONDS);
        CommandResult alarm = link.send(new TableCommand.SoundAlarm(AlarmPriority.HIGH)).get(10, TimeUnit.SECONDS);
        CommandResult silence = link.send(new TableCommand.SilenceAlarm()).get(10, TimeUnit.SECONDS);

        assertEquals(CommandResult.Outcome.NOT_SUPPORTED, upright.outcome(), "a manual table cannot return itself");
        assertEquals(CommandResult.Outcome.SUCCESS, alarm.outcome());
        assertEquals(CommandResult.Outcome.SUCCESS, silence.outcome());
    }

    @Test
    void disconnectionIsALossAndTheLinkReconnectsAndSubscribesAgain() throws Exception {
        startLink(WITH_LINK_DROP, null, Duration.ofSeconds(10));
        events.next(LinkEvent.LinkUp.class);
        assertEquals(CommandResult.Outcome.SUCCESS,
                link.send(new TableCommand.StartSession()).get(10, TimeUnit.SECONDS).outcome());

        LinkEvent.LinkDown down = events.next(LinkEvent.LinkDown.class);
        assertTrue(down.reason().startsWith("BLE C0:FF:EE:00:00:07 (Hangsense X3): "), down.reason());
        assertFalse(link.isUp());

        events.next(LinkEvent.LinkUp.class);
        events.drain();
        // notifications flow again: the new connection subscribed anew
        events.next(LinkEvent.SampleArrived.class);
        CommandResult limits = link.send(new TableCommand.PushLimits(60, 300, 2000)).get(10, TimeUnit.SECONDS);
        assertEquals(CommandResult.Outcome.SUCCESS, limits.outcome(), "control was requested again");
        assertEquals(1.0, registry.get("hangtime.link.reconnects").counter().count());
    }

    @Test
    void namedTableThatIsNotInRangeIsReportedAfterTheScanTimeout() throws Exception {
        startLink(SCENARIO, "00:11:22:33:44:55", Duration.ofMillis(1500));

        LinkEvent.LinkDown down = events.next(LinkEvent.LinkDown.class);

        assertTrue(down.reason().startsWith("table 00:11:22:33:44:55 not found in Bluetooth range within 1 s"),
                down.reason());
    }

    @Test
    void bluezWithoutAnAdapterIsReportedAsNoAdapter() throws Exception {
        bus = EmbeddedBus.start(dir);
        try (AdapterlessBluez none = new AdapterlessBluez(bus.address(), Map.of())) {
            link = new BleTableLink(null, LinkOptions.defaults().withDbusAddress(bus.address()), Clock.systemUTC(),
                    registry);
            link.start(events);

            LinkEvent.LinkDown down = events.next(LinkEvent.LinkDown.class);

            assertTrue(down.reason().startsWith("no Bluetooth adapter: BlueZ on the D-Bus bus at " + bus.address()
                    + " has none"), down.reason());
        }
    }

    @Test
    void adapterSwitchedOffIsReportedWithHowToSwitchItOn() throws Exception {
        bus = EmbeddedBus.start(dir);
        Map<String, Variant<?>> adapter = Map.of("Address", new Variant<>("02:00:00:00:00:09"),
                "Powered", new Variant<>(false));
        try (AdapterlessBluez off = new AdapterlessBluez(bus.address(),
                Map.of(new DBusPath("/org/bluez/hci0"), Map.of("org.bluez.Adapter1", adapter)))) {
            link = new BleTableLink(null, LinkOptions.defaults().withDbusAddress(bus.address()), Clock.systemUTC(),
                    registry);
            link.start(events);

            LinkEvent.LinkDown down = events.next(LinkEvent.LinkDown.class);

            assertEquals("the Bluetooth adapter /org/bluez/hci0 is switched off (switch it on: bluetoothctl power on)",
                    down.reason());
        }
    }

    @Test
    void busWithoutBluezIsReportedAsBluezNotRunning() throws Exception {
        bus = EmbeddedBus.start(dir);
        link = new BleTableLink(null, LinkOptions.defaults().withDbusAddress(bus.address()), Clock.systemUTC(),
                registry);
        link.start(events);

        LinkEvent.LinkDown down = events.next(LinkEvent.LinkDown.class);

        assertTrue(down.reason().startsWith("BlueZ is not running: no org.bluez on the D-Bus bus at " + bus.address()),
                down.reason());
    }
}
