package dev.hangtime.cli;

import dev.hangtime.routine.InvalidFileException;
import java.io.IOException;
import java.util.function.Function;

/**
 * The CLI's one convention for turning what the user gave into values: a bad option value or an
 * invalid file is the user's error (exit code 2, named after the option or file); a configuration
 * file that exists but cannot be read is the machine's (exit code 1).
 */
final class CliInputs {

    private CliInputs() {
    }

    /** Reads a file of the user's configuration, which may be invalid. */
    @FunctionalInterface
    interface ConfigRead<T> {
        T read() throws InvalidFileException, IOException;
    }

    /**
     * Parses an option's text with a parser that rejects bad text with an
     * {@link IllegalArgumentException}; the error names the option ("--max-time: ...").
     */
    static <T> T option(String option, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(option + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the user's configuration: an invalid file is a {@link UserInputException} (its message
     * names file, line and field); an I/O failure names {@code what} could not be read.
     */
    static <T> T config(String what, ConfigRead<T> read) {
        try {
            return read.read();
        } catch (InvalidFileException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }
}
