package dev.hangtime.device.ble;

import java.io.IOException;
import java.nio.file.Path;
import org.freedesktop.dbus.bin.EmbeddedDBusDaemon;

/** A private D-Bus bus for one test: dbus-java's embedded daemon on a socket in a temp directory. */
public final class EmbeddedBus implements AutoCloseable {

    private final EmbeddedDBusDaemon daemon;
    private final String address;

    public EmbeddedBus(Path directory) {
        Path socket = directory.resolve("bus");
        address = "unix:path=" + socket;
        daemon = new EmbeddedDBusDaemon(address + ",listen=true");
        daemon.startInBackgroundAndWait(30_000);
    }

    /** What clients pass to connect, e.g. {@code unix:path=/tmp/junit123/bus}. */
    public String address() {
        return address;
    }

    @Override
    public void close() throws IOException {
        daemon.close();
    }
}
