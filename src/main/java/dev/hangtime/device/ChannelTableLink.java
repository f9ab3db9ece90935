package dev.hangtime.device;

import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.MessageChannel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * A table link over an in-process {@link MessageChannel}, such as the simulator's: no bytes, the
 * same handshake, request ids, timeouts and events as the serial and BLE links. The channel's own
 * link-down and link-up notices stand for a carrier lost and back.
 */
public final class ChannelTableLink extends AbstractTableLink {

    private final MessageChannel channel;
    private final String description;
    private final Object lock = new Object();
    private boolean opened;
    private boolean channelUp = true;
    private String channelDownReason;
    private Carrier current;
    private Carrier latest;

    /** A link called "simulator". */
    public ChannelTableLink(MessageChannel channel, Clock clock, LinkOptions options, MeterRegistry metrics) {
        this(channel, "simulator", clock, options, metrics);
    }

    /** @param description what {@link #describe()} says, e.g. "simulator (scenario beginner)" */
    public ChannelTableLink(MessageChannel channel, String description, Clock clock, LinkOptions options,
                            MeterRegistry metrics) {
        super("channel", options, clock, metrics);
        this.channel = Objects.requireNonNull(channel, "channel");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    protected Connection openConnection(Carrier carrier) throws LinkException {
        boolean openNow;
        synchronized (lock) {
            latest = carrier;
            openNow = !opened;
            opened = true;
        }
        if (openNow) {
            // MessageChannel.open is called once; later connections reuse the channel
            channel.open(new ChannelListener());
        }
        synchronized (lock) {
            if (!channelUp) {
                throw new LinkException(LinkException.Problem.IO, description + ": link down (" + channelDownReason + ")");
            }
            current = carrier;
        }
        return new Connection() {
            @Override
            public void transmit(ControlRequest request) {
                channel.send(request);
            }

            @Override
            public boolean readsDeviceInfoWithCommand() {
                return true;
            }

            @Override
            public void close() {
                synchronized (lock) {
                    if (current == carrier) {
                        current = null;
                    }
                }
            }
        };
    }

    @Override
    protected void onClosed() {
        channel.close();
    }

    /** Runs on the channel's thread: hands everything to the link at once. */
    private final class ChannelListener implements MessageChannel.Listener {
        @Override
        public void onMessage(Message message) {
            Carrier c;
            synchronized (lock) {
                c = current;
            }
            if (c != null) {
                c.message(message);
            }
        }

        @Override
        public void onLinkDown(String reason) {
            Carrier c;
            synchronized (lock) {
                channelUp = false;
                channelDownReason = reason;
                c = current;
            }
            if (c != null) {
                c.lost(description + ": link down (" + reason + ")");
            }
        }

        @Override
        public void onLinkUp() {
            Carrier c;
            synchronized (lock) {
                channelUp = true;
                c = latest;
            }
            if (c != null) {
                c.available();
            }
        }
    }
}
