package dev.hangtime.cli.bench;

import dev.hangtime.web.Browser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory and CPU of {@code hangtime run} with the display and several browsers open: the real
 * program as a child process ({@code java -jar target/hangtime.jar run --device sim --web}) on the
 * built-in simulator's 50 Hz sensor, with N headless Chromium pages on the display, for a while.
 * Every few seconds it reads the child's resident memory ({@code VmRSS} in /proc/PID/status) and
 * CPU time ({@code utime + stime} in /proc/PID/stat), and prints the series and its summary.
 *
 * <p>The routine never starts ({@code --wait-for-start}): the table streams at 50 Hz, every sample
 * is recorded and every snapshot goes to every page for as long as the run lasts.
 *
 * <p>Run (after {@code mvn -o -q -DskipTests package}): {@code mvn -o -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.hangtime.cli.bench.DisplayLoadBenchmark
 * -Dexec.args="SECONDS BROWSERS INTERVAL_S [JVM_OPTION...]"} (default 600 3 5).
 */
public final class DisplayLoadBenchmark {

    private static final Pattern DISPLAY_URL = Pattern.compile("Display: (http://\\S+)");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

    private DisplayLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int browsers = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int intervalS = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<String> jvmOptions = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
        Path root = Path.of(System.getProperty("hangtime.projectRoot", "."));
        Path jar = root.resolve("target").resolve("hangtime.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -o -q -DskipTests package");
        }
        Path dir = Files.createTempDirectory("hangtime-load-");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "run", "--device", "sim", "--web", "--port", "0",
                "--wait-for-start", "--data-dir", dir.resolve("data").toString(),
                "--config-dir", dir.resolve("config").toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher m = DISPLAY_URL.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();

        List<Browser> pages = new ArrayList<>();
        try {
            String address = url.get(60, TimeUnit.SECONDS);
            for (int i = 0; i < browsers; i++) {
                Browser browser = Browser.open();
                pages.add(browser);
                browser.driver().get(address);
            }
            System.out.printf(Locale.ROOT, "hangtime run (pid %d, JVM options %s) with %d pages on %s, %d s, every %d s;"
                    + " load average %s%n", child.pid(), jvmOptions, browsers, address, seconds, intervalS,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.println("t_s,rss_mb,cpu_percent");
            List<double[]> series = new ArrayList<>();
            long startNanos = System.nanoTime();
            long lastTicks = cpuTicks(child.pid());
            long lastNanos = startNanos;
            while (System.nanoTime() - startNanos < TimeUnit.SECONDS.toNanos(seconds)) {
                Thread.sleep(intervalS * 1000L); // the sampling period
                long nowNanos = System.nanoTime();
                long ticks = cpuTicks(child.pid());
                double cpu = 100.0 * (ticks - lastTicks) / CLOCK_TICKS_PER_SECOND
                        / ((nowNanos - lastNanos) / 1e9);
                double rssMb = rssKb(child.pid()) / 1024.0;
                double t = (nowNanos - startNanos) / 1e9;
                series.add(new double[] {t, rssMb, cpu});
                System.out.printf(Locale.ROOT, "%.0f,%.1f,%.1f%n", t, rssMb, cpu);
                lastTicks = ticks;
                lastNanos = nowNanos;
            }
            summarise(series);
            int live = 0;
            for (Browser page : pages) {
                Object stale = page.script("return document.getElementById('screen').dataset.stale;");
                live += "false".equals(stale) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "pages still live at the end: %d of %d%n", live, pages.size());
        } finally {
            for (Browser page : pages) {
                page.close();
            }
            new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start().waitFor();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static void summarise(List<double[]> series) {
        double min = Double.MAX_VALUE;
        double max = 0;
        double cpuSum = 0;
        for (double[] row : series) {
            min = Math.min(min, row[1]);
            max = Math.max(max, row[1]);
            cpuSum += row[2];
        }
        int n = series.size();
        int tenth = Math.max(1, n / 10);
        double firstTenth = series.subList(0, tenth).stream().mapToDouble(r -> r[1]).average().orElse(0);
        double lastTenth = series.subList(n - tenth, n).stream().mapToDouble(r -> r[1]).average().orElse(0);
        System.out.printf(Locale.ROOT, "RSS: min %.1f MB, max %.1f MB; mean of the first tenth %.1f MB, of the last"
                + " tenth %.1f MB (drift %+.1f MB); CPU: mean %.1f%% of one core over %d samples%n",
                min, max, firstTenth, lastTenth, lastTenth - firstTenth, cpuSum / n, n);
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // the command name may hold spaces: the fields that follow start after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
    }
}
