package dev.hangtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code hangtime} command: the one place that wires protocol, device, engine, store and
 * display together. Each subcommand is a class of its own in this package.
 */
@Command(
        name = "hangtime",
        mixinStandardHelpOptions = true,
        versionProvider = HangtimeCommand.ManifestVersion.class,
        description = "Companion program for sensor-equipped inversion tables.",
        subcommands = {
                RunCommand.class,
                TodayCommand.class,
                RoutinesCommand.class,
                ProfileCommand.class,
                SessionsCommand.class,
                DevicesCommand.class,
                SimulateCommand.class,
                CommandLine.HelpCommand.class})
public final class HangtimeCommand implements Runnable {

    /** Exit code for bad input: an invalid routine, scenario or argument (picocli uses 2 too). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a failure outside the user's input: device, bus, file system. */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Log debug detail to the console.",
            scope = CommandLine.ScopeType.INHERIT)
    void setVerbose(boolean verbose) {
        if (verbose) {
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        return new CommandLine(new HangtimeCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new FriendlyErrors());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Reads the version Maven wrote into the jar manifest; "development build" when run from classes. */
    static final class ManifestVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HangtimeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"hangtime " + (version == null ? "(development build)" : version),
                    "Java " + System.getProperty("java.version")};
        }
    }

    /**
     * Turns an exception escaping a subcommand into one clear line on stderr and exit code 1,
     * or 2 when the user's input was at fault; the stack trace only with --verbose.
     */
    static final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
            boolean verbose = parsed.hasMatchedOption("--verbose")
                    || parsed.subcommands().stream().anyMatch(s -> s.hasMatchedOption("--verbose"));
            cmd.getErr().println("hangtime: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            return e instanceof UserInputException ? EXIT_BAD_INPUT : EXIT_FAILURE;
        }
    }
}
