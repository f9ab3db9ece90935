package dev.hangtime.routine;

import java.util.List;

/** A routine or profile file with problems; carries every one of them, in file order. */
public final class InvalidFileException extends Exception {

    private final transient List<Problem> problems;

    public InvalidFileException(String source, List<Problem> problems) {
        super(summary(source, problems));
        this.problems = List.copyOf(problems);
    }

    private static String summary(String source, List<Problem> problems) {
        StringBuilder b = new StringBuilder(source).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
        for (Problem p : problems) {
            b.append("\n  ").append(p);
        }
        return b.toString();
    }

    /** Every problem found, in file order. */
    public List<Problem> problems() {
        return problems;
    }
}
