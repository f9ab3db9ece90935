package dev.hangtime.simulator.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.FrameCodec;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.MessageChannel;
import dev.hangtime.simulator.LineEvent;
import dev.hangtime.simulator.TableSimulation;
import dev.hangtime.simulator.carrier.InProcessChannel;
import dev.hangtime.simulator.scenario.ScenarioException;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {

    @TempDir
    Path dir;

    /** Records everything a carrier sees, with its simulated time. */
    private static final class Tap implements dev.hangtime.simulator.TableOutput {
        final List<LineEvent> events = new ArrayList<>();

        @Override
        public void onLineEvent(LineEvent e) {
            events.add(e);
        }
    }

    @Test
    void aRecordedSessionReplaysTheSameEventsAtTheSameTimes() throws Exception {
        // a scenario with every kind of line event: frames, corrupt frames, noise, link down and up
        TableSimulation table = new TableSimulation(ScenarioLoader.parse(new StringReader("""
                seed: 9
                user:
                  start: at-once
                  script:
                    - tilt: 20
                    - hold: 1h
                faults:
                  - {at: 2s, fault: garbage, bytes: 10}
                  - {at: 3s, fault: crc-errors, frames: 2}
                  - {at: 4s, fault: link-drop, duration: 1s}
                """), "all-events.yaml", "all-events"));
        Path file = dir.resolve("session.rec");
        Tap live = new Tap();
        table.addOutput(live);
        try (RecordingWriter recorder = RecordingWriter.create(file, "all-events")) {
            table.addOutput(recorder);
            assertFalse(Files.exists(file), "the recording appears only when complete");
            table.clock().advanceBy(Duration.ofSeconds(8));
        }
        assertTrue(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("session.rec.partial")));

        Recording recording = Recording.read(file, file.toString());
        Replay replay = new Replay(recording);
        Tap replayed = new Tap();
        replay.addOutput(replayed);
        replay.clock().advanceBy(Duration.ofSeconds(9));

        assertEquals(live.events.size(), replayed.events.size());
        for (int i = 0; i < live.events.size(); i++) {
            LineEvent a = live.events.get(i);
            LineEvent b = replayed.events.get(i);
            assertEquals(a.atNanos() / 1000, b.atNanos() / 1000, "microsecond timestamps, event " + i);
            assertEquals(a.getClass(), b.getClass(), "event " + i);
            if (a instanceof LineEvent.Frame fa) {
                assertEquals(fa.message(), ((LineEvent.Frame) b).message());
            } else if (a instanceof LineEvent.CorruptFrame ca) {
                assertArrayEquals(ca.wireBytes(), ((LineEvent.CorruptFrame) b).wireBytes());
            } else if (a instanceof LineEvent.Noise na) {
                assertArrayEquals(na.bytes(), ((LineEvent.Noise) b).bytes());
            } else if (a instanceof LineEvent.LinkDown da) {
                assertEquals(da.reason(), ((LineEvent.LinkDown) b).reason());
            }
        }
        assertTrue(live.events.stream().anyMatch(e -> e instanceof LineEvent.CorruptFrame));
        assertTrue(live.events.stream().anyMatch(e -> e instanceof LineEvent.Noise));
        assertTrue(live.events.stream().anyMatch(e -> e instanceof LineEvent.LinkUp));
    }

    @Test
    void aReplayThroughTheInProcessChannelIgnoresRequestsAndKeepsItsRecordedStatus() throws Exception {
        Path file = dir.resolve("morning.rec");
        TableSimulation table = new TableSimulation(ScenarioLoader.load("compliant-morning"));
        try (RecordingWriter recorder = RecordingWriter.create(file, "compliant-morning")) {
            table.addOutput(recorder);
            table.clock().advanceBy(Duration.ofSeconds(3));
        }
        Replay replay = new Replay(Recording.read(file, "morning.rec"));
        List<Message> got = new ArrayList<>();
        InProcessChannel channel = new InProcessChannel(replay);
        channel.open(new MessageChannel.Listener() {
            @Override
            public void onMessage(Message message) {
                got.add(message);
            }

            @Override
            public void onLinkDown(String reason) {
            }

            @Override
            public void onLinkUp() {
            }
        });
        channel.send(new ControlRequest(1, new ControlCommand.RequestControl()));
        channel.advanceBy(Duration.ofSeconds(5));
        assertEquals(60, got.stream().filter(m -> m instanceof Measurement).count(), "3 s at 20 Hz");
        assertEquals(1, replay.requestsIgnored());
        assertEquals(table.status(), replay.status());
        assertEquals(3_000_000_000L, replay.endNanos());
    }

    @Test
    void aFileThatIsNoRecordingIsRefusedAtLineOne() throws IOException {
        ScenarioException e = parseFails("user:\n  script: []\n");
        assertEquals(1, e.line());
        assertTrue(e.problem().contains("not a hangtime recording"), e.problem());
    }

    @Test
    void aTimeGoingBackwardsIsAnError() throws IOException {
        String frame = hexFrame();
        ScenarioException e = parseFails(RecordingFormat.HEADER + "\n10.000 frame " + frame + "\n9.500 frame " + frame + "\n");
        assertEquals(3, e.line());
        assertEquals("time", e.field());
    }

    @Test
    void anUnknownKindIsAnError() throws IOException {
        ScenarioException e = parseFails(RecordingFormat.HEADER + "\n# comment\n10.000 beep 00\n");
        assertEquals(3, e.line());
        assertEquals("kind", e.field());
        assertTrue(e.problem().contains("unknown kind 'beep'"), e.problem());
    }

    @Test
    void hexThatIsNotHexIsAnError() throws IOException {
        ScenarioException e = parseFails(RecordingFormat.HEADER + "\n10.000 noise 0g\n");
        assertEquals("noise", e.field());
        assertEquals(2, e.line());
    }

    @Test
    void aFrameThatDoesNotDecodeIsAnErrorAndNamesItsKind() throws IOException {
        byte[] wire = FrameCodec.encode(new ControlRequest(1, new ControlCommand.Heartbeat()));
        wire[2] ^= 0x01;
        ScenarioException e = parseFails(RecordingFormat.HEADER + "\n1.000 frame "
                + java.util.HexFormat.of().formatHex(wire) + "\n");
        assertEquals("frame", e.field());
        assertTrue(e.problem().contains("BAD_CRC"), e.problem());
    }

    @Test
    void aTimeThatIsNotANumberIsAnError() throws IOException {
        ScenarioException e = parseFails(RecordingFormat.HEADER + "\nsoon link-up\n");
        assertEquals("time", e.field());
        assertEquals(1, e.column());
    }

    @Test
    void aMissingFileIsNamed() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Recording.read(dir.resolve("none.rec"), "none.rec"));
        assertTrue(e.getMessage().startsWith("none.rec: no such file"), e.getMessage());
    }

    private static ScenarioException parseFails(String text) throws IOException {
        try {
            Recording.parse(new StringReader(text), "test.rec", "test");
        } catch (ScenarioException e) {
            return e;
        }
        throw new AssertionError("expected an error for:\n" + text);
    }

    private static String hexFrame() {
        return java.util.HexFormat.of().formatHex(FrameCodec.encode(new ControlRequest(1, new ControlCommand.Heartbeat())));
    }
}
