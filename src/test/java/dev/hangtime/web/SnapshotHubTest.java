package dev.hangtime.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangtime.session.TestSnapshots;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SnapshotHubTest {

    private final ObjectMapper json = new ObjectMapper();
    private long nanos;
    private final SnapshotHub hub = new SnapshotHub(4, json, () -> nanos, "inst");

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            hub.show(TestSnapshots.holding(hub.publishedCount() + 1, 20));
        }
    }

    private static List<Long> positions(List<SnapshotHub.Event> events) {
        return events.stream().map(SnapshotHub.Event::position).toList();
    }

    @Test
    void newClientStartsWithTheLatestSnapshotOnly() throws Exception {
        publish(3);
        long start = hub.resumePosition(null);
        assertEquals(List.of(3L), positions(hub.awaitAfter(start, 0)));
    }

    @Test
    void reconnectingClientGetsWhatItMissedInOrder() throws Exception {
        publish(2);
        publish(2);
        long start = hub.resumePosition("inst-2");
        List<SnapshotHub.Event> missed = hub.awaitAfter(start, 0);
        assertEquals(List.of(3L, 4L), positions(missed));
        assertEquals("inst-3", missed.get(0).id());
    }

    @Test
    void clientThatFellBehindTheRingResumesAtItsOldestEntry() throws Exception {
        publish(10);
        assertEquals(List.of(7L, 8L, 9L, 10L), positions(hub.awaitAfter(hub.resumePosition("inst-1"), 0)));
    }

    @Test
    void idFromAnotherServerInstanceIsTreatedAsANewClient() throws Exception {
        publish(5);
        assertEquals(List.of(5L), positions(hub.awaitAfter(hub.resumePosition("other-4"), 0)));
        assertEquals(List.of(5L), positions(hub.awaitAfter(hub.resumePosition("inst-notanumber"), 0)));
        assertEquals(List.of(5L), positions(hub.awaitAfter(hub.resumePosition("inst-99"), 0)));
    }

    @Test
    void waitingClientWakesWhenASnapshotIsPublished() throws Exception {
        publish(1);
        CompletableFuture<List<SnapshotHub.Event>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return hub.awaitAfter(1, TimeUnit.MINUTES.toMillis(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        publish(1);
        assertEquals(List.of(2L), positions(waiting.get(1, TimeUnit.MINUTES)));
    }

    @Test
    void closingWakesWaitersWithNothing() throws Exception {
        CompletableFuture<List<SnapshotHub.Event>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return hub.awaitAfter(0, TimeUnit.MINUTES.toMillis(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        hub.close();
        assertTrue(waiting.get(1, TimeUnit.MINUTES).isEmpty());
    }

    @Test
    void snapshotIsSerialisedOnceAsJsonWithItsFields() throws Exception {
        assertNull(hub.latestJson());
        hub.show(TestSnapshots.overLimit(7, 33.5));
        JsonNode node = json.readTree(hub.latestJson());
        assertEquals(33.5, node.get("angleDeg").asDouble());
        assertEquals("HIGH", node.get("alarms").get(0).get("priority").asText());
        assertEquals(30.0, node.get("gauge").get("maxAngleDeg").asDouble());
    }

    @Test
    void silenceSinceTheLastSnapshotIsMeasuredOnTheMonotonicClock() {
        publish(1);
        nanos += TimeUnit.MILLISECONDS.toNanos(1500);
        assertEquals(1500, hub.millisSinceLastSnapshot());
    }
}
