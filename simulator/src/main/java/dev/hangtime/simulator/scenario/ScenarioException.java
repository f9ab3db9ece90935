package dev.hangtime.simulator.scenario;

/**
 * A scenario (or recording) file that is malformed or names something unknown. The message reads
 * {@code file:line:column: field: problem}, so that an editor can jump to it.
 */
public final class ScenarioException extends Exception {

    private final String file;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    /**
     * @param file    the file name as the user gave it (or the built-in scenario's name)
     * @param line    1-based line, 0 when unknown
     * @param column  1-based column, 0 when unknown
     * @param field   the dotted path of the field, e.g. {@code user.script[2].tilt}; empty for the file
     * @param problem what is wrong, in words
     */
    public ScenarioException(String file, int line, int column, String field, String problem) {
        super(format(file, line, column, field, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
        this.problem = problem;
    }

    private static String format(String file, int line, int column, String field, String problem) {
        StringBuilder b = new StringBuilder(file);
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
        return b.append(problem).toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
