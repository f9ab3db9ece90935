package dev.hangtime.device.serial;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import jssc.SerialPortList;

/** The serial ports a table could be on, for {@code hangtime devices}. */
public final class SerialPorts {

    /** USB serial adapters (FTDI, CP210x, CH340: ttyUSB) and USB CDC devices (Arduino-style boards: ttyACM). */
    private static final Pattern USB_PORT = Pattern.compile("tty(USB|ACM)\\d+");

    private SerialPorts() {
    }

    /**
     * The ports jssc finds plus every /dev/ttyUSB* and /dev/ttyACM* (jssc skips those it cannot open,
     * e.g. without permission: the user should still see them, and the error when opening says why).
     * Sorted, without duplicates.
     */
    public static List<String> list() {
        TreeSet<String> ports = new TreeSet<>(Arrays.asList(SerialPortList.getPortNames()));
        ports.addAll(usbPorts(Path.of("/dev")));
        return List.copyOf(ports);
    }

    /** The USB serial device nodes in {@code devDirectory}. */
    static List<String> usbPorts(Path devDirectory) {
        TreeSet<String> ports = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(devDirectory, "tty{USB,ACM}*")) {
            for (Path p : entries) {
                if (USB_PORT.matcher(p.getFileName().toString()).matches()) {
                    ports.add(p.toString());
                }
            }
        } catch (IOException e) {
            // no /dev to read (not Linux): jssc's list stands alone
        }
        return List.copyOf(ports);
    }
}
