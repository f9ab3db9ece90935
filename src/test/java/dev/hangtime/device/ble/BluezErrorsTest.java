package dev.hangtime.device.ble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.bluez.Error;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.junit.jupiter.api.Test;

/** BlueZ's answers as dbus-java hands them over: a class per known error name, else a plain exception. */
class BluezErrorsTest {

    @Test
    void inProgressIsRetriedWhetherNamedOrOnlyWorded() {
        assertEquals(BluezErrors.Kind.IN_PROGRESS, BluezErrors.classify(new Error.InProgress("Operation already in progress")));
        assertEquals(BluezErrors.Kind.IN_PROGRESS, BluezErrors.classify(new DBusExecutionException("In Progress")));
    }

    @Test
    void alreadyNotifyingIsSuccessThoughBluezSendsItAsFailed() {
        assertEquals(BluezErrors.Kind.ALREADY_NOTIFYING, BluezErrors.classify(new Error.Failed("Already notifying")));
    }

    @Test
    void alreadyConnectedIsSuccess() {
        assertEquals(BluezErrors.Kind.ALREADY_CONNECTED, BluezErrors.classify(new Error.AlreadyConnected("Already Connected")));
    }

    @Test
    void notPermittedAndNotAuthorizedMeanPairingIsNeeded() {
        assertEquals(BluezErrors.Kind.NEEDS_PAIRING, BluezErrors.classify(new Error.NotPermitted("Write not permitted")));
        // no class declares NotAuthorized: dbus-java gives a plain exception with BlueZ's message
        assertEquals(BluezErrors.Kind.NEEDS_PAIRING, BluezErrors.classify(new DBusExecutionException("Operation Not Authorized")));
    }

    @Test
    void otherFailuresAreJustFailures() {
        assertEquals(BluezErrors.Kind.OTHER, BluezErrors.classify(new Error.Failed("le-connection-abort-by-local")));
        assertEquals(BluezErrors.Kind.OTHER, BluezErrors.classify(new Error.NotConnected("Not Connected")));
    }

    @Test
    void inProgressIsRetriedUntilTheCallGoesThrough() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BluezErrors.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new Error.InProgress("Operation already in progress");
            }
        }, 5, Duration.ZERO);
        assertEquals(3, calls.get());
    }

    @Test
    void inProgressIsRetriedOnlyABoundedNumberOfTimes() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(Error.InProgress.class, () -> BluezErrors.call(() -> {
            calls.incrementAndGet();
            throw new Error.InProgress("Operation already in progress");
        }, 4, Duration.ZERO));
        assertEquals(5, calls.get(), "the first call and four retries");
    }

    @Test
    void alreadyNotifyingEndsTheCallAsSuccessAndOtherErrorsAreNotRetried() throws Exception {
        BluezErrors.call(() -> {
            throw new Error.Failed("Already notifying");
        }, 0, Duration.ZERO);
        AtomicInteger calls = new AtomicInteger();
        assertThrows(Error.NotPermitted.class, () -> BluezErrors.call(() -> {
            calls.incrementAndGet();
            throw new Error.NotPermitted("Write not permitted");
        }, 4, Duration.ZERO));
        assertEquals(1, calls.get());
    }

    @Test
    void descriptionNamesTheErrorAndKeepsBluezMessage() {
        assertEquals("InProgress: Operation already in progress",
                BluezErrors.describe(new Error.InProgress("Operation already in progress")));
        assertEquals("org.bluez.Error.InProgress", BluezErrors.errorName(new Error.InProgress("x")));
    }
}
