package dev.hangtime.engine;

import java.util.List;
import java.util.Objects;

/**
 * A guided timer for an activity off the table: named stages with plain instructions and durations.
 * Pure: the caller supplies the elapsed time, {@link #at} says where in the sequence it is.
 *
 * @param name   the activity's name in the history, e.g. "wake-stretches"
 * @param title  for people, e.g. "Bed stretches"
 * @param stages in order, at least one
 */
public record GuidedTimer(String name, String title, List<Stage> stages) {

    /**
     * One stage.
     *
     * @param name        e.g. "Knees to chest"
     * @param instruction what to do, in plain words
     * @param durationMs  milliseconds, positive
     */
    public record Stage(String name, String instruction, long durationMs) {
        public Stage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(instruction, "instruction");
            if (durationMs <= 0) {
                throw new IllegalArgumentException("stage durationMs must be positive, was " + durationMs);
            }
        }
    }

    /**
     * Where the timer is.
     *
     * @param index            0-based stage index; equals the number of stages when finished
     * @param stage            the current stage; the last one when finished
     * @param stageRemainingMs what is left of the current stage (0 when finished)
     * @param totalRemainingMs what is left of the whole timer (0 when finished)
     * @param finished         all stages are done
     */
    public record Position(int index, Stage stage, long stageRemainingMs, long totalRemainingMs, boolean finished) {
    }

    /**
     * Gentle lower-back stretches lying in bed, for the minutes after waking (2 min 50 s): the
     * stretches physiotherapists commonly give for morning back stiffness; see docs/ROUTINES.md.
     */
    public static final GuidedTimer WAKE_STRETCHES = new GuidedTimer("wake-stretches", "Bed stretches", List.of(
            new Stage("Knees to chest", "Lie on your back, hug both knees gently towards your chest, breathe slowly.", 30_000),
            new Stage("Pelvic tilts", "Knees bent, feet flat: flatten your lower back into the bed, then relax. Slowly.", 30_000),
            new Stage("Knee rolls", "Knees bent and together: let them fall slowly to one side, then the other.", 40_000),
            new Stage("One knee, left", "Hug your left knee towards your chest; keep the right leg relaxed.", 20_000),
            new Stage("One knee, right", "Hug your right knee towards your chest; keep the left leg relaxed.", 20_000),
            new Stage("Small bridge", "Knees bent: lift your hips a little, hold a breath, lower slowly. Repeat.", 20_000),
            new Stage("Sit up slowly", "Roll onto your side and push yourself up to sitting with your arms.", 10_000)));

    public GuidedTimer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a guided timer needs at least one stage");
        }
    }

    /** The whole timer's length, milliseconds. */
    public long totalMs() {
        long total = 0;
        for (Stage s : stages) {
            total += s.durationMs();
        }
        return total;
    }

    /** Where the timer is after {@code elapsedMs} (negative counts as 0). */
    public Position at(long elapsedMs) {
        long elapsed = Math.max(0, elapsedMs);
        long total = totalMs();
        long start = 0;
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            if (elapsed < start + s.durationMs()) {
                return new Position(i, s, start + s.durationMs() - elapsed, total - elapsed, false);
            }
            start += s.durationMs();
        }
        return new Position(stages.size(), stages.get(stages.size() - 1), 0, 0, true);
    }
}
