package dev.hangtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceSpecTest {

    @Test
    void simParsesAsTheSimulator() {
        assertEquals(DeviceSpec.Kind.SIMULATOR, DeviceSpec.parse("sim").kind());
    }

    @Test
    void serialKeepsAnyPathIncludingAPseudoTerminal() {
        DeviceSpec spec = DeviceSpec.parse("serial:/dev/pts/7");
        assertEquals(DeviceSpec.Kind.SERIAL, spec.kind());
        assertEquals("/dev/pts/7", spec.serialPath());
    }

    @Test
    void bareBleMeansTheFirstTableFound() {
        DeviceSpec spec = DeviceSpec.parse("ble");
        assertEquals(DeviceSpec.Kind.BLE, spec.kind());
        assertNull(spec.bleAddress());
    }

    @Test
    void bleAddressIsNormalisedToUpperCase() {
        assertEquals("AA:BB:CC:0D:EE:FF", DeviceSpec.parse("ble:aa:bb:cc:0d:ee:ff").bleAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "serial:/dev/ttyUSB0", "ble", "ble:AA:BB:CC:DD:EE:FF"})
    void toStringParsesBackToTheSameSpec(String text) {
        DeviceSpec spec = DeviceSpec.parse(text);
        assertEquals(text, spec.toString());
        assertEquals(spec, DeviceSpec.parse(spec.toString()));
    }

    @Test
    void malformedBluetoothAddressIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceSpec.parse("ble:AA:BB:CC"));
        assertTrue(e.getMessage().contains("\"AA:BB:CC\" is not a Bluetooth address"), e.getMessage());
    }

    @Test
    void serialWithoutAPathSaysWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse("serial:"));
        assertTrue(e.getMessage().contains("serial needs a port path"), e.getMessage());
    }

    @Test
    void unknownCarrierListsTheValidForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse("usb:1"));
        assertTrue(e.getMessage().contains("sim, serial:PATH, ble, ble:AA:BB:CC:DD:EE:FF"), e.getMessage());
    }
}
