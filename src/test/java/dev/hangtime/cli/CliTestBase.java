package dev.hangtime.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code hangtime ...} in-process as a user would, capturing stdout and stderr; a temp dir per test. */
abstract class CliTestBase {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Runs the whole command line and returns its exit code. */
    int run(String... args) {
        return run(HangtimeCommand.commandLine(), args);
    }

    /** Runs a prepared command line (e.g. one with a test's input set) and returns its exit code. */
    int run(CommandLine commandLine, String... args) {
        return commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }
}
