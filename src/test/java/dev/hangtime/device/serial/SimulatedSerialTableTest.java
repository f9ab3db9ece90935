package dev.hangtime.device.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.device.CommandResult;
import dev.hangtime.device.LinkEvent;
import dev.hangtime.device.LinkOptions;
import dev.hangtime.device.LinkThreads;
import dev.hangtime.device.RecordingListener;
import dev.hangtime.device.TableInfo;
import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.TableCommand;
import dev.hangtime.simulator.RealTimeRunner;
import dev.hangtime.simulator.TableSimulation;
import dev.hangtime.simulator.carrier.SerialPtyCarrier;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The serial link against the simulator's own virtual table on its own serial carrier (what
 * {@code hangtime simulate --serial-pty} serves), opened by jssc.
 */
class SimulatedSerialTableTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingListener events = new RecordingListener();
    private SerialPtyCarrier carrier;
    private RealTimeRunner runner;
    private SerialTableLink link;

    @AfterEach
    void tearDown() throws Exception {
        LinkThreads.closeAndAssertAllEnded("hangtime-link-serial", link, runner, carrier);
    }

    @Test
    void simulatedTableOnItsPseudoTerminalStreamsSamplesAndAnswersWithItsResultCodes() throws Exception {
        TableSimulation table = new TableSimulation(ScenarioLoader.load("compliant-morning"));
        carrier = SerialPtyCarrier.open(table);
        runner = RealTimeRunner.start(table.clock(), 1.0);
        link = new SerialTableLink(carrier.slavePath(), LinkOptions.defaults().withCommandTimeout(Duration.ofSeconds(8)),
                Clock.systemUTC(), registry);
        link.start(events);

        TableInfo info = events.next(LinkEvent.TableInfoReceived.class).info();
        events.next(LinkEvent.LinkUp.class);
        events.next(LinkEvent.SampleArrived.class);
        CommandResult upright = link.send(new TableCommand.ReturnToUpright()).get(10, TimeUnit.SECONDS);
        CommandResult alarm = link.send(new TableCommand.SoundAlarm(AlarmPriority.HIGH)).get(10, TimeUnit.SECONDS);
        CommandResult limits = link.send(new TableCommand.PushLimits(60, 300, 3000)).get(10, TimeUnit.SECONDS);

        assertEquals("Hangtime virtual table", info.model());
        assertFalse(info.motorised());
        assertEquals(CommandResult.Outcome.NOT_SUPPORTED, upright.outcome());
        assertEquals(CommandResult.Outcome.SUCCESS, alarm.outcome());
        assertEquals(CommandResult.Outcome.SUCCESS, limits.outcome());
        assertTrue(registry.get("hangtime.link.frames").counter().count() >= 4);
    }
}
