package dev.hangtime.device;

import dev.hangtime.engine.Sample;
import java.util.Objects;

/** What a {@link TableLink} reports: typed events, never raw bytes or library objects. */
public sealed interface LinkEvent {

    /** One measurement from the table, its {@code receivedAtMs} stamped by the link's clock. */
    record SampleArrived(Sample sample) implements LinkEvent {
        public SampleArrived {
            Objects.requireNonNull(sample, "sample");
        }
    }

    /** The table's device info: after every (re)connection, before {@link LinkUp}. */
    record TableInfoReceived(TableInfo info) implements LinkEvent {
        public TableInfoReceived {
            Objects.requireNonNull(info, "info");
        }
    }

    /** The table's health report (battery, faults, firmware state). */
    record TableStatusReceived(TableStatus status) implements LinkEvent {
        public TableStatusReceived {
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * The link is not up: it dropped, or a connection attempt failed. {@code reason} is a sentence
     * for the user ("permission denied on /dev/ttyUSB0: ..."). Reported once per loss, and again
     * while down only when the reason changes; the link keeps retrying.
     */
    record LinkDown(String reason) implements LinkEvent {
        public LinkDown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The link is up: control taken and device info read; commands can be sent. */
    record LinkUp() implements LinkEvent {
    }
}
