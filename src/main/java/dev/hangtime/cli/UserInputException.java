package dev.hangtime.cli;

/** A problem with what the user gave us (a file, a name, an argument): exit code 2, no stack trace. */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
