package dev.hangtime.device.bench;

import dev.hangtime.device.LinkEvent;
import dev.hangtime.device.LinkOptions;
import dev.hangtime.device.serial.SerialTableLink;
import dev.hangtime.engine.AlarmPriority;
import dev.hangtime.engine.EngineConfig;
import dev.hangtime.engine.EngineEvent;
import dev.hangtime.engine.ProfileLimits;
import dev.hangtime.engine.Routine;
import dev.hangtime.engine.RoutineLimits;
import dev.hangtime.engine.RoutineStep;
import dev.hangtime.engine.Sample;
import dev.hangtime.engine.SessionEngine;
import dev.hangtime.engine.SessionState;
import dev.hangtime.engine.StepResult;
import dev.hangtime.engine.TableCommand;
import dev.hangtime.protocol.ControlCommand;
import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.ControlResponse;
import dev.hangtime.protocol.DecodeError;
import dev.hangtime.protocol.DecodeListener;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.FrameCodec;
import dev.hangtime.protocol.Measurement;
import dev.hangtime.protocol.MeasurementFlags;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.StreamDecoder;
import dev.hangtime.simulator.carrier.PseudoTerminal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jssc.SerialPort;
import jssc.SerialPortException;

/**
 * Time to safety over the real serial path: from the simulated table writing an over-limit sample
 * into the simulator's pseudo-terminal to the table reading the companion's High alarm command back
 * from it. In between: jssc's event thread reads and decodes the frame, the link hands the sample to
 * a session loop thread (as the real session does), the engine steps, and the command goes back
 * through the link's writer and jssc. The same run measures the raw baseline: a frame-sized echo
 * through the same kind of pseudo-terminal, echoed by a jssc event listener.
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -o -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.hangtime.device.bench.TimeToSafetyBenchmark [-Dexec.args="10000 3"]
 * </pre>
 * Arguments: measured events (default 10000, at least 10000), milliseconds between events
 * (default 3; a table sends at most every 20 ms). Both figures include jssc's Linux event loop,
 * which does not block on the port: it checks it and sleeps 1 ms, about a thousand times a second,
 * so a byte waits half a millisecond on average before anyone sees it. That is the baseline's
 * largest term too, which is why the baseline goes through jssc as well.
 */
public final class TimeToSafetyBenchmark {

    private static final int WARMUP_EVENTS = 2_000;
    /** PROTOCOL.md §3.1: 0.01° units. The routine's limit is 30°; this is 0.5° above it. */
    private static final int OVER_LIMIT_CENTIDEG = 3050;

