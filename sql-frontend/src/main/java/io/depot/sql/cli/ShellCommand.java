package io.depot.sql.cli;

import io.depot.sql.jdbc.DepotDriver;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import sqlline.SqlLine;

/**
 * {@code depot shell --db DIR} or {@code depot shell --url jdbc:avatica:remote:... --user U}: an
 * interactive SQL shell (sqlline) with history ({@code ~/.sqlline/history}) and completion of
 * SQL keywords, tables and columns. Statements piped in (no terminal) run as a script.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "Interactive SQL shell (sqlline) on a database directory or a Depot server. "
                + "Other arguments go to sqlline, e.g. --outputformat=csv.")
final class ShellCommand implements Callable<Integer> {
    private static final String AVATICA_PREFIX = "jdbc:avatica:remote:";
    private static final String REMOTE_PREFIX = "jdbc:depot:remote:";

    /** Where the shell reads; tests replace it. */
    static InputStream input = System.in;

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "DIR", description = "Database directory (in process).")
    Path database;

    @Option(names = "--url", paramLabel = "URL",
            description = "URL of a server: jdbc:depot:remote:url=http://HOST:PORT (or the jdbc:avatica:remote:... URL it prints)")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "Server user (the shell asks for the password).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", hidden = true,
            description = "Server password, for scripts only (it shows in the process list).")
    String password;

    /** Everything else goes to sqlline, e.g. {@code --outputformat=csv}. */
    @Unmatched
    List<String> sqllineOptions = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        SqlLine sqlLine = new SqlLine();
        OutputStream out = new WriterOutputStream(spec);
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        sqlLine.setOutputStream(print);
        sqlLine.setErrorStream(print);
        List<String> arguments = arguments();
        Path script = null;
        try {
            if (input != System.in || System.console() == null) {
                // Not a terminal: sqlline's line reader does not run piped statements, but it runs
                // a script, so the piped statements become one.
                script = Files.createTempFile("depot-shell", ".sql");
                try (InputStream in = input) {
                    Files.write(script, in.readAllBytes());
                }
                arguments.add("--run=" + script);
            }
            SqlLine.Status status = sqlLine.begin(arguments.toArray(String[]::new), input, script == null);
            print.flush();
            return status == SqlLine.Status.OK ? 0 : 1;
        } finally {
            if (script != null) {
                Files.deleteIfExists(script);
            }
        }
    }

    private List<String> arguments() {
        if ((database == null) == (url == null)) {
            throw new DepotException(ErrorCode.USER, "Give either --db DIR or --url URL");
        }
        List<String> arguments = new ArrayList<>();
        if (database != null) {
            arguments.addAll(List.of("-d", DepotDriver.class.getName(), "-u", "jdbc:depot:" + database, "-n", "", "-p", ""));
        } else {
            if (user == null) {
                throw new DepotException(ErrorCode.USER, "A server needs --user NAME");
            }
            // Depot's remote URL maps sqlline's user and password onto Avatica's properties
            String remote = url.startsWith(AVATICA_PREFIX) ? REMOTE_PREFIX + url.substring(AVATICA_PREFIX.length()) : url;
            arguments.addAll(List.of("-d", DepotDriver.class.getName(), "-u", remote, "-n", user));
            if (password != null) {
                arguments.addAll(List.of("-p", password));
            }
        }
        // Depot has no transactions; without this sqlline warns on every start
        arguments.add("--isolation=TRANSACTION_NONE");
        arguments.addAll(sqllineOptions);
        return arguments;
    }

    /** sqlline writes to streams; the command line's writer is where Depot's output goes. */
    private static final class WriterOutputStream extends OutputStream {
        private final CommandSpec spec;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterOutputStream(CommandSpec spec) {
            this.spec = spec;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public void flush() {
            spec.commandLine().getOut().print(line.toString(StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            line.reset();
        }
    }
}
