package dev.hangtime.simulator.ble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.freedesktop.dbus.bin.EmbeddedDBusDaemon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private D-Bus bus daemon inside this JVM (dbus-java's {@link EmbeddedDBusDaemon}) listening on
 * a unix socket, for a fake BlueZ when no bus is given, and for tests. Clients connect with
 * {@link #address()}.
 */
public final class EmbeddedBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBus.class);
    /** How long to wait for the daemon to listen. */
    private static final long START_TIMEOUT_MS = 10_000;

    private final EmbeddedDBusDaemon daemon;
    private final Path socket;

    private EmbeddedBus(EmbeddedDBusDaemon daemon, Path socket) {
        this.daemon = daemon;
        this.socket = socket;
    }

    /**
     * Starts a bus whose socket is {@code directory/bus}. The path must be short (a unix socket path
     * holds at most 107 bytes).
     */
    public static EmbeddedBus start(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path socket = directory.toAbsolutePath().resolve("bus");
        if (socket.toString().length() > 100) {
            throw new IOException("socket path too long for a unix socket: " + socket);
        }
        Files.deleteIfExists(socket);
        EmbeddedDBusDaemon daemon = new EmbeddedDBusDaemon("unix:path=" + socket + ",listen=true");
        try {
            daemon.startInBackgroundAndWait(START_TIMEOUT_MS);
        } catch (IllegalStateException e) {
            daemon.close();
            throw new IOException("the embedded D-Bus daemon did not start: " + e.getMessage(), e);
        }
        return new EmbeddedBus(daemon, socket);
    }

    /** The address clients use, {@code unix:path=...}. */
    public String address() {
        return "unix:path=" + socket;
    }

    @Override
    public void close() {
        try {
            daemon.close();
        } catch (IOException e) {
            LOG.debug("closing the embedded bus: {}", e.toString());
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("removing {}: {}", socket, e.toString());
        }
    }
}
