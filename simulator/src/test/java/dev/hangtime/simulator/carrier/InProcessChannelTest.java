package dev.hangtime.simulator.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.MessageChannel;
import dev.hangtime.simulator.TableSimulation;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-process carrier driven by the wall clock, as {@code hangtime run --device sim} uses it. */
class InProcessChannelTest {

    @Test
    void inRealTimeTheListenerHearsOnTheRunnerThreadAndRequestsAreAnswered() throws Exception {
        TableSimulation table = new TableSimulation(ScenarioLoader.load("compliant-evening"));
        CountDownLatch tenMeasurements = new CountDownLatch(10);
        CompletableFuture<ControlResponse> answer = new CompletableFuture<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (InProcessChannel channel = new InProcessChannel(table)) {
            channel.open(new MessageChannel.Listener() {
                @Override
                public void onMessage(Message message) {
                    threads.add(Thread.currentThread().getName());
                    if (message instanceof Measurement) {
                        tenMeasurements.countDown();
                    } else if (message instanceof ControlResponse r) {
                        answer.complete(r);
                    }
                }

                @Override
                public void onLinkDown(String reason) {
                }

                @Override
                public void onLinkUp() {
                }
            });
            channel.runInRealTime(10);
            assertTrue(tenMeasurements.await(10, TimeUnit.SECONDS));
            channel.send(new ControlRequest(5, new ControlCommand.RequestControl()));
            assertEquals(new ControlResponse(5, 0x01, ControlResponse.ResultCode.SUCCESS), answer.get(10, TimeUnit.SECONDS));
            assertThrows(IllegalStateException.class, () -> channel.runInRealTime(1), "one runner per channel");
        }
        assertEquals(Set.of("hangtime-sim-clock"), threads);
    }

    @Test
    void aChannelOpensOnce() throws Exception {
        try (InProcessChannel channel = new InProcessChannel(new TableSimulation(ScenarioLoader.load("compliant-morning")))) {
            MessageChannel.Listener quiet = new MessageChannel.Listener() {
                @Override
                public void onMessage(Message message) {
                }

                @Override
                public void onLinkDown(String reason) {
                }

                @Override
                public void onLinkUp() {
                }
            };
            channel.open(quiet);
            assertThrows(IllegalStateException.class, () -> channel.open(quiet));
        }
    }
}
