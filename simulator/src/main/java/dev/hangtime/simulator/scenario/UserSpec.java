package dev.hangtime.simulator.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The person on the table: a script of movements, and how they react to the table.
 *
 * @param start           when the script begins
 * @param reactionTime    delay between a cue (buzzer, Stop Session, session start) and the movement
 * @param speedDegPerS    how fast they tilt unless a step says otherwise (bounded by the table)
 * @param onAlarm         what they do when the table's buzzer sounds
 * @param onStop          what they do when the companion stops the session
 * @param restAtHorizontal how long they rest at horizontal on the way up
 * @param script          the movements, in order; when it ends they stay where they are
 */
public record UserSpec(Start start, Duration reactionTime, double speedDegPerS, OnAlarm onAlarm, OnStop onStop,
                       Duration restAtHorizontal, List<ScriptStep> script) {

    public UserSpec {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(reactionTime, "reactionTime");
        Objects.requireNonNull(onAlarm, "onAlarm");
        Objects.requireNonNull(onStop, "onStop");
        Objects.requireNonNull(restAtHorizontal, "restAtHorizontal");
        script = List.copyOf(script);
    }

    /** When the user starts the script. */
    public enum Start {
        /** When the companion starts a session (plus the reaction time): a guided user. */
        ON_SESSION("on-session"),
        /** At time zero, whatever the companion does. */
        AT_ONCE("at-once");

        private final String yamlName;

        Start(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /** Reaction to the table's buzzer. */
    public enum OnAlarm {
        /** Come back to horizontal, rest, then upright. */
        RETURN("return"),
        /** Does not react (asleep, unwell, or headphones on). */
        IGNORE("ignore");

        private final String yamlName;

        OnAlarm(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /** Reaction to Stop Session. */
    public enum OnStop {
        COME_UP("come-up"),
        IGNORE("ignore");

        private final String yamlName;

        OnStop(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
