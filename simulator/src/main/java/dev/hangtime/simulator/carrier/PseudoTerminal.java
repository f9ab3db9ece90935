package dev.hangtime.simulator.carrier;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Structure;
import java.io.IOException;

/**
 * A real pseudo-terminal pair opened through the C library (posix_openpt, grantpt, unlockpt,
 * ptsname). The simulator holds the master side; any program that can open a serial port opens
 * {@link #slavePath()} (for example {@code /dev/pts/5}) and talks to the simulated table.
 *
 * <p>The slave side is put in raw mode with {@code cfmakeraw} so that every byte passes unaltered
 * (no CR/LF translation, no echo, no signal characters): the protocol's frames are binary. The
 * simulator keeps its own descriptor of the slave open for the lifetime of the pair, so reads on the
 * master never fail with EIO while no client is attached, and the raw settings persist between
 * clients.
 *
 * <p>The master is non-blocking: a UART transmits whether or not anyone listens, so when the pty's
 * buffer is full (no client reading) {@link #write} drops the rest and reports how much it took,
 * instead of stalling the simulated table. Linux only (the constants below are Linux's).
 */
public final class PseudoTerminal implements AutoCloseable {

    // <fcntl.h>, <poll.h>, <termios.h>, <errno.h> on Linux (identical on x86-64, arm and arm64)
    private static final int O_RDWR = 0x2;
    private static final int O_NOCTTY = 0x100;
    private static final int O_NONBLOCK = 0x800;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int TCSANOW = 0;
    private static final short POLLIN = 0x1;
    private static final short POLLERR = 0x8;
    private static final short POLLHUP = 0x10;
    private static final int EINTR = 4;
    private static final int EIO = 5;
    private static final int EAGAIN = 11;
    /** sizeof(struct termios) is 60 on Linux; a larger opaque buffer is safe for tcgetattr/cfmakeraw. */
    private static final int TERMIOS_BUFFER = 128;

    /** The few libc functions needed; JNA keeps errno per thread for {@link Native#getLastError()}. */
    interface LibC extends Library {
        int posix_openpt(int flags);

        int grantpt(int fd);

        int unlockpt(int fd);

        String ptsname(int fd);

        int open(String path, int flags);

        int close(int fd);

        NativeLong read(int fd, byte[] buffer, NativeLong count);

        NativeLong write(int fd, byte[] buffer, NativeLong count);

        int fcntl(int fd, int command, int argument);

        int tcgetattr(int fd, byte[] termios);

        int tcsetattr(int fd, int optionalActions, byte[] termios);

        void cfmakeraw(byte[] termios);

        int poll(PollFd pollFd, int count, int timeoutMs);
    }

    /** struct pollfd { int fd; short events; short revents; }. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    public static final class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }

    private static volatile LibC libc;

    private final int masterFd;
    private final int slaveFd;
    private final String slavePath;
    private final PollFd pollFd = new PollFd();
    private volatile boolean closed;

    private PseudoTerminal(int masterFd, int slaveFd, String slavePath) {
        this.masterFd = masterFd;
        this.slaveFd = slaveFd;
        this.slavePath = slavePath;
    }

    /** Opens a new pair, raw and ready; throws with the failing call and errno when the OS refuses. */
    public static PseudoTerminal open() throws IOException {
        if (!Platform.isLinux()) {
            throw new IOException("the simulator's pseudo-terminal needs Linux (this is " + System.getProperty("os.name") + ")");
        }
        LibC c = libc();
        int master = c.posix_openpt(O_RDWR | O_NOCTTY);
        if (master < 0) {
            throw failure("posix_openpt");
        }
        int slave = -1;
        try {
            check(c.grantpt(master), "grantpt");
            check(c.unlockpt(master), "unlockpt");
            String path = c.ptsname(master);
            if (path == null) {
                throw failure("ptsname");
            }
            slave = c.open(path, O_RDWR | O_NOCTTY);
            if (slave < 0) {
                throw failure("open " + path);
            }
            byte[] termios = new byte[TERMIOS_BUFFER];
            check(c.tcgetattr(slave, termios), "tcgetattr");
            c.cfmakeraw(termios);
            check(c.tcsetattr(slave, TCSANOW, termios), "tcsetattr");
            int flags = c.fcntl(master, F_GETFL, 0);
            check(flags, "fcntl(F_GETFL)");
            check(c.fcntl(master, F_SETFL, flags | O_NONBLOCK), "fcntl(F_SETFL, O_NONBLOCK)");
            return new PseudoTerminal(master, slave, path);
        } catch (IOException | RuntimeException e) {
            if (slave >= 0) {
                c.close(slave);
            }
            c.close(master);
            throw e;
        }
    }

    /** The path a client opens, e.g. {@code /dev/pts/5}. */
    public String slavePath() {
        return slavePath;
    }

    /**
     * Writes as much of {@code bytes[off, off+len)} as the pty accepts now.
     *
     * @return the number of bytes taken; less than {@code len} when the buffer is full (nobody reads)
     */
    public int write(byte[] bytes, int off, int len) throws IOException {
        byte[] chunk = off == 0 && len == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, off, off + len);
        int written = 0;
        while (written < len && !closed) {
            byte[] rest = written == 0 ? chunk : java.util.Arrays.copyOfRange(chunk, written, len);
            long n = libc().write(masterFd, rest, new NativeLong(rest.length)).longValue();
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno == EINTR) {
                    continue;
                }
                if (errno == EAGAIN) {
                    break;
                }
                throw new IOException("write to pseudo-terminal failed, errno " + errno);
            }
            written += (int) n;
        }
        return written;
    }

    /**
     * Waits up to {@code timeoutMs} for bytes from the client and reads them.
     *
     * @return bytes read (0 when none arrived in time), or -1 once closed
     */
    public int read(byte[] buffer, int timeoutMs) throws IOException {
        if (closed) {
            return -1;
        }
        pollFd.fd = masterFd;
        pollFd.events = POLLIN;
        pollFd.revents = 0;
        int ready = libc().poll(pollFd, 1, timeoutMs);
        if (closed) {
            return -1;
        }
        if (ready < 0) {
            int errno = Native.getLastError();
            if (errno == EINTR) {
                return 0;
            }
            throw new IOException("poll on pseudo-terminal failed, errno " + errno);
        }
        if (ready == 0 || (pollFd.revents & (POLLIN | POLLERR | POLLHUP)) == 0) {
            return 0;
        }
        long n = libc().read(masterFd, buffer, new NativeLong(buffer.length)).longValue();
        if (n < 0) {
            int errno = Native.getLastError();
            // EIO cannot happen while our own slave descriptor is open; treat it like "nothing yet"
            if (errno == EAGAIN || errno == EINTR || errno == EIO) {
                return 0;
            }
            throw new IOException("read from pseudo-terminal failed, errno " + errno);
        }
        return (int) n;
    }

    /**
     * Closes both sides; a client's descriptor then sees end of file or EIO. Idempotent. Stop any
     * thread blocked in {@link #read} first (it returns within its timeout), so that no call runs on a
     * descriptor number the OS may hand out again.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        libc().close(slaveFd);
        libc().close(masterFd);
    }

    private static LibC libc() {
        LibC c = libc;
        if (c == null) {
            synchronized (PseudoTerminal.class) {
                c = libc;
                if (c == null) {
                    c = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
                    libc = c;
                }
            }
        }
        return c;
    }

    private static void check(int result, String call) throws IOException {
        if (result < 0) {
            throw failure(call);
        }
    }

    private static IOException failure(String call) {
        return new IOException(call + " failed, errno " + Native.getLastError());
    }
}
