package dev.hangtime.device.serial;

import dev.hangtime.device.AbstractTableLink;
import dev.hangtime.device.LinkException;
import dev.hangtime.device.LinkOptions;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.DecodeError;
import dev.hangtime.protocol.DecodeListener;
import dev.hangtime.protocol.FrameCodec;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.StreamDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import jssc.SerialPort;
import jssc.SerialPortEvent;
import jssc.SerialPortEventListener;
import jssc.SerialPortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table on a serial port (a USB adapter, a UART, or a pseudo-terminal), through jssc: 115200
 * baud 8N1 (PROTOCOL.md §5.1), COBS frames with a CRC-32C each.
 *
 * <p>jssc's event thread only reads the bytes, feeds the {@link StreamDecoder} and hands the
 * messages on. The kernel tells a reader nothing when a USB adapter is pulled or a pty's other
 * side closes (the tty is hung up; reads see nothing), so the port is probed every
 * {@link LinkOptions#probeInterval()} with a FIONREAD, which fails on a hung-up tty; a failed
 * write tells the same sooner.
 */
public final class SerialTableLink extends AbstractTableLink {

    private static final Logger log = LoggerFactory.getLogger(SerialTableLink.class);
    /** PROTOCOL.md §5.1. */
    static final int BAUD_RATE = SerialPort.BAUDRATE_115200;

    private final String portPath;

    public SerialTableLink(String portPath, LinkOptions options, Clock clock, MeterRegistry metrics) {
        super("serial", options, clock, metrics);
        this.portPath = Objects.requireNonNull(portPath, "portPath");
    }

    @Override
    public String describe() {
        return "serial " + portPath;
    }

    @Override
    protected Connection openConnection(Carrier carrier) throws LinkException {
        SerialPort port = new SerialPort(portPath);
        try {
            port.openPort();
        } catch (SerialPortException e) {
            throw explain(e);
        }
        try {
            // 8N1 at 115200; false means the modem lines could not be set, which a pseudo-terminal
            // (it has none) always answers: the line settings themselves took effect
            if (!port.setParams(BAUD_RATE, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE)) {
                log.debug("{}: no modem control lines (a pseudo-terminal?)", describe());
            }
            // bytes from before this connection are half a frame at best; the decoder would resync anyway
            port.purgePort(SerialPort.PURGE_RXCLEAR | SerialPort.PURGE_TXCLEAR);
            port.addEventListener(new Reader(port, carrier), SerialPort.MASK_RXCHAR);
        } catch (SerialPortException e) {
            closeQuietly(port);
            throw new LinkException(LinkException.Problem.IO, describe() + ": could not configure the port: "
                    + reasonOf(e), e);
        }
        return new Connection() {
            @Override
            public void transmit(ControlRequest request) throws IOException {
                if (!port.writeBytes(FrameCodec.encode(request))) {
                    throw new IOException("short write to " + portPath);
                }
            }

            @Override
            public boolean readsDeviceInfoWithCommand() {
                return true;
            }

            @Override
            public void probe() throws IOException {
                try {
                    port.getInputBufferBytesCount();
                } catch (SerialPortException e) {
                    throw new IOException("the port is gone (" + reasonOf(e) + ")", e);
                }
            }

            @Override
            public void close() {
                closeQuietly(port);
            }
        };
    }

    /** jssc's event thread: read what is there, decode, hand on. Nothing else happens here. */
    private final class Reader implements SerialPortEventListener, DecodeListener {
        private final SerialPort port;
        private final Carrier carrier;
        private final StreamDecoder decoder = new StreamDecoder();

        Reader(SerialPort port, Carrier carrier) {
            this.port = port;
            this.carrier = carrier;
        }

        @Override
        public void serialEvent(SerialPortEvent event) {
            int available = event.getEventValue();
            if (!event.isRXCHAR() || available <= 0) {
                return;
            }
            byte[] bytes;
            try {
                bytes = port.readBytes(available);
            } catch (SerialPortException e) {
                carrier.lost(describe() + ": read failed: " + reasonOf(e));
                return;
            }
            if (bytes != null) {
                decoder.feed(bytes, 0, bytes.length, this);
            }
        }

        @Override
        public void onMessage(Message m) {
            carrier.message(m);
        }

        @Override
        public void onError(DecodeError e) {
            carrier.decodeError(e);
        }
    }

    /** A failed open as the user should read it: what, where, and what to do. */
    LinkException explain(SerialPortException e) {
        String type = e.getExceptionType();
        if (SerialPortException.TYPE_PORT_NOT_FOUND.equals(type)) {
            return new LinkException(LinkException.Problem.NO_SUCH_PORT, "no such serial port " + portPath
                    + " (is the table plugged in? `hangtime devices` lists the ports)", e);
        }
        if (SerialPortException.TYPE_PERMISSION_DENIED.equals(type)) {
            return new LinkException(LinkException.Problem.PERMISSION_DENIED, "permission denied on " + portPath
                    + " (add your user to the port's group, usually dialout: sudo usermod -aG dialout $USER,"
                    + " then log in again)", e);
        }
        if (SerialPortException.TYPE_PORT_BUSY.equals(type)) {
            return new LinkException(LinkException.Problem.PORT_BUSY, "serial port " + portPath
                    + " is busy: another program has it open (close it, or check with: fuser " + portPath + ")", e);
        }
        if (SerialPortException.TYPE_INCORRECT_SERIAL_PORT.equals(type)) {
            return new LinkException(LinkException.Problem.NOT_A_SERIAL_PORT, portPath + " is not a serial port", e);
        }
        return new LinkException(LinkException.Problem.IO, "could not open " + portPath + ": " + reasonOf(e), e);
    }

    /** jssc's message repeats the port and method; its exception type is the useful part. */
    private static String reasonOf(SerialPortException e) {
        String type = e.getExceptionType();
        return type != null ? type : e.getMessage();
    }

    private void closeQuietly(SerialPort port) {
        try {
            if (port.isOpened()) {
                port.closePort();   // also stops jssc's event thread
            }
        } catch (SerialPortException e) {
            log.debug("{}: close failed: {}", describe(), reasonOf(e));
        }
    }
}
