package dev.hangtime.routine;

import com.fasterxml.jackson.core.JsonToken;

/**
 * Values with units typed on the command line ("40deg", "3min"), read with the same rules as the
 * files: a number without a unit is refused.
 */
public final class Units {

    private Units() {
    }

    /** Degrees from text like "40deg".
     *  @throws IllegalArgumentException naming what is wrong */
    public static double angleDeg(String text) {
        Quantities.Result r = Quantities.angle(scalar(text));
        if (!r.ok()) {
            throw new IllegalArgumentException(r.problem());
        }
        return r.value();
    }

    /** Milliseconds from text like "3min" (positive).
     *  @throws IllegalArgumentException naming what is wrong */
    public static long durationMs(String text) {
        Quantities.Result r = Quantities.duration(scalar(text));
        if (!r.ok()) {
            throw new IllegalArgumentException(r.problem());
        }
        long ms = Math.round(r.value());
        if (ms <= 0) {
            throw new IllegalArgumentException("a duration must be longer than zero, was " + text);
        }
        return ms;
    }

    private static YamlTree.ScalarNode scalar(String text) {
        boolean bareNumber = text.strip().matches("-?(\\d+(\\.\\d*)?|\\.\\d+)");
        return new YamlTree.ScalarNode(new YamlTree.Location(0, 0), text,
                bareNumber ? JsonToken.VALUE_NUMBER_FLOAT : JsonToken.VALUE_STRING);
    }
}
