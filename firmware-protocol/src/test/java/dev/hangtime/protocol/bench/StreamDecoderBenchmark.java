package dev.hangtime.protocol.bench;

import dev.hangtime.protocol.DecodeError;
import dev.hangtime.protocol.DecodeListener;
import dev.hangtime.protocol.FrameCodec;
import dev.hangtime.protocol.MeasurementFlags;
import dev.hangtime.protocol.Message;
import dev.hangtime.protocol.StreamDecoder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Serial stream decoding throughput on one thread, in frames per second: a buffer of
 * {@value #FRAMES} Measurement frames (what a table sends most) goes through one
 * {@link StreamDecoder} in chunks of a given size, as a serial driver would hand them over.
 * Goal (issue 2): at least 5 million frames per second; a 115200-baud line carries about 576.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.hangtime.protocol.bench.StreamDecoderBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 1)
@Fork(3)
public class StreamDecoderBenchmark {

    static final int FRAMES = 1000;

    /** Bytes per delivery: 64 is a typical USB-serial read; 4096 a drained buffer. */
    @Param({"64", "4096"})
    int chunkBytes;

    private byte[] stream;
    private StreamDecoder decoder;
    private SinkListener sink;

    @Setup(Level.Trial)
    public void buildStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            // realistic values: a session in progress, angle sweeping, rate present on every 4th sample
            int flags = MeasurementFlags.CALIBRATED | MeasurementFlags.USER_SECURED | MeasurementFlags.SESSION_ACTIVE
                    | (i % 4 == 0 ? MeasurementFlags.ANGULAR_RATE_PRESENT : 0);
            out.writeBytes(FrameCodec.encode(new dev.hangtime.protocol.Measurement(flags, i, 1_000_000L + 50L * i,
                    (i * 37) % 9000, 20L * i, (i % 4 == 0) ? (i % 200) - 100 : 0)));
        }
        stream = out.toByteArray();
        decoder = new StreamDecoder();
    }

    @Setup(Level.Iteration)
    public void bindSink(Blackhole blackhole) {
        sink = new SinkListener(blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decodeMeasurementFrames() {
        for (int pos = 0; pos < stream.length; pos += chunkBytes) {
            decoder.feed(stream, pos, Math.min(chunkBytes, stream.length - pos), sink);
        }
        if (sink.errors != 0) {
            throw new IllegalStateException(sink.errors + " decode errors in a clean stream");
        }
    }

    /** Consumes messages so the JIT cannot drop the decoding. */
    static final class SinkListener implements DecodeListener {
        private final Blackhole blackhole;
        long errors;

        SinkListener(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void onMessage(Message m) {
            blackhole.consume(m);
        }

        @Override
        public void onError(DecodeError e) {
            errors++;
        }
    }

    /** Runs the benchmark and prints frames per second; arguments are passed to JMH's include pattern. */
    public static void main(String[] args) throws RunnerException {
        exposeClassPathToForks();
        Options options = new OptionsBuilder()
                .include(StreamDecoderBenchmark.class.getName() + (args.length > 0 ? args[0] : ""))
                .build();
        List<String> lines = new ArrayList<>();
        for (RunResult r : new Runner(options).run()) {
            lines.add(String.format("chunkBytes=%s: %,.0f frames/s (± %,.0f, %s)",
                    r.getParams().getParam("chunkBytes"), r.getPrimaryResult().getScore(),
                    r.getPrimaryResult().getScoreError(), r.getPrimaryResult().getScoreUnit()));
        }
        lines.forEach(System.out::println);
    }

    /**
     * JMH forks its measuring JVMs with {@code java.class.path}; under {@code exec:java} that is
     * Maven's launcher, not the test class path, so hand the forks the class loader's path.
     */
    private static void exposeClassPathToForks() {
        ClassLoader loader = StreamDecoderBenchmark.class.getClassLoader();
        if (!(loader instanceof URLClassLoader urls)) {
            return; // started with a plain -cp: java.class.path is already right
        }
        List<String> entries = new ArrayList<>();
        for (URL url : urls.getURLs()) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalStateException("class path entry is not a file: " + url, e);
            }
        }
        System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
    }
}
