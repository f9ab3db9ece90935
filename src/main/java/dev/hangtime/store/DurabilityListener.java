package dev.hangtime.store;

import dev.hangtime.engine.Sample;

/**
 * Told after each commit that made samples of a session durable, so a display can show only samples
 * that are safely on disk. Called on the writer thread, once per commit and session: hand the news to
 * your own thread and return.
 */
@FunctionalInterface
public interface DurabilityListener {
    /**
     * @param recorder       the session
     * @param durableSamples how many of its samples are now durable (all with ordinal below this)
     * @param lastDurable    the latest durable sample
     */
    void samplesDurable(SessionRecorder recorder, long durableSamples, Sample lastDurable);
}
