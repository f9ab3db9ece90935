package dev.hangtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.device.DeviceSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserConfigTest {

    @Test
    void deviceIsReadFromTheConfigFile() {
        assertEquals(DeviceSpec.serial("/dev/ttyUSB0"),
                UserConfig.parse("config.yaml", "# the table in the garage\ndevice: serial:/dev/ttyUSB0\n").device().orElseThrow());
        assertEquals(DeviceSpec.ble("AA:BB:CC:DD:EE:FF"),
                UserConfig.parse("config.yaml", "device: ble:aa:bb:cc:dd:ee:ff\n").device().orElseThrow());
    }

    @Test
    void emptyFileOrMissingFileMeansNoSettings(@TempDir Path dir) {
        assertTrue(UserConfig.parse("config.yaml", "# nothing yet\n").device().isEmpty());
        assertTrue(UserConfig.load(dir).device().isEmpty(), "no config.yaml in the directory");
    }

    @Test
    void deviceThatIsNotTextIsRefusedWithItsLine() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> UserConfig.parse("config.yaml", "\n\ndevice:\n  kind: serial\n"));
        assertTrue(e.getMessage().startsWith("config.yaml:3: field 'device' must be text"), e.getMessage());
    }

    @Test
    void listAtTheTopIsRefused() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> UserConfig.parse("config.yaml", "- device: sim\n"));
        assertTrue(e.getMessage().startsWith("config.yaml:1: expected settings"), e.getMessage());
    }
}
