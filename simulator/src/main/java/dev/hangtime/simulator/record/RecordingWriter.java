package dev.hangtime.simulator.record;

import dev.hangtime.protocol.FrameCodec;
import dev.hangtime.simulator.LineEvent;
import dev.hangtime.simulator.TableOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Records what a simulated table sends, with simulated timestamps, in {@link RecordingFormat}.
 * It writes to {@code FILE.partial} and moves it to {@code FILE} only on {@link #close()}, so a
 * recording that exists is complete; a run killed hard leaves the {@code .partial} file, named as
 * what it is.
 */
public final class RecordingWriter implements TableOutput, AutoCloseable {

    private final Path target;
    private final Path partial;
    private final BufferedWriter out;
    private long events;
    private boolean closed;
    private IOException failure;

    private RecordingWriter(Path target, Path partial, BufferedWriter out) {
        this.target = target;
        this.partial = partial;
        this.out = out;
    }

    /**
     * Starts a recording to {@code file}.
     *
     * @param source what is recorded, noted in a comment line (a scenario name)
     */
    public static RecordingWriter create(Path file, String source) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
        out.write(RecordingFormat.HEADER);
        out.newLine();
        out.write("# source: " + source.replaceAll("[\\r\\n]", " "));
        out.newLine();
        return new RecordingWriter(file, partial, out);
    }

    @Override
    public synchronized void onLineEvent(LineEvent event) {
        if (closed || failure != null) {
            return;
        }
        StringBuilder line = new StringBuilder(RecordingFormat.millis(event.atNanos())).append(' ');
        if (event instanceof LineEvent.Frame f) {
            line.append("frame ").append(RecordingFormat.HEX.formatHex(FrameCodec.encode(f.message())));
        } else if (event instanceof LineEvent.CorruptFrame c) {
            line.append("corrupt ").append(RecordingFormat.HEX.formatHex(c.wireBytes()));
        } else if (event instanceof LineEvent.Noise n) {
            line.append("noise ").append(RecordingFormat.HEX.formatHex(n.bytes()));
        } else if (event instanceof LineEvent.LinkDown d) {
            line.append("link-down ").append(d.reason().replaceAll("[\\r\\n]", " "));
        } else if (event instanceof LineEvent.LinkUp) {
            line.append("link-up");
        }
        try {
            out.write(line.toString());
            out.newLine();
            events++;
        } catch (IOException e) {
            failure = e; // reported by close(); the table must not stop because its recorder failed
        }
    }

    /** Events written so far. */
    public synchronized long events() {
        return events;
    }

    /** Completes the recording: flushes it and moves it into place. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IOException("the recording " + partial + " is incomplete: " + failure.getMessage(), failure);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** For callers that cannot throw (a shutdown hook). */
    public void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
