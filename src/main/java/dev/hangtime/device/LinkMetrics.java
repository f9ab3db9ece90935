package dev.hangtime.device;

import dev.hangtime.protocol.DecodeError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * A link's health as micrometer meters, tagged {@code carrier=serial|ble|channel}:
 * <ul>
 *   <li>{@code hangtime.link.frames}: messages received and decoded</li>
 *   <li>{@code hangtime.link.decode.errors} (tag {@code kind}, e.g. {@code bad_crc}): frames or
 *       values discarded</li>
 *   <li>{@code hangtime.link.sequence.gaps}: places where measurement sequence numbers skipped;
 *       {@code hangtime.link.samples.missed}: how many samples those gaps lost</li>
 *   <li>{@code hangtime.link.reconnects}: connections regained after a loss;
 *       {@code hangtime.link.connect.failures}: attempts that failed</li>
 *   <li>{@code hangtime.link.command.timeouts}: commands the table did not answer in time</li>
 *   <li>{@code hangtime.link.last.sample.age} (gauge, milliseconds by the link's clock): NaN
 *       before the first sample</li>
 * </ul>
 * Counters are thread-safe: decode errors are counted on the carrier's thread.
 */
public final class LinkMetrics {

    private final MeterRegistry registry;
    private final Counter frames;
    private final Map<DecodeError.Kind, Counter> decodeErrors = new EnumMap<>(DecodeError.Kind.class);
    private final Counter unexpectedMessages;
    private final Counter sequenceGaps;
    private final Counter samplesMissed;
    private final Counter reconnects;
    private final Counter connectFailures;
    private final Counter commandTimeouts;
    private final Gauge lastSampleAge;
    private volatile long lastSampleAtMs = Long.MIN_VALUE;

    public LinkMetrics(MeterRegistry registry, String carrier, Clock clock) {
        this.registry = registry;
        Tags tags = Tags.of("carrier", carrier);
        frames = Counter.builder("hangtime.link.frames").tags(tags)
                .description("Messages received from the table and decoded").register(registry);
        for (DecodeError.Kind kind : DecodeError.Kind.values()) {
            decodeErrors.put(kind, Counter.builder("hangtime.link.decode.errors")
                    .tags(tags.and("kind", kind.name().toLowerCase(java.util.Locale.ROOT)))
                    .description("Frames or values discarded because they did not decode").register(registry));
        }
        unexpectedMessages = Counter.builder("hangtime.link.unexpected.messages").tags(tags)
                .description("Messages a table should not send, or answers to no pending request")
                .register(registry);
        sequenceGaps = Counter.builder("hangtime.link.sequence.gaps").tags(tags)
                .description("Places where measurement sequence numbers skipped").register(registry);
        samplesMissed = Counter.builder("hangtime.link.samples.missed").tags(tags)
                .description("Samples lost in sequence gaps").register(registry);
        reconnects = Counter.builder("hangtime.link.reconnects").tags(tags)
                .description("Connections to the table regained after a loss").register(registry);
        connectFailures = Counter.builder("hangtime.link.connect.failures").tags(tags)
                .description("Connection attempts that failed").register(registry);
        commandTimeouts = Counter.builder("hangtime.link.command.timeouts").tags(tags)
                .description("Commands the table did not answer in time").register(registry);
        // strongReference: the gauge must outlive nothing but this link, and close() removes it
        lastSampleAge = Gauge.builder("hangtime.link.last.sample.age", this, m -> m.lastSampleAgeMs(clock))
                .tags(tags).baseUnit("milliseconds").strongReference(true)
                .description("Time since the last sample arrived").register(registry);
    }

    private double lastSampleAgeMs(Clock clock) {
        long at = lastSampleAtMs;
        return at == Long.MIN_VALUE ? Double.NaN : clock.millis() - at;
    }

    void frame() {
        frames.increment();
    }

    public void decodeError(DecodeError.Kind kind) {
        decodeErrors.get(kind).increment();
    }

    void unexpectedMessage() {
        unexpectedMessages.increment();
    }

    void sequenceGap(int missed) {
        sequenceGaps.increment();
        samplesMissed.increment(missed);
    }

    void sampleAt(long receivedAtMs) {
        lastSampleAtMs = receivedAtMs;
    }

    void reconnected() {
        reconnects.increment();
    }

    void connectFailed() {
        connectFailures.increment();
    }

    void commandTimedOut() {
        commandTimeouts.increment();
    }

    /** Unregisters the gauge, which reads this link's state; counters stay as totals. */
    void close() {
        registry.remove(lastSampleAge);
    }
}
