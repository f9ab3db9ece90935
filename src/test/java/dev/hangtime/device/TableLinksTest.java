package dev.hangtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class TableLinksTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void serialSpecOpensASerialLinkNamedAfterItsPort() {
        try (TableLink link = TableLinks.open(DeviceSpec.parse("serial:/dev/ttyUSB3"), LinkOptions.defaults(),
                Clock.systemUTC(), registry)) {
            assertEquals("serial /dev/ttyUSB3", link.describe());
        }
    }

    @Test
    void bleSpecOpensABleLinkNamedAfterItsAddressUntilItHasFoundTheTable() {
        try (TableLink any = TableLinks.open(DeviceSpec.parse("ble"), LinkOptions.defaults(), Clock.systemUTC(), registry);
             TableLink one = TableLinks.open(DeviceSpec.parse("ble:aa:bb:cc:dd:ee:ff"), LinkOptions.defaults(),
                     Clock.systemUTC(), registry)) {
            assertEquals("BLE (first table found)", any.describe());
            assertEquals("BLE AA:BB:CC:DD:EE:FF", one.describe());
        }
    }

    @Test
    void simulatorIsNotOpenedHereButByTheCli() {
        assertThrows(IllegalArgumentException.class, () -> TableLinks.open(DeviceSpec.simulator(),
                LinkOptions.defaults(), Clock.systemUTC(), registry));
    }
}
