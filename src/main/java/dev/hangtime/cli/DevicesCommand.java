package dev.hangtime.cli;

import dev.hangtime.device.LinkException;
import dev.hangtime.device.ble.BleScanner;
import dev.hangtime.device.ble.BleTable;
import dev.hangtime.device.ble.DbusAddresses;
import dev.hangtime.device.serial.SerialPorts;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hangtime devices}: the serial ports a table could be on and the tables in Bluetooth
 * range (name, address, signal), so the user knows what to pass to {@code --device}.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List serial ports and Hangtime tables in Bluetooth range.",
                "Exit codes: 0 listed; 1 Bluetooth could not be scanned (no adapter, BlueZ not running,"
                        + " bus unreachable); 2 bad arguments."})
public final class DevicesCommand implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s)?");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dbus-address", paramLabel = "ADDRESS",
            description = "The D-Bus bus BlueZ is on (default: the system bus), e.g. unix:path=/tmp/sim-bus.")
    String dbusAddress;

    @Option(names = "--scan-timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "How long to scan for tables: 5s, 1500ms (default: ${DEFAULT-VALUE}).")
    String scanTimeout;

    @Option(names = "--no-ble", description = "List serial ports only.")
    boolean noBle;

    @Option(names = "--no-serial", description = "Scan for Bluetooth tables only.")
    boolean noSerial;

    @Override
    public Integer call() throws Exception {
        Duration timeout = parseTimeout(scanTimeout);
        if (dbusAddress != null) {
            try {
                DbusAddresses.check(dbusAddress);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--dbus-address: " + e.getMessage(), e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!noSerial) {
            List<String> ports = SerialPorts.list();
            out.println("Serial ports:");
            if (ports.isEmpty()) {
                out.println("  (none found)");
            }
            ports.forEach(p -> out.println("  " + p + "    --device serial:" + p));
            out.flush();
        }
        if (!noBle) {
            String bus = dbusAddress == null ? "the system bus" : dbusAddress;
            List<BleTable> tables;
            try {
                tables = BleScanner.scan(dbusAddress, timeout);
            } catch (LinkException e) {
                // FriendlyErrors prints it as one line, exit code 1: the machine, not the user's input
                throw new DeviceProblem(e.getMessage(), e);
            }
            out.println("Tables in Bluetooth range (scanned " + describe(timeout) + " on " + bus + "):");
            if (tables.isEmpty()) {
                out.println("  (none found: is the table switched on and near?)");
            }
            for (BleTable t : tables) {
                out.printf("  %-24s %s  %4d dBm    --device ble:%s%n", t.name(), t.address(), t.rssiDbm(), t.address());
            }
            out.flush();
        }
        return 0;
    }

    /** "5s", "1500ms" or a bare number of seconds; 100 ms to 10 minutes. */
    static Duration parseTimeout(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new UserInputException("--scan-timeout: \"" + text + "\" is not a duration (like 5s or 1500ms)");
        }
        Duration d;
        try {
            long amount = Long.parseLong(m.group(1));
            d = "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        } catch (NumberFormatException tooManyDigits) {
            d = null; // more than a long holds: far outside the range below
        }
        if (d == null || d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new UserInputException("--scan-timeout: " + text + " is outside 100ms..600s");
        }
        return d;
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Bluetooth could not be scanned; the message says why and what to do. */
    static final class DeviceProblem extends RuntimeException {
        DeviceProblem(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
