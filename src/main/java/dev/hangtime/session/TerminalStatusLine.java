package dev.hangtime.session;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The session in the terminal. On a terminal: ONE status line rewritten in place (angle, phase,
 * time inverted against its limit, what to do next, the top alarm), at most ten times a second
 * and at once when the phase or an alarm changes. Elsewhere (a pipe, a log file): a plain line
 * whenever something the user must know changes, and a progress line every ten seconds of
 * session time, so a log stays readable.
 *
 * <p>Called on the session thread only.
 */
public final class TerminalStatusLine implements DisplaySink {

    /** Repaint at most this often on a terminal (host time): the eye reads no faster. */
    private static final long REPAINT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** In plain mode, a progress line this often (session time) when nothing else changed. */
    private static final long PLAIN_PROGRESS_MS = 10_000;

    private static final String CLEAR_TO_END = "\u001b[K";
    private static final String RESET = "\u001b[0m";
    private static final String HIGH_STYLE = "\u001b[1;97;41m";   // bold white on red (IEC 60601-1-8 high)
    private static final String MEDIUM_STYLE = "\u001b[1;30;43m"; // bold black on yellow (medium and low)
    private static final String STALE_STYLE = "\u001b[1;97;100m"; // bold white on grey

    private final PrintWriter out;
    private final boolean interactive;
    private final boolean colour;
    private final int width;
    private final LongSupplier nanoTime;

    private boolean lineOpen;
    private long lastPaintNanos;
    private String lastPainted = "";
    private String lastUrgentKey = "";
    private String lastPlainKey;
    private long lastPlainAtMs = Long.MIN_VALUE;

    /**
     * @param out         where to write
     * @param interactive true when {@code out} is a terminal: rewrite one line in place
     * @param colour      use ANSI colours for alarms (only when interactive)
     * @param width       the terminal's width in columns; the line is cut to fit
     * @param nanoTime    the host's monotonic clock, for the repaint rate
     */
    public TerminalStatusLine(PrintWriter out, boolean interactive, boolean colour, int width, LongSupplier nanoTime) {
        this.out = Objects.requireNonNull(out, "out");
        this.interactive = interactive;
        this.colour = colour && interactive;
        this.width = Math.max(20, width);
        this.nanoTime = nanoTime;
    }

    /**
     * For the process's standard output, written through {@code out}: in place when it is a terminal
     * (colour unless NO_COLOR is set), plain lines otherwise.
     */
    public static TerminalStatusLine forStdout(PrintWriter out) {
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        int columns = 100;
        String env = System.getenv("COLUMNS");
        if (env != null && env.matches("\\d{2,4}")) {
            columns = Integer.parseInt(env);
        }
        return new TerminalStatusLine(out, terminal, System.getenv("NO_COLOR") == null, columns,
                System::nanoTime);
    }

    @Override
    public void show(DisplaySnapshot s) {
        if (interactive) {
            paint(s);
        } else {
            logPlain(s);
        }
    }

    /** Prints a message on a line of its own, above the status line (which is repainted after). */
    public void message(String text) {
        closeLine(false);
        out.println(text);
        out.flush();
        lastPainted = "";
    }

    /** Ends the live line and prints the summary under a heading. */
    public void summary(String heading, List<String> lines) {
        closeLine(true);
        out.println(heading);
        for (String line : lines) {
            out.println("  " + line);
        }
        out.flush();
    }

    private void paint(DisplaySnapshot s) {
        String text = fit(render(s));
        String urgentKey = s.phase() + "|" + alarmKey(s) + "|" + s.angleWithheld();
        long now = nanoTime.getAsLong();
        boolean urgent = !urgentKey.equals(lastUrgentKey);
        if (text.equals(lastPainted) || (!urgent && lineOpen && now - lastPaintNanos < REPAINT_NANOS)) {
            return;
        }
        out.print("\r" + styled(text, s) + CLEAR_TO_END);
        out.flush();
        lineOpen = true;
        lastPainted = text;
        lastUrgentKey = urgentKey;
        lastPaintNanos = now;
    }

