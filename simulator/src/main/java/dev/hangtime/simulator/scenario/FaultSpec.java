package dev.hangtime.simulator.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault injected at a moment of the scenario. {@link #at()} counts from the user's start (the
 * script's time zero), so faults line up with the script whether the user starts at once or when
 * the companion starts the session.
 */
public sealed interface FaultSpec {

    /** When the fault begins, from the user's start. */
    Duration at();

    /** The name used in scenario files. */
    String kind();

    /**
     * The sensor stops answering.
     *
     * @param flagged false: the firmware stops sending measurements (silence on a live link);
     *                true: it keeps sending the last angle with SENSOR_FAULT set
     */
    record SensorDropout(Duration at, Duration duration, boolean flagged) implements FaultSpec {
        public String kind() {
            return "sensor-dropout";
        }
    }

    /** The sensor flat-lines: it repeats its last reading while the bed moves; nothing is flagged. */
    record StuckSensor(Duration at, Duration duration) implements FaultSpec {
        public String kind() {
            return "stuck-sensor";
        }
    }

    /**
     * Single-sample spikes on top of the normal noise.
     *
     * @param magnitudeDeg the spike's size, degrees (sign random)
     * @param probability  chance that a sample carries a spike, 0..1
     */
    record NoiseSpikes(Duration at, Duration duration, double magnitudeDeg, double probability) implements FaultSpec {
        public String kind() {
            return "noise-spikes";
        }
    }

    /** Random bytes on the line between two frames (serial; a malformed notification on BLE). */
    record Garbage(Duration at, int bytes) implements FaultSpec {
        public String kind() {
            return "garbage";
        }
    }

    /** The next {@code frames} frames arrive with a bit flipped, so their CRC fails. */
    record CrcErrors(Duration at, int frames) implements FaultSpec {
        public String kind() {
            return "crc-errors";
        }
    }

    /** The next {@code frames} measurements are sent twice with the same sequence number. */
    record DuplicateSequence(Duration at, int frames) implements FaultSpec {
        public String kind() {
            return "duplicate-sequence";
        }
    }

    /** The next {@code pairs} pairs of measurements are sent swapped. */
    record OutOfOrder(Duration at, int pairs) implements FaultSpec {
        public String kind() {
            return "out-of-order";
        }
    }

    /** The device reboots: silent for {@code downtime}, then sequence and clock start again at 0. */
    record Reboot(Duration at, Duration downtime) implements FaultSpec {
        public String kind() {
            return "reboot";
        }
    }

    /** The link drops for {@code duration}, then returns (BLE: the companion must reconnect). */
    record LinkDrop(Duration at, Duration duration) implements FaultSpec {
        public String kind() {
            return "link-drop";
        }
    }

    /** From now on the user ignores every cue and stays where they are. */
    record UserStaysDown(Duration at) implements FaultSpec {
        public UserStaysDown {
            Objects.requireNonNull(at, "at");
        }

        public String kind() {
            return "user-stays-down";
        }
    }
}
