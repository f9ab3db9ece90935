package dev.hangtime.device;

import java.time.Duration;
import java.util.Objects;

/**
 * How a link behaves; {@link #defaults()} suits a real table.
 *
 * @param commandTimeout     how long a command waits for the table's answer before TIMEOUT
 * @param initialBackoff     the first wait before reconnecting after a loss
 * @param maxBackoff         the backoff doubles up to this
 * @param probeInterval      how often a serial port is checked for a hang-up (the kernel
 *                           tells no one when a USB adapter is pulled or a pty's other side closes)
 * @param dbusAddress        the D-Bus bus BlueZ lives on; {@code null} for the system bus
 * @param scanTimeout        how long BLE discovery looks for a table before giving up
 * @param bluezRetries       how many times a BlueZ "operation in progress" answer is retried
 */
public record LinkOptions(Duration commandTimeout, Duration initialBackoff, Duration maxBackoff,
                          Duration probeInterval, String dbusAddress, Duration scanTimeout, int bluezRetries) {

    public LinkOptions {
        requirePositive("commandTimeout", commandTimeout);
        requirePositive("initialBackoff", initialBackoff);
        requirePositive("maxBackoff", maxBackoff);
        requirePositive("probeInterval", probeInterval);
        requirePositive("scanTimeout", scanTimeout);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff "
                    + initialBackoff);
        }
        if (dbusAddress != null && dbusAddress.isBlank()) {
            throw new IllegalArgumentException("dbusAddress must be null (system bus) or an address, was blank");
        }
        if (bluezRetries < 0) {
            throw new IllegalArgumentException("bluezRetries must be >= 0, was " + bluezRetries);
        }
    }

    /** One second per command, reconnect from 100 ms doubling to 5 s, 10 s BLE scan, system bus. */
    public static LinkOptions defaults() {
        return new LinkOptions(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofMillis(250), null, Duration.ofSeconds(10), 5);
    }

    public LinkOptions withCommandTimeout(Duration timeout) {
        return new LinkOptions(timeout, initialBackoff, maxBackoff, probeInterval, dbusAddress, scanTimeout,
                bluezRetries);
    }

    public LinkOptions withBackoff(Duration initial, Duration max) {
        return new LinkOptions(commandTimeout, initial, max, probeInterval, dbusAddress, scanTimeout, bluezRetries);
    }

    public LinkOptions withProbeInterval(Duration interval) {
        return new LinkOptions(commandTimeout, initialBackoff, maxBackoff, interval, dbusAddress, scanTimeout,
                bluezRetries);
    }

    public LinkOptions withDbusAddress(String address) {
        return new LinkOptions(commandTimeout, initialBackoff, maxBackoff, probeInterval, address, scanTimeout,
                bluezRetries);
    }

    public LinkOptions withScanTimeout(Duration timeout) {
        return new LinkOptions(commandTimeout, initialBackoff, maxBackoff, probeInterval, dbusAddress, timeout,
                bluezRetries);
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
