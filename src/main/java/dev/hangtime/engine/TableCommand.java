package dev.hangtime.engine;

import java.util.Objects;

/**
 * Commands the engine asks the session loop to send to the table. The device layer maps each to
 * its Control Point op code (PROTOCOL.md §4.1); a table that cannot obey (no motor) answers so, and
 * the engine's own alarms do not depend on the answer.
 */
public sealed interface TableCommand {

    /** The device starts its own count of time inverted and arms its heartbeat watchdog. */
    record StartSession() implements TableCommand {
    }

    /** The session is over: the device disarms its watchdog. */
    record StopSession() implements TableCommand {
    }

    /**
     * The limits the device keeps and enforces on its own if the companion goes silent
     * (defence in depth, DESIGN.md).
     *
     * @param maxAngleDeg        the effective maximum angle, degrees
     * @param maxTimeInvertedS   the effective maximum time inverted, whole seconds (rounded down), 1..65535
     * @param heartbeatTimeoutMs the device sounds its own alarm when no heartbeat came for this long
     */
    record PushLimits(double maxAngleDeg, int maxTimeInvertedS, int heartbeatTimeoutMs) implements TableCommand {
    }

    /** Sound the table's buzzer with the pattern for this priority. */
    record SoundAlarm(AlarmPriority priority) implements TableCommand {
        public SoundAlarm {
            Objects.requireNonNull(priority, "priority");
        }
    }

    /** Stop the buzzer: no unacknowledged alarm is active any more. */
    record SilenceAlarm() implements TableCommand {
    }

    /** Motorised tables only: drive back to upright now. */
    record ReturnToUpright() implements TableCommand {
    }

    /** Proof of life for the device's watchdog, sent on ticks at a fixed period during a session. */
    record Heartbeat() implements TableCommand {
    }
}
