package dev.hangtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.TableCommand;
import dev.hangtime.simulator.TableSimulation;
import dev.hangtime.simulator.carrier.InProcessChannel;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The channel link against the simulator's own virtual table, run by the wall clock ten times fast. */
class SimulatorChannelLinkTest {

    /** A manual table with a buzzer; the user leans back to 10° at once. */
    private static final String SCENARIO = """
            description: manual table, link drop
            seed: 7
            table:
              model: Hangtime virtual table
              firmware: sim-1.0
            sensor:
              rate: 20
            user:
              start: at-once
              script:
                - tilt: 10
                - hold: 5m
            """;
    /** A user who starts with the session; the radio drops 1 s later, for 2 s (after the link is up, then). */
    private static final String WITH_LINK_DROP = """
            description: manual table, link drop
            seed: 8
            user:
              start: on-session
              reactionTime: 0s
              script:
                - tilt: 10
                - hold: 5m
            faults:
              - at: 1s
                fault: link-drop
                duration: 2s
            """;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingListener events = new RecordingListener();
    private InProcessChannel channel;
    private ChannelTableLink link;

    private void startLink(String scenario) throws Exception {
        TableSimulation table = new TableSimulation(ScenarioLoader.parse(new StringReader(scenario), "test.yaml", "test"));
        channel = new InProcessChannel(table);
        link = new ChannelTableLink(channel, Clock.systemUTC(), LinkOptions.defaults()
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).withCommandTimeout(Duration.ofSeconds(8)),
                registry);
        link.start(events);   // opens the channel, which must happen before the clock runs
        channel.runInRealTime(10);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (link != null) {
            link.close();   // closes the channel and its real-time runner
        }
        LinkThreads.assertAllEnded("hangtime-link-channel");
    }

    @Test
    void nonMotorisedSimulatedTableRefusesReturnToUprightButSoundsItsBuzzer() throws Exception {
        startLink(SCENARIO);
        TableInfo info = events.next(LinkEvent.TableInfoReceived.class).info();
        events.next(LinkEvent.LinkUp.class);
        events.next(LinkEvent.SampleArrived.class);

        CommandResult upright = link.send(new TableCommand.ReturnToUpright()).get(10, TimeUnit.SECONDS);
        CommandResult alarm = link.send(new TableCommand.SoundAlarm(AlarmPriority.HIGH)).get(10, TimeUnit.SECONDS);

        assertEquals("Hangtime virtual table", info.model());
        assertFalse(info.motorised());
        assertEquals(20, info.sampleRateHz());
        assertEquals(CommandResult.Outcome.NOT_SUPPORTED, upright.outcome());
        assertEquals(CommandResult.Outcome.SUCCESS, alarm.outcome());
    }

    @Test
    void simulatedRadioDropIsALossAndTheLinkTakesControlAgainWhenItReturns() throws Exception {
        startLink(WITH_LINK_DROP);
        events.next(LinkEvent.LinkUp.class);
        assertEquals(CommandResult.Outcome.SUCCESS,
                link.send(new TableCommand.StartSession()).get(10, TimeUnit.SECONDS).outcome());

        LinkEvent.LinkDown down = events.next(LinkEvent.LinkDown.class);
        assertTrue(down.reason().startsWith("simulator: link down"), down.reason());

        events.next(LinkEvent.LinkUp.class);
        // the table revoked control when its peer was lost (PROTOCOL.md §4.1); only a new Request
        // Control makes Push Limits succeed
        CommandResult limits = link.send(new TableCommand.PushLimits(60, 300, 2000)).get(10, TimeUnit.SECONDS);
        assertEquals(CommandResult.Outcome.SUCCESS, limits.outcome());
        assertEquals(1.0, registry.get("hangtime.link.reconnects").counter().count());
    }
}
