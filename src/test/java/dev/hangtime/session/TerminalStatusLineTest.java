package dev.hangtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TerminalStatusLineTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
    private long hostNanos;

    private String written() {
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private TerminalStatusLine terminal(int width) {
        return new TerminalStatusLine(out, true, false, width, () -> hostNanos);
    }

    @Test
    void lineSaysAngleProgressCountdownInstructionAndAlarm() {
        assertEquals("  25°  HOLDING  inverted 0:18/2:00  hold 0:42  > Hold steady at 25°",
                TerminalStatusLine.render(TestSnapshots.holding(1, 24.6)));
        assertEquals("  33°  ALARM  inverted 0:18/2:00  hold 0:42  > Return to horizontal now"
                        + "  ! HIGH: Return to horizontal now: 30° limit passed",
                TerminalStatusLine.render(TestSnapshots.overLimit(2, 33.2)));
    }

    @Test
    void staleReadingShowsNoDataInsteadOfAnAngle() {
        String line = TerminalStatusLine.render(TestSnapshots.silent(3));
        assertTrue(line.startsWith(" NO DATA (sensor silent)  HOLDING"), line);
        assertFalse(line.contains("0°"), line);
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlaceWithoutNewlines() {
        TerminalStatusLine line = terminal(200);
        line.show(TestSnapshots.holding(1, 20));
        hostNanos += TimeUnit.MILLISECONDS.toNanos(150);
        line.show(TestSnapshots.holding(2, 21));
        assertEquals("\r  20°  HOLDING  inverted 0:18/2:00  hold 0:42  > Hold steady at 25°\u001b[K"
                + "\r  21°  HOLDING  inverted 0:18/2:00  hold 0:42  > Hold steady at 25°\u001b[K", written());
    }

    @Test
    void repaintsComeAtMostTenTimesASecondButAnAlarmIsPaintedAtOnce() {
        TerminalStatusLine line = terminal(200);
        line.show(TestSnapshots.holding(1, 20));
        hostNanos += TimeUnit.MILLISECONDS.toNanos(20);
        line.show(TestSnapshots.holding(2, 22)); // too soon after the last paint: skipped
        assertFalse(written().contains("22°"), written());
        hostNanos += TimeUnit.MILLISECONDS.toNanos(20);
        line.show(TestSnapshots.overLimit(3, 31)); // an alarm does not wait
        assertTrue(written().endsWith("! HIGH: Return to horizontal now: 30° limit passed\u001b[K"), written());
    }

    @Test
    void lineIsCutToTheTerminalWidth() {
        TerminalStatusLine line = terminal(40);
        line.show(TestSnapshots.holding(1, 20));
        String painted = written().substring(1, written().length() - 3);
        assertEquals(39, painted.length(), painted);
        assertTrue(painted.endsWith("…"), painted);
    }

    @Test
    void alarmsAreColouredByPriorityWhenColourIsOn() {
        TerminalStatusLine line = new TerminalStatusLine(out, true, true, 200, () -> hostNanos);
        line.show(TestSnapshots.overLimit(1, 31));
        assertTrue(written().startsWith("\r\u001b[1;97;41m"), written()); // high: white on red
        hostNanos += TimeUnit.SECONDS.toNanos(1);
        line.show(TestSnapshots.advisory(2, 27));
        assertTrue(written().contains("\r\u001b[1;30;43m"), written()); // medium: black on yellow
    }

    @Test
    void summaryEndsTheLiveLineKeepingItsLastState() {
        TerminalStatusLine line = terminal(200);
        line.show(TestSnapshots.holding(1, 20));
        line.summary("Session complete", List.of("Time inverted 1:00", "Max angle 25°"));
        assertTrue(written().endsWith("\r\u001b[K  20°  HOLDING  inverted 0:18/2:00  hold 0:42  > Hold steady at 25°\n"
                + "Session complete\n  Time inverted 1:00\n  Max angle 25°\n"), written());
    }

    @Test
    void plainOutputPrintsALineOnlyWhenSomethingChangesOrTenSecondsPass() {
        TerminalStatusLine line = new TerminalStatusLine(out, false, true, 80, () -> hostNanos);
        DisplaySnapshot holding = TestSnapshots.holding(1, 20);
        line.show(TestSnapshots.at(holding, 0, 0));
        line.show(TestSnapshots.at(TestSnapshots.holding(2, 21), 5_000, 5_000));   // nothing new: quiet
        line.show(TestSnapshots.at(TestSnapshots.holding(3, 22), 10_000, 10_000)); // ten seconds on: progress
        line.show(TestSnapshots.at(TestSnapshots.overLimit(4, 31), 10_020, 10_020)); // an alarm: at once
        String[] lines = written().split("\n");
        assertEquals(3, lines.length, written());
        assertTrue(lines[0].startsWith("  20°"), lines[0]);
        assertTrue(lines[1].startsWith("  22°"), lines[1]);
        assertTrue(lines[2].contains("! HIGH"), lines[2]);
        assertFalse(written().contains("\r") || written().contains("\u001b"), "no control characters in a log");
    }
}
