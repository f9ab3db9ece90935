package dev.hangtime.web;

import io.javalin.config.RoutesConfig;

/** The session-history routes, added to the display server when a store is available. */
public interface HistoryPages {

    /** Registers the history API routes. */
    void register(RoutesConfig routes);
}
