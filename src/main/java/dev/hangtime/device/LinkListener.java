package dev.hangtime.device;

/**
 * Receives a link's events, in order, on the link's thread. Implementations hand the event on
 * (for example to the session's queue) and return at once: a slow listener delays every later
 * sample and every command result of this link.
 */
@FunctionalInterface
public interface LinkListener {
    void onEvent(LinkEvent event);
}
