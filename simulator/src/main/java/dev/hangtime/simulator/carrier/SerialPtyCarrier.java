package dev.hangtime.simulator.carrier;

import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.DecodeError;
import dev.hangtime.protocol.DecodeListener;
import dev.hangtime.protocol.DecoderCounters;
import dev.hangtime.protocol.FrameCodec;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.StreamDecoder;
import dev.hangtime.simulator.LineEvent;
import dev.hangtime.simulator.SimulatedTable;
import dev.hangtime.simulator.TableOutput;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serial carrier: the table speaks PROTOCOL.md §5 framing on a {@link PseudoTerminal}, so any
 * program that opens a serial port (jssc, screen, a Python script) talks to it at
 * {@link #slavePath()}. Frames, corrupted frames and noise go out as bytes; bytes coming in go
 * through a {@link StreamDecoder}, and each control request reaches the table.
 *
 * <p>While the table's link is down (a link-drop fault: the cable is out; a reboot) nothing is
 * written and whatever arrives is discarded, as on an unplugged cable. When the line opens and each
 * time it comes back, the table sends one 0x00 first, so that a half-received frame in the
 * companion's buffer ends there instead of spoiling the first real frame (PROTOCOL.md §5.4).
 */
public final class SerialPtyCarrier implements TableOutput, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SerialPtyCarrier.class);
    /** How long the reader waits for bytes before checking whether it should stop. */
    private static final int READ_POLL_MS = 100;
    private static final byte[] FLUSH = {0x00};

    private final SimulatedTable table;
    private final PseudoTerminal pty;
    private final StreamDecoder decoder = new StreamDecoder();
    private final Thread reader;
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong bytesDropped = new AtomicLong();
    private final AtomicLong nonRequestsReceived = new AtomicLong();
    private volatile boolean linkUp;
    private volatile boolean running = true;

    private SerialPtyCarrier(SimulatedTable table, PseudoTerminal pty) {
        this.table = table;
        this.pty = pty;
        this.linkUp = table.linkUp();
        this.reader = new Thread(this::readLoop, "hangtime-sim-pty-reader");
        this.reader.setDaemon(true);
    }

    /** Opens a pseudo-terminal and serves {@code table} on it until closed. */
    public static SerialPtyCarrier open(SimulatedTable table) throws IOException {
        SerialPtyCarrier carrier = new SerialPtyCarrier(table, PseudoTerminal.open());
        carrier.write(FLUSH);
        table.addOutput(carrier);
        carrier.reader.start();
        return carrier;
    }

    /** The device path a client opens, e.g. {@code /dev/pts/5}. */
    public String slavePath() {
        return pty.slavePath();
    }

    /** Bytes the client could read. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** Bytes lost because nobody read and the pty's buffer was full. */
    public long bytesDropped() {
        return bytesDropped.get();
    }

    /** What the decoder of the incoming direction has seen (frames, errors by kind). */
    public DecoderCounters incomingCounters() {
        synchronized (decoder) {
            return decoder.counters();
        }
    }

    @Override
    public void onLineEvent(LineEvent event) {
        if (event instanceof LineEvent.Frame f) {
            write(FrameCodec.encode(f.message()));
        } else if (event instanceof LineEvent.CorruptFrame c) {
            write(c.wireBytes());
        } else if (event instanceof LineEvent.Noise n) {
            write(n.bytes());
        } else if (event instanceof LineEvent.LinkDown) {
            linkUp = false;
        } else if (event instanceof LineEvent.LinkUp) {
            linkUp = true;
            write(FLUSH);
        }
    }

    /** Stops serving: the reader stops first, then the pty closes (a client then reads EOF or EIO). */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        table.removeOutput(this);
        try {
            reader.join(READ_POLL_MS * 20L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pty.close();
    }

    private void write(byte[] bytes) {
        if (!linkUp || !running) {
            return;
        }
        try {
            int n = pty.write(bytes, 0, bytes.length);
            bytesWritten.addAndGet(n);
            if (n < bytes.length) {
                bytesDropped.addAndGet(bytes.length - n);
            }
        } catch (IOException e) {
            LOG.warn("writing to {} failed: {}", pty.slavePath(), e.getMessage());
        }
    }

    private void readLoop() {
        byte[] buffer = new byte[512];
        DecodeListener listener = new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                if (message instanceof ControlRequest request) {
                    table.receive(request);
                } else {
                    nonRequestsReceived.incrementAndGet();
                    LOG.debug("ignored a {} from the companion: a table only takes control requests", message.type());
                }
            }

            @Override
            public void onError(DecodeError error) {
                LOG.debug("undecodable bytes from the companion: {}", error.detail());
            }
        };
        while (running) {
            try {
                int n = pty.read(buffer, READ_POLL_MS);
                if (n < 0) {
                    return;
                }
                if (n > 0 && linkUp) {
                    synchronized (decoder) {
                        decoder.feed(buffer, 0, n, listener);
                    }
                }
            } catch (IOException e) {
                if (running) {
                    LOG.warn("reading {} failed: {}", pty.slavePath(), e.getMessage());
                }
                return;
            }
        }
    }
}
