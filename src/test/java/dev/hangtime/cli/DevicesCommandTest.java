package dev.hangtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.simulator.RealTimeRunner;
import dev.hangtime.simulator.TableSimulation;
import dev.hangtime.simulator.ble.EmbeddedBus;
import dev.hangtime.simulator.ble.FakeBluez;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** {@code hangtime devices}: what it lists, and the exit code and line for each thing that can be wrong. */
class DevicesCommandTest extends CliTestBase {

    @Test
    void serialOnlyListingNeedsNoBluetoothAndExitsZero() {
        assertEquals(0, run("devices", "--no-ble"));
        assertTrue(out.toString().startsWith("Serial ports:"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void busWithoutBluezSaysBluezIsNotRunningAndExitsOne() throws Exception {
        try (EmbeddedBus bus = EmbeddedBus.start(dir)) {
            assertEquals(HangtimeCommand.EXIT_FAILURE, run("devices", "--no-serial", "--dbus-address", bus.address()));
            assertTrue(err.toString().startsWith("hangtime: BlueZ is not running: no org.bluez on the D-Bus bus at "
                    + bus.address()), err.toString());
        }
    }

    @Test
    void tableInRangeIsListedWithNameAddressSignalAndItsDeviceOption() throws Exception {
        TableSimulation table = new TableSimulation(ScenarioLoader.load("compliant-morning"));
        try (EmbeddedBus bus = EmbeddedBus.start(dir);
             FakeBluez bluez = FakeBluez.export(table, table.scenario().ble(), bus.address());
             RealTimeRunner runner = RealTimeRunner.start(table.clock(), 1.0)) {
            assertEquals(0, run("devices", "--no-serial", "--dbus-address", bus.address(), "--scan-timeout", "1s"));
        }
        String listing = out.toString();
        assertTrue(listing.startsWith("Tables in Bluetooth range (scanned 1 s on " ), listing);
        assertTrue(listing.matches("(?s).*\\n  Hangtime Table +C0:FF:EE:00:00:01   -58 dBm    --device ble:C0:FF:EE:00:00:01\\n.*"),
                listing);
    }

    @Test
    void unreachableBusIsNamedAndExitsOne() {
        String address = "unix:path=" + dir.resolve("no-bus-here");
        assertEquals(HangtimeCommand.EXIT_FAILURE, run("devices", "--no-serial", "--dbus-address", address));
        assertTrue(err.toString().startsWith("hangtime: cannot reach the D-Bus bus at " + address), err.toString());
    }

    @Test
    void malformedBusAddressIsBadInput() {
        assertEquals(HangtimeCommand.EXIT_BAD_INPUT, run("devices", "--dbus-address", "nonsense"));
        assertTrue(err.toString().contains("--dbus-address: \"nonsense\" is not a D-Bus address"), err.toString());
        assertEquals("", out.toString(), "nothing listed before the arguments were checked");
    }

    @Test
    void malformedScanTimeoutIsBadInput() {
        assertEquals(HangtimeCommand.EXIT_BAD_INPUT, run("devices", "--scan-timeout", "soon"));
        assertTrue(err.toString().contains("--scan-timeout: \"soon\" is not a duration"), err.toString());
    }

    @Test
    void aScanTimeoutTooLongForANumberIsBadInputNotACrash() {
        assertEquals(HangtimeCommand.EXIT_BAD_INPUT, run("devices", "--no-ble", "--scan-timeout", "99999999999999999999s"));
        assertTrue(err.toString().contains("--scan-timeout: 99999999999999999999s is outside 100ms..600s"),
                err.toString());
    }

    @Test
    void scanTimeoutAcceptsSecondsAndMilliseconds() {
        assertEquals(java.time.Duration.ofMillis(1500), DevicesCommand.parseTimeout("1500ms"));
        assertEquals(java.time.Duration.ofSeconds(7), DevicesCommand.parseTimeout("7s"));
        assertEquals(java.time.Duration.ofSeconds(3), DevicesCommand.parseTimeout("3"));
    }
}
