package dev.hangtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hangtime.engine.TableCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against a real table, never by default (surefire excludes Manual*Test). With the table on and
 * near: {@code mvn -o test -Dtest=ManualTableLinkTest -Dsurefire.excludedGroups= -Dhangtime.device=ble}
 * (or {@code serial:/dev/ttyUSB0}, {@code ble:AA:BB:CC:DD:EE:FF}).
 */
@Tag("manual")
class ManualTableLinkTest {

    @Test
    void realTableComesUpStreamsSamplesAndAnswersAHeartbeat() throws Exception {
        DeviceSpec spec = DeviceSpec.parse(System.getProperty("hangtime.device", "ble"));
        RecordingListener events = new RecordingListener();
        try (TableLink link = TableLinks.open(spec, LinkOptions.defaults(), Clock.systemUTC(), new SimpleMeterRegistry())) {
            link.start(events);
            TableInfo info = events.next(LinkEvent.TableInfoReceived.class).info();
            events.next(LinkEvent.LinkUp.class);
            events.next(LinkEvent.SampleArrived.class);
            System.out.println(link.describe() + ": " + info);
            assertEquals(CommandResult.Outcome.SUCCESS,
                    link.send(new TableCommand.Heartbeat()).get(10, TimeUnit.SECONDS).outcome());
        }
    }
}
