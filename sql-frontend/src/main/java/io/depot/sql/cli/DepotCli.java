package io.depot.sql.cli;

import io.depot.storage.DepotException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code depot} command line: {@code bin/depot <command> ...}. */
@Command(
        name = "depot",
        mixinStandardHelpOptions = true,
        versionProvider = DepotVersion.class,
        description = "Depot: an embeddable columnar data warehouse.",
        subcommands = {SqlCommand.class, LoadCommand.class, ShellCommand.class, ServeCommand.class, UserCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class})
public final class DepotCli {
    /** Set {@code -Ddepot.debug=true} to see stack traces behind error messages. */
    static final boolean DEBUG = Boolean.getBoolean("depot.debug");

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns its exit code; used by main and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new DepotCli())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((exception, cmd, parseResult) -> {
                    cmd.getErr().println("Error: " + message(exception));
                    if (DEBUG) {
                        exception.printStackTrace(cmd.getErr());
                    }
                    cmd.getErr().flush();
                    return 1;
                });
        return commandLine.execute(args);
    }

    private static String message(Throwable exception) {
        if (exception instanceof DepotException) {
            return exception.getMessage();
        }
        String message = exception.getMessage();
        return message == null ? exception.getClass().getSimpleName() : exception.getClass().getSimpleName() + ": " + message;
    }
}
