package dev.hangtime.simulator.record;

import dev.hangtime.protocol.DecodeError;
import dev.hangtime.protocol.DecodeListener;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.StreamDecoder;
import dev.hangtime.simulator.LineEvent;
import dev.hangtime.simulator.scenario.ScenarioException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recording read back: its events, in order, every one checked. A line that is not an event, a
 * time that goes backwards, hex that is not hex, a {@code frame} that does not decode to exactly one
 * message: each is a {@link ScenarioException} naming the file, line and field. Nothing is replayed
 * from a file with an error.
 *
 * @param name   the file name without extension
 * @param events the events, times in nanoseconds from the recording's start
 */
public record Recording(String name, List<LineEvent> events) {

    public Recording {
        events = List.copyOf(events);
    }

    /** Reads and checks a recording file. */
    public static Recording read(Path file, String shownAs) throws ScenarioException {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(shownAs, 0, 0, "", "no such file");
        }
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, shownAs, dot > 0 ? fileName.substring(0, dot) : fileName);
        } catch (MalformedInputException e) {
            throw new ScenarioException(shownAs, 0, 0, "", "not a text file (invalid UTF-8)");
        } catch (IOException e) {
            throw new ScenarioException(shownAs, 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    /** Parses a recording from {@code reader}; {@code file} is the name shown in errors. */
    public static Recording parse(Reader reader, String file, String name) throws ScenarioException, IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String first = in.readLine();
        if (first == null || !first.strip().equals(RecordingFormat.HEADER)) {
            throw new ScenarioException(file, 1, 1, "", "not a hangtime recording: the first line must be '"
                    + RecordingFormat.HEADER + "'");
        }
        List<LineEvent> events = new ArrayList<>();
        long lastNanos = 0;
        int lineNo = 1;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split(" ", 3);
            long nanos = time(parts[0], file, lineNo);
            if (nanos < lastNanos) {
                throw new ScenarioException(file, lineNo, 1, "time", parts[0] + " ms is before the previous event ("
                        + RecordingFormat.millis(lastNanos) + " ms)");
            }
            lastNanos = nanos;
            if (parts.length < 2) {
                throw new ScenarioException(file, lineNo, parts[0].length() + 1, "kind",
                        "missing; expected frame, corrupt, noise, link-down or link-up");
            }
            String kind = parts[1];
            String arg = parts.length > 2 ? parts[2] : "";
            int argColumn = parts[0].length() + kind.length() + 3;
            switch (kind) {
                case "frame" -> events.add(new LineEvent.Frame(nanos, frame(hex(arg, file, lineNo, argColumn, "frame"),
                        file, lineNo, argColumn)));
                case "corrupt" -> events.add(new LineEvent.CorruptFrame(nanos, null,
                        hex(arg, file, lineNo, argColumn, "corrupt")));
                case "noise" -> events.add(new LineEvent.Noise(nanos, hex(arg, file, lineNo, argColumn, "noise")));
                case "link-down" -> events.add(new LineEvent.LinkDown(nanos, arg.isEmpty() ? "link lost" : arg));
                case "link-up" -> {
                    if (!arg.isEmpty()) {
                        throw new ScenarioException(file, lineNo, argColumn, "link-up", "takes no argument, got '" + arg + "'");
                    }
                    events.add(new LineEvent.LinkUp(nanos));
                }
                default -> throw new ScenarioException(file, lineNo, parts[0].length() + 2, "kind", "unknown kind '" + kind
                        + "'; expected frame, corrupt, noise, link-down or link-up");
            }
        }
        return new Recording(name, events);
    }

    private static long time(String text, String file, int line) throws ScenarioException {
        if (!text.matches("\\d{1,12}(\\.\\d{1,6})?")) {
            throw new ScenarioException(file, line, 1, "time", "'" + text
                    + "' is not a time in milliseconds (e.g. 1250.000)");
        }
        int dot = text.indexOf('.');
        long whole = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        long nanosFraction = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000").substring(0, 6));
        return whole * 1_000_000L + nanosFraction;
    }

    private static byte[] hex(String text, String file, int line, int column, String field) throws ScenarioException {
        if (text.isEmpty() || text.length() % 2 != 0 || !text.matches("[0-9a-fA-F]+")) {
            throw new ScenarioException(file, line, column, field, "needs an even number of hex digits, got '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
        return RecordingFormat.HEX.parseHex(text.toLowerCase(java.util.Locale.ROOT));
    }

    private static Message frame(byte[] wire, String file, int line, int column) throws ScenarioException {
        List<Message> messages = new ArrayList<>();
        List<DecodeError> errors = new ArrayList<>();
        new StreamDecoder().feed(wire, new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                messages.add(message);
            }

            @Override
            public void onError(DecodeError error) {
                errors.add(error);
            }
        });
        if (!errors.isEmpty()) {
            throw new ScenarioException(file, line, column, "frame", "does not decode: " + errors.get(0).kind() + " ("
                    + errors.get(0).detail() + "); a damaged frame is recorded as 'corrupt'");
        }
        if (messages.size() != 1 || wire[wire.length - 1] != 0) {
            throw new ScenarioException(file, line, column, "frame", "must hold exactly one whole frame ending in 00, held "
                    + messages.size());
        }
        return messages.get(0);
    }
}
