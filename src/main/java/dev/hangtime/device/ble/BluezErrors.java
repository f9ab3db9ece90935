package dev.hangtime.device.ble;

import java.time.Duration;
import java.util.Locale;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * Classifies the errors BlueZ answers with (BlueZ's doc/org.bluez.*.rst name them
 * {@code org.bluez.Error.*}). dbus-java turns an error reply into the exception class named like the
 * error when one exists, else into a plain {@link DBusExecutionException} carrying only BlueZ's
 * message; both forms are read here, the name first.
 */
final class BluezErrors {

    private BluezErrors() {
    }

    /** What the link does about an error. */
    enum Kind {
        /** {@code org.bluez.Error.InProgress}: another operation runs; retried a bounded number of times. */
        IN_PROGRESS,
        /** Connect on a connected device: success. */
        ALREADY_CONNECTED,
        /** StartNotify on a characteristic already notifying for us: success. */
        ALREADY_NOTIFYING,
        /** NotPermitted, NotAuthorized, Authentication*: the table must be paired first. */
        NEEDS_PAIRING,
        OTHER
    }

    /**
     * Calls BlueZ the way BlueZ wants to be called: "already connected" and "already notifying"
     * are success, InProgress is retried up to {@code retries} times {@code pause} apart (BlueZ
     * signals nothing when the other operation ends), and any other error is thrown.
     */
    static void call(Runnable call, int retries, Duration pause) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                call.run();
                return;
            } catch (DBusExecutionException e) {
                Kind kind = classify(e);
                if (kind == Kind.ALREADY_CONNECTED || kind == Kind.ALREADY_NOTIFYING) {
                    return;
                }
                if (kind != Kind.IN_PROGRESS || attempt >= retries) {
                    throw e;
                }
                Thread.sleep(pause.toMillis());
            }
        }
    }

    static Kind classify(DBusExecutionException e) {
        String name = errorName(e);
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("already notifying")) {
            return Kind.ALREADY_NOTIFYING;
        }
        if (name.endsWith(".InProgress") || message.contains("in progress")) {
            return Kind.IN_PROGRESS;
        }
        if (name.endsWith(".AlreadyConnected") || message.contains("already connected")) {
            return Kind.ALREADY_CONNECTED;
        }
        if (name.endsWith(".NotPermitted") || name.endsWith(".NotAuthorized") || name.contains(".Authentication")
                || message.contains("not permitted") || message.contains("not authorized")
                || message.contains("authentication")) {
            return Kind.NEEDS_PAIRING;
        }
        return Kind.OTHER;
    }

    /**
     * The D-Bus error name as far as the exception's class tells it: dbus-java instantiates the
     * class named like the error, nested classes included ({@code org.bluez.Error$InProgress} for
     * {@code org.bluez.Error.InProgress}), and a plain DBusExecutionException when there is none.
     */
    static String errorName(DBusExecutionException e) {
        return e.getClass().getName().replace('$', '.');
    }

    /** One line for the user: BlueZ's message with the error's short name. */
    static String describe(DBusExecutionException e) {
        String name = errorName(e);
        String shortName = name.substring(name.lastIndexOf('.') + 1);
        return e.getMessage() == null || e.getMessage().isBlank() ? shortName : shortName + ": " + e.getMessage();
    }
}
