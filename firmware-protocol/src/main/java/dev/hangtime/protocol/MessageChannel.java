package dev.hangtime.protocol;

/**
 * A carrier of whole messages in both directions without a wire in between: the simulator's
 * in-process table offers one, and the device layer turns any channel into a table link. Serial
 * and BLE carriers encode the same messages (PROTOCOL.md §2); this one hands the records over.
 */
public interface MessageChannel extends AutoCloseable {

    /** Starts delivery to {@code listener}; called once. */
    void open(Listener listener);

    /** Sends a message to the peer (a {@link ControlRequest} from the companion, anything from the table). */
    void send(Message message);

    /** Stops delivery and releases the channel; idempotent. */
    @Override
    void close();

    /** Receives what the peer sends, and the state of the link; called from the channel's thread. */
    interface Listener {
        void onMessage(Message message);

        /** The link dropped (for example a simulated radio dropout); messages stop until {@link #onLinkUp()}. */
        void onLinkDown(String reason);

        void onLinkUp();
    }
}
