package dev.hangtime.engine;

import java.util.Objects;

/**
 * Everything that can happen to a session, fed one at a time to {@link SessionEngine#step}.
 * The session loop (one thread) turns samples, timer ticks, link changes and button presses into
 * these records; the engine never reads a clock itself, so each event comes with {@code nowMs}.
 */
public sealed interface EngineEvent {

    /** A sample arrived from the table. */
    record SampleReceived(Sample sample) implements EngineEvent {
        public SampleReceived {
            Objects.requireNonNull(sample, "sample");
        }
    }

    /**
     * The session loop's periodic timer (every 50–100 ms is plenty). Ticks detect a silent sensor,
     * advance countdowns and emit heartbeats; they carry no data of their own.
     */
    record Tick() implements EngineEvent {
    }

    /** The link to the table dropped; {@code reason} is for people (e.g. "BLE disconnected"). */
    record LinkLost(String reason) implements EngineEvent {
        public LinkLost {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The link is back. Data counts as fresh again only when a new sample arrives. */
    record LinkRestored() implements EngineEvent {
    }

    /** The user pressed a control (web display, terminal, or a physical button). */
    record UserAction(Kind kind) implements EngineEvent {
        public UserAction {
            Objects.requireNonNull(kind, "kind");
        }

        /** The controls a user has. */
        public enum Kind {
            /** Start the routine (only from READY: secured, fresh calibrated data, link up). */
            START,
            /** End the routine early; the session still ends only through a return. */
            STOP,
            /** Acknowledge (silence) LOW and MEDIUM alarms. HIGH alarms cannot be silenced. */
            ACKNOWLEDGE,
            /** "I am fine": answers a check-in. */
            CHECK_IN
        }
    }

    /**
     * What the table can do, from its Device Info (PROTOCOL.md §3.3).
     *
     * @param minAngleDeg smallest angle it reaches (upright is about -80°)
     * @param maxAngleDeg largest angle it reaches (90° = full inversion); becomes the TABLE limit
     * @param motorised   it can drive itself back to upright
     */
    record TableCapabilities(double minAngleDeg, double maxAngleDeg, boolean motorised) implements EngineEvent {
    }
}