    private void logPlain(DisplaySnapshot s) {
        // numbers inside the instruction tick every second; only a new instruction is news
        String key = s.phase() + "|" + s.instruction().replaceAll("[0-9:]+", "#") + "|" + alarmKey(s) + "|"
                + s.angleWithheld() + "|" + s.link() + "|" + s.ended();
        boolean changed = !key.equals(lastPlainKey);
        if (!changed && s.clockMs() - lastPlainAtMs < PLAIN_PROGRESS_MS) {
            return;
        }
        out.println(render(s));
        out.flush();
        lastPlainKey = key;
        lastPlainAtMs = s.clockMs();
    }

    /** The status line as plain text (no colours, not cut to width). */
    public static String render(DisplaySnapshot s) {
        StringBuilder line = new StringBuilder();
        if (s.angleDeg() == null) {
            line.append(" NO DATA (").append(s.angleWithheld()).append(')');
        } else {
            line.append(String.format(Locale.ROOT, "%4d°", Math.round(s.angleDeg())));
        }
        line.append("  ").append(s.phaseLabel().toUpperCase(Locale.ROOT));
        line.append("  inverted ").append(elapsed(s.timeInvertedMs()));
        if (s.timeInvertedLimitMs() != null) {
            line.append('/').append(clock(s.timeInvertedLimitMs()));
        }
        if (!s.countdowns().isEmpty()) {
            DisplaySnapshot.Countdown first = s.countdowns().get(0);
            line.append("  ").append(first.label()).append(' ').append(clock(first.remainingMs()));
        }
        if (!s.instruction().isEmpty()) {
            line.append("  > ").append(s.instruction());
        }
        DisplaySnapshot.AlarmView alarm = s.topAlarm();
        if (alarm != null) {
            line.append("  ! ").append(alarm.priority()).append(": ").append(alarm.message());
        }
        if (!"connected".equals(s.link())) {
            line.append("  [link ").append(s.link()).append(']');
        }
        return line.toString();
    }

    /** Elapsed milliseconds as m:ss, rounded down: "0:09" means nine whole seconds. */
    static String elapsed(long ms) {
        long seconds = Math.max(0, ms) / 1000;
        return (seconds / 60) + ":" + String.format(Locale.ROOT, "%02d", seconds % 60);
    }

    /** Milliseconds left as m:ss, rounded up so "0:00" means really done. */
    static String clock(long ms) {
        long seconds = (Math.max(0, ms) + 999) / 1000;
        return (seconds / 60) + ":" + String.format(Locale.ROOT, "%02d", seconds % 60);
    }

    private String fit(String text) {
        // one column short of the width: writing the last column makes some terminals wrap
        return text.length() < width ? text : text.substring(0, width - 2) + "…";
    }

    private String styled(String text, DisplaySnapshot s) {
        if (!colour) {
            return text;
        }
        DisplaySnapshot.AlarmView alarm = s.topAlarm();
        if (alarm != null) {
            return ("HIGH".equals(alarm.priority()) ? HIGH_STYLE : MEDIUM_STYLE) + text + RESET;
        }
        if (s.angleDeg() == null) {
            return STALE_STYLE + text + RESET;
        }
        return text;
    }

    private static String alarmKey(DisplaySnapshot s) {
        DisplaySnapshot.AlarmView alarm = s.topAlarm();
        return alarm == null ? "" : alarm.priority() + ":" + alarm.reason();
    }

    /** Leaves the live line: kept as the last state in the scroll-back, or wiped for a message. */
    private void closeLine(boolean keepLast) {
        if (lineOpen) {
            out.print("\r" + CLEAR_TO_END);
            if (keepLast) {
                out.println(lastPainted);
            }
            lineOpen = false;
        }
    }
}
