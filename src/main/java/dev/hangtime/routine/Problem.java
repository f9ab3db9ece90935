package dev.hangtime.routine;

import java.util.Objects;

/**
 * One problem in a routine or profile file, with where it is.
 *
 * @param source  the file as the user named it (or "built-in NAME")
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param field   the field's path, e.g. "steps[2].hold.min"; "" for the file as a whole
 * @param message plain words: what is wrong and what would be right
 */
public record Problem(String source, int line, int column, String field, String message) {

    public Problem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** "morning.yaml:7:12: steps[1].hold.min: must be positive, was -5s". */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ");
        if (!field.isEmpty()) {
            b.append(field).append(": ");
        }
        return b.append(message).toString();
    }
}
