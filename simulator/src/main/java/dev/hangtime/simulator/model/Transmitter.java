package dev.hangtime.simulator.model;

import dev.hangtime.protocol.FrameCodec;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.Message;
import dev.hangtime.simulator.LineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * The table's transmitter and the line after it: it turns what the firmware sends into
 * {@link LineEvent}s and applies the line faults a scenario asks for — corrupted frames, noise
 * between frames, duplicated and reordered measurements, and the link going down and up. While the
 * link is down nothing passes (the firmware does not know; its sequence numbers keep counting, so
 * the companion sees the gap).
 *
 * <p>Events collect until {@link #drain()}; the simulation drains after each event of its clock.
 */
public final class Transmitter {

    private final LongSupplier nowNanos;
    private final Random random;
    private final List<LineEvent> outbox = new ArrayList<>();

    private boolean linkUp = true;
    private int corruptRemaining;
    private int duplicateRemaining;
    private int swapRemaining;
    private Measurement heldForSwap;

    private long framesSent;
    private long framesCorrupted;
    private long framesLostWhileDown;
    private long noiseBytes;

    public Transmitter(LongSupplier nowNanos, Random random) {
        this.nowNanos = nowNanos;
        this.random = random;
    }

    /** Sends a message through the faults in force. */
    public void send(Message message) {
        if (!linkUp) {
            framesLostWhileDown++;
            return;
        }
        if (message instanceof Measurement m) {
            if (swapRemaining > 0) {
                if (heldForSwap == null) {
                    heldForSwap = m; // sent after the next measurement
                    return;
                }
                Measurement earlier = heldForSwap;
                heldForSwap = null;
                swapRemaining--;
                emit(m);
                emit(earlier);
                return;
            }
            if (duplicateRemaining > 0) {
                duplicateRemaining--;
                emit(m);
                emit(m);
                return;
            }
        }
        emit(message);
    }

    /** Puts {@code count} random bytes on the line (they may contain delimiters). */
    public void noise(int count) {
        if (!linkUp) {
            return;
        }
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        noiseBytes += count;
        outbox.add(new LineEvent.Noise(nowNanos.getAsLong(), bytes));
    }

    /** Corrupts the next {@code frames} frames (one byte each, so that the CRC fails). */
    public void corruptNext(int frames) {
        corruptRemaining += frames;
    }

    /** Sends each of the next {@code frames} measurements twice. */
    public void duplicateNext(int frames) {
        duplicateRemaining += frames;
    }

    /** Swaps the next {@code pairs} pairs of consecutive measurements. */
    public void swapNext(int pairs) {
        swapRemaining += pairs;
    }

    public void linkDown(String reason) {
        if (!linkUp) {
            return;
        }
        linkUp = false;
        heldForSwap = null; // lost in the air with the link
        outbox.add(new LineEvent.LinkDown(nowNanos.getAsLong(), reason));
    }

    public void linkUp() {
        if (linkUp) {
            return;
        }
        linkUp = true;
        outbox.add(new LineEvent.LinkUp(nowNanos.getAsLong()));
    }

    public boolean isLinkUp() {
        return linkUp;
    }

    /** The events since the last drain, in order. */
    public List<LineEvent> drain() {
        if (outbox.isEmpty()) {
            return List.of();
        }
        List<LineEvent> events = List.copyOf(outbox);
        outbox.clear();
        return events;
    }

    public long framesSent() {
        return framesSent;
    }

    public long framesCorrupted() {
        return framesCorrupted;
    }

    public long framesLostWhileDown() {
        return framesLostWhileDown;
    }

    public long noiseBytes() {
        return noiseBytes;
    }

    private void emit(Message message) {
        long now = nowNanos.getAsLong();
        if (corruptRemaining > 0) {
            corruptRemaining--;
            framesCorrupted++;
            outbox.add(new LineEvent.CorruptFrame(now, message, corrupt(FrameCodec.encode(message))));
            return;
        }
        framesSent++;
        outbox.add(new LineEvent.Frame(now, message));
    }

    /**
     * Flips bits of one data byte of a COBS-encoded frame. COBS code bytes are left alone and no byte
     * becomes 0x00, so the frame keeps its length and boundaries and fails exactly its CRC-32C check
     * (which detects every error within one byte).
     */
    private byte[] corrupt(byte[] wire) {
        List<Integer> dataPositions = new ArrayList<>();
        int nextCode = 0;
        for (int i = 0; i < wire.length - 1; i++) { // the last byte is the delimiter
            if (i == nextCode) {
                nextCode = i + (wire[i] & 0xFF);
            } else {
                dataPositions.add(i);
            }
        }
        int at = dataPositions.get(random.nextInt(dataPositions.size()));
        int original = wire[at] & 0xFF;
        int replaced;
        do {
            replaced = original ^ (1 + random.nextInt(255));
        } while (replaced == 0);
        wire[at] = (byte) replaced;
        return wire;
    }
}
