package dev.hangtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    private static final Path HOME = Path.of("/home/user");

    @Test
    void theOptionWinsOverTheEnvironment() {
        DataDirectory resolved = DataDirectory.resolve("/srv/table",
                Map.of("HANGTIME_DATA_DIR", "/elsewhere", "XDG_DATA_HOME", "/xdg"), HOME);
        assertEquals(Path.of("/srv/table"), resolved.directory());
        assertEquals(Path.of("/srv/table/hangtime.db"), resolved.databaseFile());
        assertEquals("--data-dir", resolved.origin());
    }

    @Test
    void theEnvironmentVariableWinsOverXdg() {
        DataDirectory resolved = DataDirectory.resolve(null,
                Map.of("HANGTIME_DATA_DIR", "/var/lib/hangtime", "XDG_DATA_HOME", "/xdg"), HOME);
        assertEquals(Path.of("/var/lib/hangtime"), resolved.directory());
        assertEquals("HANGTIME_DATA_DIR", resolved.origin());
    }

    @Test
    void xdgDataHomeIsUsedWhenAbsolute() {
        DataDirectory resolved = DataDirectory.resolve(" ", Map.of("XDG_DATA_HOME", "/xdg/data"), HOME);
        assertEquals(Path.of("/xdg/data/hangtime"), resolved.directory());
    }

    @Test
    void aRelativeXdgDataHomeIsIgnoredAsTheSpecAsks() {
        DataDirectory resolved = DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "relative/data"), HOME);
        assertEquals(Path.of("/home/user/.local/share/hangtime"), resolved.directory());
        assertEquals("the XDG default", resolved.origin());
    }

    @Test
    void withNothingSetItIsUnderTheHomeDirectory() {
        assertEquals(Path.of("/home/user/.local/share/hangtime/hangtime.db"),
                DataDirectory.resolve(null, Map.of(), HOME).databaseFile());
    }
}
