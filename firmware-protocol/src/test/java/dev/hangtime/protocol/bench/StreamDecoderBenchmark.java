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
 * The main method also reports frames per CPU-second of the decoding thread, for shared machines.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.hangtime.protocol.bench.StreamDecoderBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@org.openjdk.jmh.annotations.Measurement(iterations = 4, time = 1)
@Fork(2)
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

    /**
     * Runs the JMH benchmark (wall-clock frames/s), then measures the same work against the decoding
     * thread's CPU time (frames per CPU-second), which stays meaningful when other processes share
     * the cores. Prints both.
     */
    public static void main(String[] args) throws RunnerException {
        exposeClassPathToForks();
        Options options = new OptionsBuilder().include(StreamDecoderBenchmark.class.getName()).build();
        List<String> lines = new ArrayList<>();
        for (RunResult r : new Runner(options).run()) {
            lines.add(String.format("JMH wall clock, chunkBytes=%s: %,.0f frames/s (± %,.0f, 99.9%% CI)",
                    r.getParams().getParam("chunkBytes"), r.getPrimaryResult().getScore(),
                    r.getPrimaryResult().getScoreError()));
        }
        for (int chunk : new int[] {64, 4096}) {
            lines.add(String.format("thread CPU time, chunkBytes=%d: median %,.0f frames per CPU-second of 7 rounds",
                    chunk, framesPerCpuSecond(chunk)));
        }
        lines.forEach(System.out::println);
    }

    /** Median over 7 rounds of half a CPU-second each, after 2 warm-up rounds. */
    static double framesPerCpuSecond(int chunkBytes) {
        StreamDecoderBenchmark bench = new StreamDecoderBenchmark();
        bench.chunkBytes = chunkBytes;
        bench.buildStream();
        long[] sequenceSum = {0};
        DecodeListener counting = new DecodeListener() {
            @Override
            public void onMessage(Message m) {
                sequenceSum[0] += ((dev.hangtime.protocol.Measurement) m).sequence(); // keeps the work observable
            }

            @Override
            public void onError(DecodeError e) {
                throw new IllegalStateException("decode error in a clean stream: " + e);
            }
        };
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] rounds = new double[7];
        for (int round = -2; round < rounds.length; round++) {
            long start = threads.getCurrentThreadCpuTime();
            long frames = 0;
            long spent;
            do {
                for (int pos = 0; pos < bench.stream.length; pos += chunkBytes) {
                    bench.decoder.feed(bench.stream, pos, Math.min(chunkBytes, bench.stream.length - pos), counting);
                }
                frames += FRAMES;
                spent = threads.getCurrentThreadCpuTime() - start;
            } while (spent < 500_000_000L);
            if (round >= 0) {
                rounds[round] = frames / (spent / 1e9);
            }
        }
        if (sequenceSum[0] == 0) {
            throw new IllegalStateException("no frames decoded");
        }
        java.util.Arrays.sort(rounds);
        return rounds[rounds.length / 2];
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
