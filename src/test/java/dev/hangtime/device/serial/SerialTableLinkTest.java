package dev.hangtime.device.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.device.CommandResult;
import dev.hangtime.device.LinkEvent;
import dev.hangtime.device.LinkException;
import dev.hangtime.device.LinkOptions;
import dev.hangtime.device.LinkThreads;
import dev.hangtime.device.RecordingListener;
import dev.hangtime.device.TableInfo;
import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.TableCommand;
import dev.hangtime.protocol.BodyCodec;
import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.FrameCodec;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.MeasurementFlags;
import dev.hangtime.protocol.MessageType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jssc.SerialPort;
import jssc.SerialPortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial link end to end: jssc opens the simulator's real pseudo-terminal, frames cross it
 * both ways, and pulling the "adapter" (closing the pty) is a loss the link recovers from.
 */
class SerialTableLinkTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_800_000_000_000L), ZoneOffset.UTC);
    private static final LinkOptions OPTIONS = LinkOptions.defaults()
            .withCommandTimeout(Duration.ofSeconds(5))
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
            .withProbeInterval(Duration.ofMillis(50));

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingListener events = new RecordingListener();
    private PtyTable table;
    private SerialTableLink link;

    private SerialTableLink startLink(Path port) {
        link = new SerialTableLink(port.toString(), OPTIONS, CLOCK, registry);
        link.start(events);
        return link;
    }

    @AfterEach
    void tearDown() throws Exception {
        LinkThreads.closeAndAssertAllEnded("hangtime-link-serial", link, table);
    }

    private static CommandResult await(CompletableFuture<CommandResult> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void linkComesUpOverThePseudoTerminalAndDeliversSamples() throws Exception {
        table = new PtyTable(dir.resolve("ttyTable"));
        startLink(table.path());

        TableInfo info = events.next(LinkEvent.TableInfoReceived.class).info();
        events.next(LinkEvent.LinkUp.class);
        table.send(new Measurement(MeasurementFlags.CALIBRATED | MeasurementFlags.USER_SECURED, 9, 5_000, 3075,
                12_000, 0));

        Sample s = events.next(LinkEvent.SampleArrived.class).sample();
        assertEquals("Pty table", info.model());
        assertEquals(50, info.sampleRateHz());
        assertEquals(new Sample(9, 5_000, CLOCK.millis(), 30.75, 12_000, true, true, false, false), s);
        assertEquals("serial " + table.path(), link.describe());
        assertEquals(ControlCommand.OpCode.READ_DEVICE_INFO, table.nextRequest().command().opCode());
        assertEquals(ControlCommand.OpCode.REQUEST_CONTROL, table.nextRequest().command().opCode());
        assertTrue(table.badFrames.isEmpty(), "every frame the link wrote decoded: " + table.badFrames);
    }

    @Test
    void commandRoundTripCarriesTheTablesResultCode() throws Exception {
        table = new PtyTable(dir.resolve("ttyTable"));
        startLink(table.path());
        events.next(LinkEvent.LinkUp.class);

        CommandResult upright = await(link.send(new TableCommand.ReturnToUpright()));
        CommandResult alarm = await(link.send(new TableCommand.SoundAlarm(AlarmPriority.HIGH)));

        assertEquals(CommandResult.Outcome.NOT_SUPPORTED, upright.outcome(), "a manual table cannot return itself");
        assertEquals(CommandResult.Outcome.SUCCESS, alarm.outcome());
        table.nextRequest();
        table.nextRequest();
        table.nextRequest();
        assertEquals(new ControlCommand.SetAlarm(ControlCommand.AlarmPattern.HIGH), table.nextRequest().command());
    }

    @Test
    void garbageAndACorruptFrameAreCountedAndTheNextFrameStillArrives() throws Exception {
        table = new PtyTable(dir.resolve("ttyTable"));
        startLink(table.path());
        events.next(LinkEvent.LinkUp.class);

        // PROTOCOL.md §5: type | body | CRC-32C little-endian; this one's CRC is off by one
        byte[] body = BodyCodec.encode(new Measurement(0, 1, 1, 100, 0, 0));
        byte[] frame = new byte[1 + body.length + 4];
        frame[0] = (byte) MessageType.MEASUREMENT.code();
        System.arraycopy(body, 0, frame, 1, body.length);
        int wrongCrc = FrameCodec.crc32c(frame, 0, 1 + body.length) + 1;
        for (int i = 0; i < 4; i++) {
            frame[1 + body.length + i] = (byte) (wrongCrc >>> (8 * i));
        }
        table.sendRaw(new byte[] {0x13, 0x37, 0x00});
        table.sendRaw(FrameCodec.wrap(frame, frame.length));
        table.send(new Measurement(0, 2, 2, 200, 0, 0));

        Sample s = events.next(LinkEvent.SampleArrived.class).sample();
        assertEquals(2, s.sequence(), "the corrupt frame was dropped, the next one decoded");
        double discarded = registry.find("hangtime.link.decode.errors").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        assertEquals(2.0, discarded, "the garbage and the corrupt frame");
        assertEquals(1.0, registry.get("hangtime.link.decode.errors").tag("kind", "bad_crc").counter().count());
    }

    @Test
    void unpluggingIsALinkLossAndTheLinkReconnectsWhenThePortReturns() throws Exception {
        table = new PtyTable(dir.resolve("ttyTable"));
        startLink(table.path());
        events.next(LinkEvent.LinkUp.class);

        table.unplug();
        LinkEvent.LinkDown down = events.next(LinkEvent.LinkDown.class);
        assertTrue(down.reason().startsWith("serial " + table.path()), down.reason());
        assertFalse(link.isUp());
        assertEquals(CommandResult.Outcome.LINK_DOWN, await(link.send(new TableCommand.Heartbeat())).outcome());

        table.plugIn();
        events.next(LinkEvent.LinkUp.class);
        table.send(new Measurement(0, 77, 77, 0, 0, 0));
        assertEquals(77, events.next(LinkEvent.SampleArrived.class).sample().sequence());
        assertEquals(CommandResult.Outcome.SUCCESS, await(link.send(new TableCommand.Heartbeat())).outcome());
        assertEquals(1.0, registry.get("hangtime.link.reconnects").counter().count());
    }

    @Test
    void missingPortIsReportedByNameAndRetried() throws Exception {
        Path missing = dir.resolve("ttyUSB9");
        startLink(missing);

        LinkEvent.LinkDown down = events.next(LinkEvent.LinkDown.class);

        assertTrue(down.reason().startsWith("no such serial port " + missing), down.reason());
        // the table appears later: the link finds it without being restarted
        table = new PtyTable(missing);
        events.next(LinkEvent.LinkUp.class);
    }

    @Test
    void fileThatIsNoTerminalIsReportedAsNotASerialPort() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a tty");
        startLink(file);

        assertEquals(file + " is not a serial port", events.next(LinkEvent.LinkDown.class).reason());
    }

    @Test
    void permissionAndBusyErrorsTellTheUserWhatToDo() {
        SerialTableLink l = new SerialTableLink("/dev/ttyUSB0", OPTIONS, CLOCK, registry);
        LinkException denied = l.explain(new SerialPortException(new SerialPort("/dev/ttyUSB0"), "openPort()",
                SerialPortException.TYPE_PERMISSION_DENIED));
        LinkException busy = l.explain(new SerialPortException(new SerialPort("/dev/ttyUSB0"), "openPort()",
                SerialPortException.TYPE_PORT_BUSY));

        assertEquals(LinkException.Problem.PERMISSION_DENIED, denied.problem());
        assertTrue(denied.getMessage().contains("permission denied on /dev/ttyUSB0"), denied.getMessage());
        assertTrue(denied.getMessage().contains("dialout"), denied.getMessage());
        assertEquals(LinkException.Problem.PORT_BUSY, busy.problem());
        assertTrue(busy.getMessage().contains("is busy: another program has it open"), busy.getMessage());
    }
}
