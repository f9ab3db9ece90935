package dev.hangtime.engine;

import java.util.List;
import java.util.Objects;

/**
 * What one {@link SessionEngine#step} produced.
 *
 * @param state         the new state (feed it to the next step)
 * @param commands      commands for the table, in the order to send them
 * @param alarmsRaised  alarms raised by this event (a priority change clears the old and raises the new)
 * @param alarmsCleared alarms whose condition cleared at this event
 * @param display       what the screens show now
 */
public record StepResult(SessionState state, List<TableCommand> commands, List<Alarm> alarmsRaised,
                         List<Alarm> alarmsCleared, Display display) {

    public StepResult {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(alarmsRaised, "alarmsRaised");
        Objects.requireNonNull(alarmsCleared, "alarmsCleared");
        Objects.requireNonNull(display, "display");
    }
}
