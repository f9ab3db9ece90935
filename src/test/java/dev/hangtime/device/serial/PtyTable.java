package dev.hangtime.device.serial;

import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.DecodeError;
import dev.hangtime.protocol.DecodeListener;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.FrameCodec;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.StreamDecoder;
import dev.hangtime.simulator.carrier.PseudoTerminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A manual (non-motorised) table on the far side of the simulator's real pseudo-terminal, speaking
 * the serial protocol: it answers each request, Return to Upright with OP_CODE_NOT_SUPPORTED, and
 * Read Device Info with the response and a Device Info frame. The test reaches it through a stable
 * symlink (as udev's /dev/serial/by-id/ names a USB adapter), so that "unplug" (close the pty) and
 * "plug back" (a new pty behind the same name) look to the link exactly like a USB adapter would.
 */
final class PtyTable implements AutoCloseable {

    static final DeviceInfo INFO = new DeviceInfo(DeviceInfo.PROTOCOL_MAJOR, 0, "2.0.1", "Pty table", -8000, 9000,
            DeviceInfo.BUZZER, 50);

    private final Path link;
    final BlockingQueue<ControlRequest> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<DecodeError> badFrames = new LinkedBlockingQueue<>();
    private volatile PseudoTerminal pty;
    private volatile Thread reader;
    private volatile java.util.concurrent.atomic.AtomicBoolean serving;

    PtyTable(Path link) throws IOException {
        this.link = link;
        plugIn();
    }

    Path path() {
        return link;
    }

    /** A new pseudo-terminal behind the symlink, with a thread that answers what arrives on it. */
    void plugIn() throws IOException {
        PseudoTerminal p = PseudoTerminal.open();
        pty = p;
        Path tmp = link.resolveSibling(link.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(p.slavePath()));
        Files.move(tmp, link, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        serving = running;
        Thread t = new Thread(() -> serve(p, running), "pty-table");
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    /** Closes the pseudo-terminal as a pulled USB adapter would vanish; the name stays, dangling. */
    void unplug() throws InterruptedException {
        // PseudoTerminal.close: stop the reader first, so no read runs on a reused descriptor
        serving.set(false);
        reader.join(10_000);
        pty.close();
    }

    private void serve(PseudoTerminal p, java.util.concurrent.atomic.AtomicBoolean running) {
        StreamDecoder decoder = new StreamDecoder();
        byte[] buffer = new byte[256];
        DecodeListener answer = new DecodeListener() {
            @Override
            public void onMessage(Message m) {
                if (m instanceof ControlRequest r) {
                    requests.add(r);
                    ControlResponse.ResultCode result = r.command() instanceof ControlCommand.ReturnToUpright
                            ? ControlResponse.ResultCode.OP_CODE_NOT_SUPPORTED : ControlResponse.ResultCode.SUCCESS;
                    // PROTOCOL.md §4.1: the Device Info frame, then the response
                    if (r.command() instanceof ControlCommand.ReadDeviceInfo) {
                        write(p, INFO);
                    }
                    write(p, new ControlResponse(r.requestId(), r.command().opCodeByte(), result));
                }
            }

            @Override
            public void onError(DecodeError e) {
                badFrames.add(e);
            }
        };
        try {
            int n;
            while (running.get() && (n = p.read(buffer, 50)) >= 0) {
                decoder.feed(buffer, 0, n, answer);
            }
        } catch (IOException e) {
            // closed under the reader: unplugged
        }
    }

    /** Sends a message as the table. */
    void send(Message m) {
        write(pty, m);
    }

    /** Sends raw bytes, garbage included. */
    void sendRaw(byte[] bytes) throws IOException {
        pty.write(bytes, 0, bytes.length);
    }

    private static void write(PseudoTerminal p, Message m) {
        byte[] frame = FrameCodec.encode(m);
        try {
            if (p.write(frame, 0, frame.length) != frame.length) {
                throw new AssertionError("the pty took only part of a frame");
            }
        } catch (IOException e) {
            throw new AssertionError("writing to the pty failed", e);
        }
    }

    ControlRequest nextRequest() throws InterruptedException {
        ControlRequest r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request within 10 s");
        }
        return r;
    }

    @Override
    public void close() throws InterruptedException {
        unplug();
    }
}
