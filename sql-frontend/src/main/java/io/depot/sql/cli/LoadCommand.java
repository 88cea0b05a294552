package io.depot.sql.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.ingest.ArrowFileLoader;
import io.depot.storage.ingest.CsvLoader;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.ingest.InputFiles;
import io.depot.storage.ingest.JdbcLoader;
import io.depot.storage.ingest.JdbcSourceOptions;
import io.depot.storage.ingest.JsonLinesLoader;
import io.depot.storage.ingest.LoadMode;
import io.depot.storage.ingest.LoadOptions;
import io.depot.storage.ingest.LoadResult;
import io.depot.storage.ingest.ParquetLoader;
import io.depot.storage.ingest.PartitionSpec;
import io.depot.storage.table.Database;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code depot load --db DIR --table T FILE...} (or {@code --jdbc-url URL --query SQL}): loads
 * into a table in one commit, records the load in {@code sys.load_history}, and prints a summary.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load files or a JDBC query into a table. A load is committed whole, or not at all.")
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "DIR", description = "Database directory (created if absent).")
    Path database;

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "Table to load into (created if absent).")
    String table;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv, tsv, jsonl, parquet or arrow (default: from the file extension: .tsv, .jsonl/.ndjson, "
                    + ".parquet, .arrow/.arrows/.feather, else csv; a .gz suffix is decompressed).")
    String format;

    @Option(names = "--partition", paramLabel = "KEY=VALUE",
            description = "Load into this partition: KEY becomes a column holding VALUE on every loaded row.")
    String partition;

    @Option(names = "--mode", defaultValue = "append", paramLabel = "MODE",
            description = "append (default), replace (the --partition, in one commit) or overwrite (the whole table).")
    String mode;

    @Option(names = "--delimiter", paramLabel = "C", description = "Field delimiter (default ',', or tab for tsv). '\\t' means tab.")
    String delimiter;

    @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET",
            description = "File encoding, e.g. UTF-8, EUC-KR, CP949, ISO-8859-1 (default: ${DEFAULT-VALUE}).")
    String encoding;

    @Option(names = "--null", paramLabel = "TEXT", description = "Unquoted text that means NULL (default: an empty field).")
    String nullMarker;

    @Option(names = "--no-header", description = "The files have no header line; columns are named column1, column2, ...")
    boolean noHeader;

    @Option(names = "--schema", paramLabel = "COLUMNS",
            description = "Column types instead of inferred ones, e.g. 'id BIGINT, name VARCHAR, amount DECIMAL(12,2)'.")
    String schema;

    @Option(names = "--max-errors", defaultValue = "0", paramLabel = "N",
            description = "Rows that may be rejected into the rejects file before the load fails (default 0).")
    long maxErrors;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "Where rejected rows go (default: DIR/rejects/<table>-<time>.csv).")
    Path rejects;

    @Option(names = "--max-row-change", defaultValue = "50", paramLabel = "PERCENT",
            description = "Flag a load whose row count differs from the median of the table's last 5 loads by more "
                    + "than this (default ${DEFAULT-VALUE}%%).")
    double maxRowChange;

    @Option(names = "--fail-on-anomaly", description = "Fail (load nothing) instead of warning when the row count is flagged.")
    boolean failOnAnomaly;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Load the result of --query from this JDBC source.")
    String jdbcUrl;

    @Option(names = "--query", paramLabel = "SQL", description = "The query to run against --jdbc-url.")
    String query;

    @Option(names = "--user", paramLabel = "USER", description = "User for --jdbc-url.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password for --jdbc-url.")
    String passwordEnv;

    @Option(names = "--incremental-column", paramLabel = "COLUMN",
            description = "Load only source rows whose COLUMN is greater than the largest value already in the table.")
    String incrementalColumn;

    @Option(names = "--json", description = "Print the summary as one JSON object (for schedulers).")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Files or glob patterns ('data/*.csv') to load.")
    List<String> fileArguments = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = List.of();
        try (Database db = Database.open(database)) {
            LoadOptions loadOptions = loadOptions();
            LoadResult result;
            if (jdbcUrl != null) {
                if (!fileArguments.isEmpty()) {
                    throw new DepotException(ErrorCode.USER, "Give either files or --jdbc-url, not both");
                }
                result = JdbcLoader.load(db, table, jdbcOptions(), loadOptions);
            } else {
                if (fileArguments.isEmpty()) {
                    throw new DepotException(ErrorCode.USER, "No files given to load (or --jdbc-url and --query)");
                }
                files = InputFiles.expand(fileArguments);
                try (LoadProgressBar bar = LoadProgressBar.forTerminal(LoadProgressBar.interactive(), json,
                        InputFiles.totalSize(files), System.err)) {
                    result = loadFiles(db, files, bar == null ? loadOptions : loadOptions.withProgress(bar));
                }
            }
            if (json) {
                out.println(jsonSummary(result, files, null));
            } else {
                out.println(textSummary(result, files));
                for (String warning : result.warnings()) {
                    err.println("Warning: " + warning);
                }
            }
            return 0;
        } catch (DepotException e) {
            if (json) {
                out.println(jsonSummary(null, files, e.getMessage()));
            }
            throw e;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private LoadResult loadFiles(Database db, List<Path> files, LoadOptions loadOptions) {
        String effectiveFormat = format != null ? format.toLowerCase(Locale.ROOT) : formatFromExtension(files);
        return switch (effectiveFormat) {
            case "csv", "tsv" -> CsvLoader.load(db, table, files, csvOptions(effectiveFormat), loadOptions);
            case "jsonl", "json", "ndjson" -> JsonLinesLoader.load(db, table, files, parsedSchema(), loadOptions);
            case "arrow", "feather", "ipc" -> ArrowFileLoader.load(db, table, files, loadOptions);
            case "parquet" -> ParquetLoader.load(db, table, files, loadOptions);
            default -> throw new DepotException(ErrorCode.USER, String.format(
                    "Format[%s] is not supported; Depot loads csv, tsv, jsonl, parquet and arrow files", effectiveFormat));
        };
    }

    private LoadOptions loadOptions() {
        if (maxRowChange < 0) {
            throw new DepotException(ErrorCode.USER, "--max-row-change must be at least 0");
        }
        if (maxErrors < 0) {
            throw new DepotException(ErrorCode.USER, "--max-errors must be at least 0");
        }
        LoadOptions options = LoadOptions.defaults()
                .withMode(LoadMode.parse(mode))
                .withMaxErrors(maxErrors)
                .withRejectsFile(rejects)
                .withMaxRowChange(maxRowChange / 100)
                .withFailOnAnomaly(failOnAnomaly);
        return partition == null ? options : options.withPartition(PartitionSpec.parse(partition));
    }

    private JdbcSourceOptions jdbcOptions() {
        if (query == null) {
            throw new DepotException(ErrorCode.USER, "--jdbc-url needs --query");
        }
        String password = null;
        if (passwordEnv != null) {
            password = System.getenv(passwordEnv);
            if (password == null) {
                throw new DepotException(ErrorCode.USER, "Environment variable[" + passwordEnv + "] is not set");
            }
        }
        return new JdbcSourceOptions(jdbcUrl, query, user, password, incrementalColumn, JdbcSourceOptions.DEFAULT_FETCH_SIZE);
    }

    private CsvOptions csvOptions(String effectiveFormat) {
        CsvOptions options = CsvOptions.defaults().withCharset(charset()).withHeader(!noHeader);
        if (effectiveFormat.equals("tsv")) {
            options = options.withDelimiter('\t');
        }
        if (delimiter != null) {
            options = options.withDelimiter(delimiterChar());
        }
        if (nullMarker != null) {
            options = options.withNullMarker(nullMarker);
        }
        return options.withSchema(parsedSchema());
    }

    /** {@code --schema 'id BIGINT, amount DECIMAL(12,2)'} as a schema, or null. */
    private TableSchema parsedSchema() {
        if (schema == null) {
            return null;
        }
        return io.depot.sql.ColumnList.parse(schema);
    }

    /** The format all files share by extension; mixed extensions need --format. */
    private static String formatFromExtension(List<Path> files) {
        String first = null;
        for (Path file : files) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".gz")) {
                name = name.substring(0, name.length() - 3);
            }
            String extension = name.endsWith(".tsv") ? "tsv"
                    : name.endsWith(".jsonl") || name.endsWith(".ndjson") ? "jsonl"
                    : name.endsWith(".parquet") ? "parquet"
                    : name.endsWith(".arrow") || name.endsWith(".feather") || name.endsWith(".arrows") ? "arrow"
                    : "csv";
            if (first != null && !first.equals(extension)) {
                throw new DepotException(ErrorCode.USER, "Files have different formats; name one with --format");
            }
            first = extension;
        }
        return first;
    }

    private char delimiterChar() {
        if (delimiter.equals("\\t") || delimiter.equals("tab")) {
            return '\t';
        }
        if (delimiter.length() != 1) {
            throw new DepotException(ErrorCode.USER, String.format("Delimiter[%s] must be one character", delimiter));
        }
        return delimiter.charAt(0);
    }

    private Charset charset() {
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new DepotException(ErrorCode.USER, String.format("Unknown encoding[%s]", encoding));
        }
    }

    private String textSummary(LoadResult result, List<Path> files) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Loaded %,d %s into %s",
                result.rowsLoaded(), result.rowsLoaded() == 1 ? "row" : "rows", result.table()));
        if (result.partition() != null) {
            text.append(" partition ").append(result.partition());
        }
        if (jdbcUrl != null) {
            text.append(" from ").append(jdbcUrl);
        } else {
            text.append(String.format(Locale.ROOT, " from %d %s (%,d bytes)", files.size(),
                    files.size() == 1 ? "file" : "files", result.bytesRead()));
        }
        text.append(String.format(Locale.ROOT, " in %.2f s; table version %d", result.elapsed().toNanos() / 1e9,
                result.version()));
        if (result.mode() != LoadMode.APPEND) {
            text.append(String.format(Locale.ROOT, "; %s replaced %,d rows", result.mode().label(), result.rowsReplaced()));
        }
        if (result.rowsRejected() > 0) {
            text.append(String.format(Locale.ROOT, "; %,d rows rejected into %s", result.rowsRejected(), result.rejectsFile()));
        }
        return text.toString();
    }

    /** One JSON object, {@code status} "ok" or "failed"; for a failure {@code error} holds the message. */
    private String jsonSummary(LoadResult result, List<Path> files, String error) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(text)) {
            generator.writeStartObject();
            generator.writeStringField("table", result != null ? result.table() : table);
            generator.writeStringField("status", result != null ? "ok" : "failed");
            generator.writeStringField("mode", mode.toLowerCase(Locale.ROOT));
            generator.writeStringField("partition", partition);
            if (jdbcUrl != null) {
                generator.writeStringField("source", jdbcUrl);
            }
            generator.writeArrayFieldStart("files");
            for (Path file : files.isEmpty() && jdbcUrl == null ? fileArguments.stream().map(Path::of).toList() : files) {
                generator.writeString(file.toString());
            }
            generator.writeEndArray();
            if (result != null) {
                generator.writeNumberField("rows_loaded", result.rowsLoaded());
                generator.writeNumberField("rows_rejected", result.rowsRejected());
                generator.writeNumberField("rows_replaced", result.rowsReplaced());
                generator.writeStringField("rejects_file", result.rejectsFile() == null ? null : result.rejectsFile().toString());
                generator.writeNumberField("bytes", result.bytesRead());
                generator.writeNumberField("version", result.version());
                generator.writeNumberField("elapsed_ms", result.elapsed().toMillis());
                generator.writeArrayFieldStart("warnings");
                for (String warning : result.warnings()) {
                    generator.writeString(warning);
                }
                generator.writeEndArray();
            } else {
                generator.writeStringField("error", error);
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
