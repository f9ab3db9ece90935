package dev.hangtime.device.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialPortsTest {

    @TempDir
    Path dev;

    @Test
    void usbAndAcmNodesAreListedAndOtherTtysAreNot() throws Exception {
        for (String name : List.of("ttyUSB0", "ttyACM12", "tty0", "ttyS1", "ttyUSBfoo", "null")) {
            Files.createFile(dev.resolve(name));
        }
        assertEquals(List.of(dev.resolve("ttyACM12").toString(), dev.resolve("ttyUSB0").toString()),
                SerialPorts.usbPorts(dev));
    }

    @Test
    void missingDeviceDirectoryListsNothing() {
        assertEquals(List.of(), SerialPorts.usbPorts(dev.resolve("absent")));
    }
}
