package dev.hangtime.device;

/**
 * A connection attempt failed, with a message for the user that names the cause and, where
 * there is one, the fix ("permission denied on /dev/ttyUSB0: add your user to the dialout group").
 */
public class LinkException extends Exception {

    private final Problem problem;

    public LinkException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public LinkException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** The classes of failure, so callers can tell the user's fault from the table's absence. */
    public enum Problem {
        NO_SUCH_PORT, PERMISSION_DENIED, PORT_BUSY, NOT_A_SERIAL_PORT,
        BUS_UNREACHABLE, BLUEZ_NOT_RUNNING, NO_ADAPTER, NO_TABLE_FOUND, PAIRING_NEEDED,
        /** The table answered but not as a Hangtime table should (refused control, wrong protocol). */
        HANDSHAKE,
        /** Any other I/O failure (a write failed, the port hung up, a D-Bus call failed). */
        IO,
        INTERRUPTED
    }
}
