package org.bluez;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * BlueZ's D-Bus errors, one exception class per error name. dbus-java names an error after the
 * class ({@code org.bluez.Error$InProgress} becomes {@code org.bluez.Error.InProgress}) and, on the
 * calling side, turns a received error back into the same class, so both a fake BlueZ and a client
 * can use these. Only the errors Hangtime raises or handles are declared.
 */
public final class Error {

    private Error() {
    }

    /** org.bluez.Error.Failed: the operation failed; the message says why (BlueZ puts ATT errors here). */
    public static class Failed extends DBusExecutionException {
        public Failed(String message) {
            super(message);
        }
    }

    /** org.bluez.Error.InProgress: the same operation is already running. */
    public static class InProgress extends DBusExecutionException {
        public InProgress(String message) {
            super(message);
        }
    }

    /** org.bluez.Error.NotReady: the adapter is not powered. */
    public static class NotReady extends DBusExecutionException {
        public NotReady(String message) {
            super(message);
        }
    }

    /** org.bluez.Error.NotConnected. */
    public static class NotConnected extends DBusExecutionException {
        public NotConnected(String message) {
            super(message);
        }
    }

    /** org.bluez.Error.AlreadyConnected. */
    public static class AlreadyConnected extends DBusExecutionException {
        public AlreadyConnected(String message) {
            super(message);
        }
    }

    /** org.bluez.Error.NotPermitted: e.g. reading a characteristic without the "read" flag. */
    public static class NotPermitted extends DBusExecutionException {
        public NotPermitted(String message) {
            super(message);
        }
    }

    /** org.bluez.Error.NotSupported. */
    public static class NotSupported extends DBusExecutionException {
        public NotSupported(String message) {
            super(message);
        }
    }

    /** org.bluez.Error.InvalidArguments. */
    public static class InvalidArguments extends DBusExecutionException {
        public InvalidArguments(String message) {
            super(message);
        }
    }

    /** org.bluez.Error.InvalidOffset. */
    public static class InvalidOffset extends DBusExecutionException {
        public InvalidOffset(String message) {
            super(message);
        }
    }

    /** org.bluez.Error.DoesNotExist. */
    public static class DoesNotExist extends DBusExecutionException {
        public DoesNotExist(String message) {
            super(message);
        }
    }
}
