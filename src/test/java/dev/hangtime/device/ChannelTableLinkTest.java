package dev.hangtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.TableCommand;
import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.FirmwareState;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.MeasurementFlags;
import dev.hangtime.protocol.Status;
import dev.hangtime.protocol.StatusFaults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The link core (handshake, request ids, timeouts, loss and reconnection) over a scripted table. */
class ChannelTableLinkTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);

    private final ScriptedTable table = new ScriptedTable();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingListener events = new RecordingListener();
    private ChannelTableLink link;

    private ChannelTableLink startLink(LinkOptions options) {
        link = new ChannelTableLink(table, CLOCK, options, registry);
        link.start(events);
        return link;
    }

    private ChannelTableLink startLink() {
        // a timeout no busy machine reaches by accident; backoff short so reconnects are prompt
        return startLink(LinkOptions.defaults().withCommandTimeout(Duration.ofSeconds(5))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(40)));
    }

    @AfterEach
    void closeLink() {
        if (link != null) {
            link.close();
        }
    }

    private static CommandResult await(CompletableFuture<CommandResult> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void linkReadsTheDeviceInfoTakesControlAndThenReportsUp() throws Exception {
        startLink();
        TableInfo info = events.next(LinkEvent.TableInfoReceived.class).info();
        events.next(LinkEvent.LinkUp.class);

        // PROTOCOL.md §4.4: the device info first, then Request Control
        assertInstanceOf(ControlCommand.ReadDeviceInfo.class, table.nextRequest().command());
        assertInstanceOf(ControlCommand.RequestControl.class, table.nextRequest().command());
        assertEquals(new TableInfo("Scripted table", "1.4.2", 1, 0, -80.0, 90.0, false, 20), info);
        assertTrue(link.isUp());
        assertEquals("simulator", link.describe());
    }

    @Test
    void eventsArriveOnTheLinksOwnThreadNotTheCarriers() throws Exception {
        startLink();
        events.next(LinkEvent.LinkUp.class);
        table.push(new Measurement(0, 1, 10, 0, 0, 0));
        events.next(LinkEvent.SampleArrived.class);
        assertNotSame(Thread.currentThread(), events.deliveringThread);
        assertEquals("hangtime-link-channel", events.deliveringThread.getName());
    }

    @Test
    void measurementBecomesASampleInDegreesStampedByTheLinksClock() throws Exception {
        startLink();
        events.next(LinkEvent.LinkUp.class);
        int flags = MeasurementFlags.CALIBRATED | MeasurementFlags.MOTORISED;
        table.push(new Measurement(flags, 42, 123_456L, 4550, 61_000L, 0));

        Sample s = events.next(LinkEvent.SampleArrived.class).sample();
        assertEquals(new Sample(42, 123_456L, CLOCK.millis(), 45.5, 61_000L, true, false, true, false), s);
        assertEquals(0.0, counter("hangtime.link.samples.missed"));
        assertEquals(0.0, registry.get("hangtime.link.last.sample.age").gauge().value());
    }

    @Test
    void statusBecomesATableStatusWithItsFaultsNamed() throws Exception {
        startLink();
        events.next(LinkEvent.LinkUp.class);
        table.push(new Status(Status.BATTERY_PRESENT, 17, StatusFaults.LOW_BATTERY | StatusFaults.HEARTBEAT_LOST,
                FirmwareState.ALARM));

        TableStatus status = events.next(LinkEvent.TableStatusReceived.class).status();
        assertEquals(17, status.batteryPercent().getAsInt());
        assertTrue(status.lowBattery());
        assertTrue(status.heartbeatLost());
        assertFalse(status.sensorFault());
        assertEquals(TableStatus.FirmwareActivity.ALARM, status.state());
    }

    @Test
    void commandCompletesWithTheTablesResultCode() throws Exception {
        table.answer(ControlCommand.OpCode.RETURN_TO_UPRIGHT, ControlResponse.ResultCode.OP_CODE_NOT_SUPPORTED)
                .answer(ControlCommand.OpCode.SET_ALARM, ControlResponse.ResultCode.SUCCESS);
        startLink();
        events.next(LinkEvent.LinkUp.class);

        CommandResult upright = await(link.send(new TableCommand.ReturnToUpright()));
        CommandResult alarm = await(link.send(new TableCommand.SoundAlarm(AlarmPriority.HIGH)));

        assertEquals(CommandResult.Outcome.NOT_SUPPORTED, upright.outcome());
        assertEquals(new TableCommand.ReturnToUpright(), upright.command());
        assertEquals(CommandResult.Outcome.SUCCESS, alarm.outcome());
        assertTrue(alarm.roundTripNanos() > 0);
        table.nextRequest();
        table.nextRequest();
        table.nextRequest();
        assertEquals(new ControlCommand.SetAlarm(ControlCommand.AlarmPattern.HIGH), table.nextRequest().command());
    }

    @Test
    void pushLimitsTravelInCentidegrees() throws Exception {
        table.answer(ControlCommand.OpCode.SET_LIMITS, ControlResponse.ResultCode.SUCCESS);
        startLink();
        events.next(LinkEvent.LinkUp.class);
        assertEquals(CommandResult.Outcome.SUCCESS,
                await(link.send(new TableCommand.PushLimits(60.25, 300, 2000))).outcome());
        table.nextRequest();
        table.nextRequest();
        assertEquals(new ControlCommand.SetLimits(6025, 300, 2000), table.nextRequest().command());
    }

    @Test
    void anAnswerCountsOnlyWithTheRequestsIdAndOpCode() throws Exception {
        table.ignore(ControlCommand.OpCode.START_SESSION);
        startLink(LinkOptions.defaults().withCommandTimeout(Duration.ofSeconds(30)));
        events.next(LinkEvent.LinkUp.class);
        table.nextRequest();
        table.nextRequest();

        CompletableFuture<CommandResult> start = link.send(new TableCommand.StartSession());
        ControlRequest request = table.nextRequest();
        int op = ControlCommand.OpCode.START_SESSION.code();
        table.push(new ControlResponse((request.requestId() + 1) % 256, op, ControlResponse.ResultCode.SUCCESS));
        table.push(new ControlResponse(request.requestId(), ControlCommand.OpCode.STOP_SESSION.code(),
                ControlResponse.ResultCode.SUCCESS));
        table.push(new ControlResponse(request.requestId(), op, ControlResponse.ResultCode.CONTROL_NOT_PERMITTED));

        assertEquals(CommandResult.Outcome.NOT_PERMITTED, await(start).outcome());
        assertEquals(2.0, counter("hangtime.link.unexpected.messages"), "a wrong id and a wrong op code");
    }

    @Test
    void oneRequestAtATimeAndAlarmsGoAheadOfTheQueue() throws Exception {
        table.ignore(ControlCommand.OpCode.START_SESSION).ignore(ControlCommand.OpCode.HEARTBEAT)
                .ignore(ControlCommand.OpCode.SET_ALARM);
        startLink(LinkOptions.defaults().withCommandTimeout(Duration.ofSeconds(30)));
        events.next(LinkEvent.LinkUp.class);
        table.nextRequest();
        table.nextRequest();

        CompletableFuture<CommandResult> start = link.send(new TableCommand.StartSession());
        ControlRequest first = table.nextRequest();
        CompletableFuture<CommandResult> heartbeat = link.send(new TableCommand.Heartbeat());
        CompletableFuture<CommandResult> alarm = link.send(new TableCommand.SoundAlarm(AlarmPriority.HIGH));
        // PROTOCOL.md §4.4: nothing more goes out while Start Session waits for its answer
        assertEquals(null, table.requests.poll(200, TimeUnit.MILLISECONDS));

        table.push(new ControlResponse(first.requestId(), first.command().opCodeByte(), ControlResponse.ResultCode.SUCCESS));
        ControlRequest second = table.nextRequest();
        assertEquals(new ControlCommand.SetAlarm(ControlCommand.AlarmPattern.HIGH), second.command(),
                "the alarm went ahead of the heartbeat queued before it");
        assertEquals((first.requestId() + 1) % 256, second.requestId(), "ids increment");
        table.push(new ControlResponse(second.requestId(), second.command().opCodeByte(), ControlResponse.ResultCode.SUCCESS));
        ControlRequest third = table.nextRequest();
        table.push(new ControlResponse(third.requestId(), third.command().opCodeByte(), ControlResponse.ResultCode.SUCCESS));

        assertEquals(new ControlCommand.Heartbeat(), third.command());
        assertEquals(CommandResult.Outcome.SUCCESS, await(start).outcome());
        assertEquals(CommandResult.Outcome.SUCCESS, await(alarm).outcome());
        assertEquals(CommandResult.Outcome.SUCCESS, await(heartbeat).outcome());
    }

    @Test
    void unansweredCommandCompletesWithTimeout() throws Exception {
        table.ignore(ControlCommand.OpCode.HEARTBEAT);
        startLink(LinkOptions.defaults().withCommandTimeout(Duration.ofMillis(200)));
        events.next(LinkEvent.LinkUp.class);

        CommandResult r = await(link.send(new TableCommand.Heartbeat()));

        assertEquals(CommandResult.Outcome.TIMEOUT, r.outcome());
        assertEquals(1.0, counter("hangtime.link.command.timeouts"));
        assertTrue(link.isUp(), "one unanswered command does not drop the link");
    }

    @Test
    void commandBeforeTheLinkIsUpCompletesWithLinkDownAtOnce() throws Exception {
        table.ignore(ControlCommand.OpCode.REQUEST_CONTROL);
        startLink(LinkOptions.defaults().withCommandTimeout(Duration.ofSeconds(30)));
        table.nextRequest();
        table.nextRequest();   // Request Control, never answered: the link stays short of up

        CommandResult r = await(link.send(new TableCommand.SoundAlarm(AlarmPriority.HIGH)));

        assertEquals(CommandResult.Outcome.LINK_DOWN, r.outcome());
        assertTrue(table.requests.isEmpty(), "nothing was sent");
    }

    @Test
    void limitsThatCannotBeEncodedAreRejectedWithoutBeingSent() throws Exception {
        startLink();
        events.next(LinkEvent.LinkUp.class);
        table.nextRequest();
        table.nextRequest();

        CommandResult r = await(link.send(new TableCommand.PushLimits(400.0, 300, 2000)));

        assertEquals(CommandResult.Outcome.INVALID_PARAMETER, r.outcome());
        assertEquals(0, r.roundTripNanos());
        assertTrue(table.requests.isEmpty());
    }

    @Test
    void linkLossFailsPendingCommandsReportsDownAndReconnectsWhenTheTableIsBack() throws Exception {
        table.ignore(ControlCommand.OpCode.TARE).ignore(ControlCommand.OpCode.START_SESSION);
        startLink(LinkOptions.defaults().withCommandTimeout(Duration.ofSeconds(30))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(40)));
        events.next(LinkEvent.LinkUp.class);
        CompletableFuture<CommandResult> pending = link.send(new TableCommand.StartSession());
        table.nextRequest();
        table.nextRequest();
        table.nextRequest();

        table.drop("radio dropout");

        assertEquals(CommandResult.Outcome.LINK_DOWN, await(pending).outcome());
        assertEquals("simulator: link down (radio dropout)", events.next(LinkEvent.LinkDown.class).reason());
        assertFalse(link.isUp());

        table.restore();
        events.next(LinkEvent.TableInfoReceived.class);
        events.next(LinkEvent.LinkUp.class);
        assertEquals(1.0, counter("hangtime.link.reconnects"));
        assertTrue(link.isUp());
    }

    @Test
    void sequenceGapsAreCountedWithTheSamplesTheyLost() throws Exception {
        startLink();
        events.next(LinkEvent.LinkUp.class);
        for (int seq : new int[] {65534, 65535, 0, 3, 4}) {   // wraps at 16 bits: 1 and 2 are lost
            table.push(new Measurement(0, seq, seq, 0, 0, 0));
        }
        for (int i = 0; i < 5; i++) {
            events.next(LinkEvent.SampleArrived.class);
        }
        assertEquals(1.0, counter("hangtime.link.sequence.gaps"));
        assertEquals(2.0, counter("hangtime.link.samples.missed"));
        assertEquals(8.0, counter("hangtime.link.frames"), "two handshake responses, the device info, five samples");
    }

    @Test
    void tableRefusingControlKeepsTheLinkDownWithAReason() throws Exception {
        table.answer(ControlCommand.OpCode.REQUEST_CONTROL, ControlResponse.ResultCode.CONTROL_NOT_PERMITTED);
        startLink();

        LinkEvent.LinkDown down = events.next(LinkEvent.LinkDown.class);

        assertTrue(down.reason().contains("did not grant control"), down.reason());
        assertFalse(link.isUp());
    }

    @Test
    void tableSpeakingAnotherMajorVersionIsRefused() throws Exception {
        table.reportInfo(new DeviceInfo(2, 0, "9.0", "Future table", 0, 9000, 0, 20));
        startLink();

        LinkEvent.LinkDown down = events.next(LinkEvent.LinkDown.class);

        assertTrue(down.reason().contains("speaks protocol 2.0"), down.reason());
        assertTrue(events.seen.stream().noneMatch(e -> e instanceof LinkEvent.LinkUp));
        assertTrue(table.requests.stream().noneMatch(r -> r.command() instanceof ControlCommand.RequestControl),
                "PROTOCOL.md §4.4: a companion stops before taking control of a table it cannot speak to");
    }

    @Test
    void closeCompletesPendingCommandsWithLinkDownAndClosesTheChannel() throws Exception {
        table.ignore(ControlCommand.OpCode.STOP_SESSION);
        startLink(LinkOptions.defaults().withCommandTimeout(Duration.ofSeconds(30)));
        events.next(LinkEvent.LinkUp.class);
        CompletableFuture<CommandResult> pending = link.send(new TableCommand.StopSession());
        table.nextRequest();
        table.nextRequest();
        table.nextRequest();

        link.close();

        assertEquals(CommandResult.Outcome.LINK_DOWN, await(pending).outcome());
        assertEquals(CommandResult.Outcome.LINK_DOWN, await(link.send(new TableCommand.Heartbeat())).outcome());
        assertTrue(table.closed);
        LinkThreads.assertAllEnded("hangtime-link-channel");
    }
}