    private TimeToSafetyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long pauseNanos = TimeUnit.MILLISECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 3);
        // the benchmark's own figures are the output; library chatter stays out of it
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        if (events < 10_000) {
            throw new IllegalArgumentException("at least 10000 events, for a p99 worth the name; was " + events);
        }
        System.out.printf(Locale.ROOT, "time to safety over a pseudo-terminal: %d events (+%d warm-up), %d ms apart%n",
                events, WARMUP_EVENTS, TimeUnit.NANOSECONDS.toMillis(pauseNanos));
        long[] baseline = echoBaseline(events, pauseNanos);
        long[] safety = timeToSafety(events, pauseNanos);
        report("raw echo (baseline)", baseline);
        report("sample -> alarm", safety);
        double ratio = (double) percentile(safety, 99) / percentile(baseline, 99);
        System.out.printf(Locale.ROOT, "p99 ratio to baseline: %.2fx (goal: p99 < 2 ms and < 5x baseline) -> %s%n",
                ratio, percentile(safety, 99) < 2_000_000 && ratio < 5 ? "met" : "NOT met");
        System.exit(0);   // jssc's native loader leaves no non-daemon thread, but be sure the JVM ends
    }

    // ------------------------------------------------------------------ the full path

    private static long[] timeToSafety(int events, long pauseNanos) throws Exception {
        Armed armed = Armed.beginnerInBand();
        // every over-limit sample arrives "one period after" the armed state, so the clock the link
        // stamps samples with is that instant; the engine then does exactly the step it would do live
        Clock clock = Clock.fixed(Instant.ofEpochMilli(armed.nextNowMs), ZoneOffset.UTC);
        BlockingQueue<LinkEvent> sessionQueue = new LinkedBlockingQueue<>();
        CountDownLatch linkUp = new CountDownLatch(1);
        try (PseudoTerminal pty = PseudoTerminal.open();
             BenchTable table = new BenchTable(pty);
             SerialTableLink link = new SerialTableLink(pty.slavePath(), LinkOptions.defaults(), clock,
                     new SimpleMeterRegistry())) {
            link.start(sessionQueue::add);   // the link's thread only enqueues, as the session's listener does
            Thread sessionLoop = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        LinkEvent e = sessionQueue.take();
                        if (e instanceof LinkEvent.LinkUp) {
                            linkUp.countDown();
                        } else if (e instanceof LinkEvent.SampleArrived s) {
                            Sample sample = s.sample();
                            StepResult r = armed.engine.step(armed.state, new EngineEvent.SampleReceived(sample),
                                    sample.receivedAtMs());
                            for (TableCommand c : r.commands()) {
                                link.send(c);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "session-loop");
            sessionLoop.setDaemon(true);
            sessionLoop.start();
            // samples before LinkUp would meet a link that refuses commands (LINK_DOWN), not the path
            if (!linkUp.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the link did not come up within 30 s");
            }

            Measurement overLimit = new Measurement(MeasurementFlags.CALIBRATED | MeasurementFlags.USER_SECURED,
                    armed.nextSequence, armed.nextNowMs, OVER_LIMIT_CENTIDEG, 60_000, 0);
            byte[] frame = FrameCodec.encode(overLimit);
            long[] latencies = new long[events];
            long last = System.nanoTime();
            for (int i = -WARMUP_EVENTS; i < events; i++) {
                last = pace(last, pauseNanos);
                long sentAt = System.nanoTime();
                writeAll(pty, frame);
                long alarmAt = table.awaitHighAlarm();
                if (i >= 0) {
                    latencies[i] = alarmAt - sentAt;
                }
            }
            sessionLoop.interrupt();
            return latencies;
        }
    }

    /** The engine, and a session state just inside the band with no alarm, to step from on every event. */
    private record Armed(SessionEngine engine, SessionState state, int nextSequence, long nextNowMs) {

        /** A beginner routine (limit 30°), secured at 0°, started, tilted to 22°: 100 ms samples. */
        static Armed beginnerInBand() {
            Routine routine = new Routine("benchmark", "time to safety", new RoutineLimits(30, 120_000,
                    Optional.empty()), List.of(new RoutineStep.Tilt(20, 30, ""), new RoutineStep.Hold(60_000, 90_000, ""),
                    new RoutineStep.Rest(30_000, ""), new RoutineStep.Upright("")));
            SessionEngine engine = new SessionEngine(EngineConfig.of(routine, ProfileLimits.none()));
            long now = 1_000_000;
            int seq = 0;
            SessionState state = engine.initialState(now);
            for (int i = 0; i < 5; i++) {
                state = engine.step(state, sample(seq++, now += 100, 0), now).state();
            }
            state = engine.step(state, new EngineEvent.UserAction(EngineEvent.UserAction.Kind.START), now).state();
            // to 22°: inside the 20-30° band and short of the 25° advisory, so no alarm sounds yet
            for (int i = 1; i <= 22; i++) {
                state = engine.step(state, sample(seq++, now += 100, i), now).state();
            }
            if (!state.activeAlarms().isEmpty()) {
                throw new IllegalStateException("the armed state must have no alarm, has " + state.activeAlarms());
            }
            // the step the benchmark repeats must sound the High alarm, or it measures nothing
            StepResult check = engine.step(state, sample(seq, now + 100, OVER_LIMIT_CENTIDEG / 100.0), now + 100);
            if (!check.commands().contains(new TableCommand.SoundAlarm(AlarmPriority.HIGH))) {
                throw new IllegalStateException("an over-limit sample did not sound the High alarm: " + check.commands());
            }
            System.out.println("the engine's commands for each over-limit sample: " + check.commands());
            return new Armed(engine, state, seq, now + 100);
        }

        private static EngineEvent sample(int seq, long nowMs, double angleDeg) {
            return new EngineEvent.SampleReceived(new Sample(seq, nowMs, nowMs, angleDeg, 0, true, true, false, false));
        }
    }

    /**
     * The table's side of the pseudo-terminal: answers the handshake and every command, and notes
     * when a Set Alarm High request has been read in full.
     */
    private static final class BenchTable implements AutoCloseable, DecodeListener {
        private static final DeviceInfo INFO = new DeviceInfo(DeviceInfo.PROTOCOL_MAJOR, 0, "bench", "Benchmark table",
                -8000, 9000, DeviceInfo.BUZZER, 50);
        private final PseudoTerminal pty;
        private final StreamDecoder decoder = new StreamDecoder();
        private final BlockingQueue<Long> highAlarms = new ArrayBlockingQueue<>(16);
        private final Thread reader;
        private volatile boolean running = true;

        BenchTable(PseudoTerminal pty) {
            this.pty = pty;
            reader = new Thread(this::read, "bench-table");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            byte[] buffer = new byte[512];
            try {
                while (running) {
                    int n = pty.read(buffer, 100);
                    if (n < 0) {
                        return;
                    }
                    decoder.feed(buffer, 0, n, this);
                }
            } catch (IOException e) {
                if (running) {
                    throw new IllegalStateException("the table's side of the pty failed", e);
                }
            }
        }

        @Override
        public void onMessage(Message m) {
            long at = System.nanoTime();
            if (!(m instanceof ControlRequest r)) {
                return;
            }
            if (r.command() instanceof ControlCommand.SetAlarm a && a.pattern() == ControlCommand.AlarmPattern.HIGH) {
                highAlarms.add(at);
            }
            if (r.command() instanceof ControlCommand.ReadDeviceInfo) {
                answer(INFO);   // PROTOCOL.md §4.1: the Device Info frame, then the response
            }
            answer(new ControlResponse(r.requestId(), r.command().opCodeByte(), ControlResponse.ResultCode.SUCCESS));
        }

        @Override
        public void onError(DecodeError e) {
            throw new IllegalStateException("the companion sent a bad frame: " + e);
        }

        private void answer(Message m) {
            try {
                writeAll(pty, FrameCodec.encode(m));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        long awaitHighAlarm() throws InterruptedException {
            Long at = highAlarms.poll(10, TimeUnit.SECONDS);
            if (at == null) {
                throw new IllegalStateException("no High alarm command within 10 s of an over-limit sample");
            }
            return at;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            reader.join(5_000);   // PseudoTerminal.close: no read may run on a closed descriptor
        }
    }

    // ------------------------------------------------------------------ the baseline

    /** A frame-sized echo: table side writes, a jssc listener on the other side echoes, table reads it back. */
    private static long[] echoBaseline(int events, long pauseNanos) throws Exception {
        byte[] payload = FrameCodec.encode(new Measurement(MeasurementFlags.CALIBRATED, 1, 1, OVER_LIMIT_CENTIDEG, 0, 0));
        long[] latencies = new long[events];
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            SerialPort port = new SerialPort(pty.slavePath());
            port.openPort();
            port.setParams(SerialPort.BAUDRATE_115200, 8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE);
            port.addEventListener(event -> {
                if (event.isRXCHAR() && event.getEventValue() > 0) {
                    try {
                        port.writeBytes(port.readBytes(event.getEventValue()));
                    } catch (SerialPortException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, SerialPort.MASK_RXCHAR);
            byte[] buffer = new byte[512];
            long last = System.nanoTime();
            try {
                for (int i = -WARMUP_EVENTS; i < events; i++) {
                    last = pace(last, pauseNanos);
                    long sentAt = System.nanoTime();
                    writeAll(pty, payload);
                    int got = 0;
                    while (got < payload.length) {
                        int n = pty.read(buffer, 10_000);
                        if (n <= 0) {
                            throw new IllegalStateException("the echo did not come back");
                        }
                        got += n;
                    }
                    if (i >= 0) {
                        latencies[i] = System.nanoTime() - sentAt;
                    }
                }
            } finally {
                port.closePort();
            }
        }
        return latencies;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Writes all of {@code bytes}, as a UART would transmit them. The simulator's pty master is
     * non-blocking, and under load the kernel now and then takes nothing for a few hundred
     * microseconds (EAGAIN while its buffer work is pending): retry until it has taken everything.
     * The time this takes counts in the measured latency.
     */
    private static void writeAll(PseudoTerminal pty, byte[] bytes) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        int written = pty.write(bytes, 0, bytes.length);
        while (written < bytes.length) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pseudo-terminal took only " + written + " of " + bytes.length
                        + " bytes in 1 s: nobody reads its other side");
            }
            Thread.onSpinWait();
            written += pty.write(bytes, written, bytes.length - written);
        }
    }

    /** Waits until {@code pauseNanos} after {@code last}; returns the new start. */
    private static long pace(long last, long pauseNanos) {
        long until = last + pauseNanos;
        long now;
        while ((now = System.nanoTime()) < until) {
            LockSupport.parkNanos(until - now);
        }
        return now;
    }

    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void report(String what, long[] nanos) {
        long max = Arrays.stream(nanos).max().orElse(0);
        System.out.printf(Locale.ROOT, "%-22s p50 %7.1f us   p99 %7.1f us   p99.9 %7.1f us   max %8.1f us   (n=%d)%n",
                what, percentile(nanos, 50) / 1e3, percentile(nanos, 99) / 1e3, percentile(nanos, 99.9) / 1e3,
                max / 1e3, nanos.length);
    }

}
