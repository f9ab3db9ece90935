package dev.hangtime.engine;

import java.util.Objects;

/**
 * An alarm as raised by the engine.
 *
 * @param reason     what condition raised it
 * @param priority   how soon the user must respond (IEC 60601-1-8)
 * @param message    plain words for the display and speech, e.g. "Return to horizontal now: 34° is
 *                   above your 30° limit"
 * @param raisedAtMs host clock milliseconds (the engine's {@code nowMs}) when it was raised
 */
public record Alarm(AlarmReason reason, AlarmPriority priority, String message, long raisedAtMs) {
    public Alarm {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(message, "message");
    }
}
