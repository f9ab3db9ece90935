package dev.hangtime.device;

import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.MessageChannel;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-written table behind a {@link MessageChannel} for the link core's unit tests: it answers
 * the handshake, answers each op code with a scripted result (or not at all), and lets the test
 * push messages and drop or restore the link. Every request it receives is queued for the test.
 */
final class ScriptedTable implements MessageChannel {

    static final DeviceInfo INFO = new DeviceInfo(DeviceInfo.PROTOCOL_MAJOR, 0, "1.4.2", "Scripted table",
            -8000, 9000, 0, 20);

    private final Map<ControlCommand.OpCode, ControlResponse.ResultCode> results = new ConcurrentHashMap<>();
    final BlockingQueue<ControlRequest> requests = new LinkedBlockingQueue<>();
    private volatile Listener listener;
    private volatile DeviceInfo info = INFO;
    private volatile boolean up = true;
    volatile boolean closed;

    ScriptedTable() {
        results.put(ControlCommand.OpCode.REQUEST_CONTROL, ControlResponse.ResultCode.SUCCESS);
        results.put(ControlCommand.OpCode.READ_DEVICE_INFO, ControlResponse.ResultCode.SUCCESS);
    }

    /** Answers {@code op} with {@code result} from now on. */
    ScriptedTable answer(ControlCommand.OpCode op, ControlResponse.ResultCode result) {
        results.put(op, result);
        return this;
    }

    /** Leaves {@code op} unanswered from now on. */
    ScriptedTable ignore(ControlCommand.OpCode op) {
        results.remove(op);
        return this;
    }

    ScriptedTable reportInfo(DeviceInfo deviceInfo) {
        this.info = deviceInfo;
        return this;
    }

    @Override
    public void open(Listener l) {
        if (listener != null) {
            throw new IllegalStateException("open() called twice");
        }
        listener = l;
    }

    @Override
    public void send(Message message) {
        if (!up || !(message instanceof ControlRequest request)) {
            return;
        }
        requests.add(request);
        ControlResponse.ResultCode result = results.get(request.command().opCode());
        if (result != null) {
            // PROTOCOL.md §4.1: the Device Info frame, then the response
            if (request.command() instanceof ControlCommand.ReadDeviceInfo && result == ControlResponse.ResultCode.SUCCESS) {
                push(info);
            }
            push(new ControlResponse(request.requestId(), request.command().opCodeByte(), result));
        }
    }

    /** Sends a message to the companion, as the table. */
    void push(Message m) {
        if (up) {
            listener.onMessage(m);
        }
    }

    void drop(String reason) {
        up = false;
        listener.onLinkDown(reason);
    }

    void restore() {
        up = true;
        listener.onLinkUp();
    }

    /** The next request the companion sent, waiting up to 10 s. */
    ControlRequest nextRequest() throws InterruptedException {
        ControlRequest r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived within 10 s");
        }
        return r;
    }

    @Override
    public void close() {
        closed = true;
    }
}
