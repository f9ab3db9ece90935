package dev.hangtime.protocol;

/**
 * Receives what a {@link StreamDecoder} finds, in stream order, on the thread that calls
 * {@link StreamDecoder#feed}. Implementations should hand work off rather than block.
 */
public interface DecodeListener {

    /** A frame decoded into a message. */
    void onMessage(Message m);

    /** A frame was discarded; the decoder has already resynchronised (PROTOCOL.md §5.4). */
    void onError(DecodeError e);
}
