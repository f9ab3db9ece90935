package dev.hangtime.session;

/**
 * Where the session loop sends what the user should see: the web display, the terminal status
 * line. Called on the session thread; an implementation must return quickly and never block on a
 * slow viewer (hand the snapshot off and return).
 */
public interface DisplaySink {

    /** A new snapshot; snapshots arrive in {@link DisplaySnapshot#seq()} order. */
    void show(DisplaySnapshot snapshot);
}
