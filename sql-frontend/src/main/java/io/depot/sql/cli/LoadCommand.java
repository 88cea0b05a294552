package io.depot.sql.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.ingest.CsvLoader;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.ingest.LoadResult;
import io.depot.storage.table.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code depot load --db DIR --table T FILE...}: loads files into a table in one commit. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load files into a table. All files of one load are committed together, or none is.")
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "DIR", description = "Database directory (created if absent).")
    Path database;

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "Table to load into (created if absent).")
    String table;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv or tsv (default: from the file extension; .tsv is tab-separated, anything else CSV).")
    String format;

    @Option(names = "--delimiter", paramLabel = "C", description = "Field delimiter (default ',', or tab for tsv). '\\t' means tab.")
    String delimiter;

    @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET",
            description = "File encoding, e.g. UTF-8, EUC-KR, CP949, ISO-8859-1 (default: ${DEFAULT-VALUE}).")
    String encoding;

    @Option(names = "--null", paramLabel = "TEXT", description = "Unquoted text that means NULL (default: an empty field).")
    String nullMarker;

    @Option(names = "--no-header", description = "The files have no header line; columns are named column1, column2, ...")
    boolean noHeader;

    @Option(names = "--json", description = "Print the summary as one JSON object (for schedulers).")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to load.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = Database.open(database)) {
            LoadResult result = CsvLoader.load(db, table, files, options());
            out.println(json ? jsonSummary(result, null) : textSummary(result));
            return 0;
        } catch (DepotException e) {
            if (json) {
                out.println(jsonSummary(null, e.getMessage()));
            }
            throw e;
        } finally {
            out.flush();
        }
    }

    private CsvOptions options() {
        String effectiveFormat = format != null ? format.toLowerCase(Locale.ROOT) : formatFromExtension();
        if (!effectiveFormat.equals("csv") && !effectiveFormat.equals("tsv")) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Format[%s] is not supported yet; Depot loads csv and tsv files", effectiveFormat));
        }
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
        return options;
    }

    /** The format all files share by extension; mixed extensions need --format. */
    private String formatFromExtension() {
        String first = null;
        for (Path file : files) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            String extension = name.endsWith(".tsv") ? "tsv"
                    : name.endsWith(".jsonl") || name.endsWith(".ndjson") ? "jsonl"
                    : name.endsWith(".parquet") ? "parquet"
                    : name.endsWith(".arrow") || name.endsWith(".feather") ? "arrow"
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

    private String textSummary(LoadResult result) {
        return String.format(Locale.ROOT, "Loaded %,d %s into %s from %d %s (%,d bytes) in %.2f s; table version %d",
                result.rowsLoaded(), result.rowsLoaded() == 1 ? "row" : "rows", result.table(),
                files.size(), files.size() == 1 ? "file" : "files", result.bytesRead(),
                result.elapsed().toNanos() / 1e9, result.version());
    }

    /** One JSON object, {@code status} "ok" or "failed"; for a failure {@code error} holds the message. */
    private String jsonSummary(LoadResult result, String error) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(text)) {
            generator.writeStartObject();
            generator.writeStringField("table", result != null ? result.table() : table);
            generator.writeStringField("status", result != null ? "ok" : "failed");
            generator.writeArrayFieldStart("files");
            for (Path file : files) {
                generator.writeString(file.toString());
            }
            generator.writeEndArray();
            if (result != null) {
                generator.writeNumberField("rows_loaded", result.rowsLoaded());
                generator.writeNumberField("bytes", result.bytesRead());
                generator.writeNumberField("version", result.version());
                generator.writeNumberField("elapsed_ms", result.elapsed().toMillis());
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
