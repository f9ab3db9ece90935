package dev.hangtime.simulator.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.DecodeError;
import dev.hangtime.protocol.DecodeListener;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.FrameCodec;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.StreamDecoder;
import dev.hangtime.simulator.RealTimeRunner;
import dev.hangtime.simulator.TableSimulation;
import dev.hangtime.simulator.scenario.Scenario;
import dev.hangtime.simulator.scenario.ScenarioLoader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jssc.SerialPort;
import jssc.SerialPortEvent;
import jssc.SerialPortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real jssc code on the simulator's real pseudo-terminal: frames decode, a control request
 * written to the port is answered, and line faults reach the client as bytes.
 */
class SerialPtyCarrierTest {

    private static final long WAIT_S = 10;

    private TableSimulation table;
    private SerialPtyCarrier carrier;
    private RealTimeRunner runner;
    private SerialPort port;
    private final StreamDecoder decoder = new StreamDecoder();
    private final List<Message> received = new ArrayList<>();
    private final List<DecodeError> errors = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(Predicate<List<Message>> condition, CompletableFuture<Void> done) {
    }

    @AfterEach
    void closeAll() throws SerialPortException {
        if (port != null && port.isOpened()) {
            port.closePort();
        }
        if (runner != null) {
            runner.close();
        }
        if (carrier != null) {
            carrier.close();
        }
    }

    @Test
    void jsscReadsValidFramesAndGetsAnAnswerToAControlRequest() throws Exception {
        serve(ScenarioLoader.load("compliant-morning"), 1.0);
        awaitMessages(ms -> countOf(ms, Measurement.class) >= 5);

        port.writeBytes(FrameCodec.encode(new ControlRequest(42, new ControlCommand.RequestControl())));
        port.writeBytes(FrameCodec.encode(new ControlRequest(43, new ControlCommand.ReadDeviceInfo())));
        awaitMessages(ms -> ms.contains(new ControlResponse(43, 0x09, ControlResponse.ResultCode.SUCCESS)));

        synchronized (received) {
            assertTrue(received.contains(new ControlResponse(42, 0x01, ControlResponse.ResultCode.SUCCESS)), received::toString);
            DeviceInfo info = (DeviceInfo) received.stream().filter(m -> m instanceof DeviceInfo).reduce((a, b) -> b).orElseThrow();
            assertEquals("Hangtime virtual table", info.tableModel());
            assertEquals(20, info.sampleRateHz());
            List<Measurement> ms = received.stream().filter(m -> m instanceof Measurement).map(m -> (Measurement) m).toList();
            for (int i = 1; i < ms.size(); i++) {
                assertEquals((ms.get(i - 1).sequence() + 1) & 0xFFFF, ms.get(i).sequence(), "no gaps on a clean line");
            }
            // the table's flush byte when the line opened is an empty frame (PROTOCOL.md §5.4), nothing else
            assertEquals(List.of(DecodeError.Kind.EMPTY_FRAME), errors.stream().map(DecodeError::kind).toList());
        }
        assertEquals(2, carrier.incomingCounters().framesDecoded(), "the table decoded both requests");
    }

    @Test
    void garbageAndCorruptFramesReachTheClientAsBytesAndTheDecoderResynchronises() throws Exception {
        Scenario s = ScenarioLoader.parse(new StringReader("""
                seed: 5
                user:
                  start: at-once
                  script:
                    - hold: 1h
                faults:
                  - at: 200ms
                    fault: garbage
                    bytes: 64
                  - at: 400ms
                    fault: crc-errors
                    frames: 3
                """), "line-faults.yaml", "line-faults");
        serve(s, 4.0);
        awaitMessages(ms -> countOf(ms, Measurement.class) >= 40);
        synchronized (received) {
            long badCrc = errors.stream().filter(e -> e.kind() == DecodeError.Kind.BAD_CRC).count();
            assertTrue(badCrc >= 3, "the three corrupted frames fail their CRC: " + errors);
            assertTrue(carrier.bytesWritten() > 64);
        }
    }

    private void serve(Scenario scenario, double speed) throws Exception {
        table = new TableSimulation(scenario);
        carrier = SerialPtyCarrier.open(table);
        port = new SerialPort(carrier.slavePath());
        port.openPort();
        port.setParams(SerialPort.BAUDRATE_115200, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE);
        port.addEventListener(this::onSerialEvent, SerialPort.MASK_RXCHAR);
        runner = RealTimeRunner.start(table.clock(), speed);
    }

    private void onSerialEvent(SerialPortEvent event) {
        try {
            byte[] bytes = port.readBytes();
            if (bytes == null) {
                return;
            }
            synchronized (received) {
                decoder.feed(bytes, new DecodeListener() {
                    @Override
                    public void onMessage(Message message) {
                        received.add(message);
                    }

                    @Override
                    public void onError(DecodeError error) {
                        errors.add(error);
                    }
                });
                for (Waiter w : waiters) {
                    if (w.condition().test(received)) {
                        w.done().complete(null);
                    }
                }
            }
        } catch (SerialPortException e) {
            synchronized (received) {
                waiters.forEach(w -> w.done().completeExceptionally(e));
            }
        }
    }

    private void awaitMessages(Predicate<List<Message>> condition) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (received) {
            if (condition.test(received)) {
                return;
            }
            waiters.add(new Waiter(condition, done));
        }
        done.get(WAIT_S, TimeUnit.SECONDS);
    }

    private static long countOf(List<Message> ms, Class<? extends Message> type) {
        return ms.stream().filter(type::isInstance).count();
    }
}
