package io.depot.sql.cli;

import io.depot.engine.exec.ResultStream;
import io.depot.sql.DepotSql;
import io.depot.sql.PreparedSql;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depot sql --db DIR "SQL"}: runs statements and prints their results. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run SQL statements (separated by ';') against a database and print the results.")
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "DIR", description = "Database directory.")
    Path database;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Parameters(arity = "1..*", paramLabel = "SQL", description = "SQL text; several arguments are joined.")
    String[] sql;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (DepotSql depot = DepotSql.open(database)) {
            for (String statement : StatementSplitter.split(String.join(" ", sql))) {
                run(depot, statement, format, out);
            }
        }
        out.flush();
        return 0;
    }

    /** Runs one statement and prints its rows or its update count. */
    static void run(DepotSql depot, String statement, OutputFormat format, PrintWriter out) {
        PreparedSql prepared = depot.prepare(statement);
        if (prepared.isQuery()) {
            try (ResultStream result = prepared.executeQuery()) {
                ResultPrinter.print(result, format, out);
            }
        } else {
            long count = prepared.executeUpdate();
            out.println(count + (count == 1 ? " row" : " rows") + " affected");
        }
    }
}
