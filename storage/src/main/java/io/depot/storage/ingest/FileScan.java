package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.TableSchema;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Files read in place by a query ({@code SELECT * FROM read_csv('orders.csv')}) rather than
 * loaded into a table: the same sources and type inference as the loader, their rows streamed
 * as Arrow batches instead of written to segments.
 *
 * @param format how the files are encoded
 * @param files the files, globs already expanded; read in this order
 * @param csv how to read CSV files; ignored by other formats
 */
public record FileScan(Format format, List<Path> files, CsvOptions csv) {
    /** The file formats a query can read. */
    public enum Format {
        CSV, JSON_LINES, PARQUET, ARROW
    }

    public FileScan {
        requireNonNull(format, "format is null");
        files = List.copyOf(requireNonNull(files, "files is null"));
        requireNonNull(csv, "csv is null");
    }

    /**
     * The columns the files have: declared in the CSV options, taken from a Parquet or Arrow
     * file's own schema, or inferred from every value of every file as a load into a new table
     * would infer them. Reads the files; errors name the file and line.
     *
     * @param allocator for the native readers' buffers while they read the file's schema
     */
    public TableSchema schema(BufferAllocator allocator) {
        return source(allocator).schemaForNewTable();
    }

    /**
     * Starts reading the files' rows as batches of {@code schema} (from {@link #schema}), in
     * buffers of {@code allocator}. A bad value fails the stream naming file, line and column.
     */
    public FileBatchStream open(TableSchema schema, BufferAllocator allocator) {
        requireNonNull(schema, "schema is null");
        return FileBatchStream.start(source(allocator), schema, allocator);
    }

    /** The files as messages show them. */
    public String description() {
        return InputFiles.describe(files);
    }

    private RowSource source(BufferAllocator allocator) {
        // the loaders name the target table in some messages: name the function call instead
        String name = "read of " + description();
        return switch (format) {
            case CSV -> CsvLoader.forQuery(name, files, csv);
            case JSON_LINES -> new JsonLinesLoader(name, files, csv.schema());
            case PARQUET -> new ParquetLoader(name, files, allocator);
            case ARROW -> new ArrowFileLoader(name, files, allocator);
        };
    }
}
