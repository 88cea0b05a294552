package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads CSV files (plain or gzip-compressed) into a table in one commit: all rows of all files,
 * or nothing.
 *
 * <p>A large plain file is split into chunks at record boundaries ({@link CsvSplitter}); chunks are
 * parsed on all cores, for type inference and for conversion, and their batches reach the table
 * writer in file order, so rows, line numbers in errors and the error budget are as in one
 * sequential read.
 *
 * <p>The table's schema decides the types when it exists; otherwise the options' schema, or types
 * inferred by a first pass over every file (never a sample that a later row contradicts). A
 * second pass converts fields straight into Arrow batches that go through one table writer. A
 * bad value fails the load with a message naming file, line, column and expected type, unless
 * the error budget ({@link LoadOptions#maxErrors()}) takes the row.
 */
public final class CsvLoader implements RowSource {
    /** Bytes of a file parsed by one task: enough rows to fill a few batches, few enough to bound memory. */
    static final long CHUNK_BYTES = 16L << 20;

    private final List<Path> files;
    private final CsvOptions options;
    private final String table;
    private final long chunkBytes;
    /**
     * Whether files with a header and no data rows have VARCHAR columns (a query reading them
     * returns no rows) rather than failing, as a load into a new table does.
     */
    private final boolean headerOnlyIsText;
    /** Each file's chunks, found once for both passes. */
    private final Map<Path, List<CsvChunk>> chunksByFile = new HashMap<>();

    /**
     * Reads the files for a query ({@code read_csv}, see {@link FileScan}): files with a header
     * only give VARCHAR columns and no rows.
     */
    static CsvLoader forQuery(String table, List<Path> files, CsvOptions options) {
        return new CsvLoader(table, files, options, CHUNK_BYTES, true);
    }

    private CsvLoader(String table, List<Path> files, CsvOptions options, long chunkBytes, boolean headerOnlyIsText) {
        this.headerOnlyIsText = headerOnlyIsText;
        this.table = table;
        this.chunkBytes = chunkBytes;
        this.files = List.copyOf(files);
        this.options = options;
    }

    /** Appends the files' rows to the table (created if absent). */
    public static LoadResult load(Database database, String table, List<Path> files, CsvOptions options) {
        return load(database, table, files, options, LoadOptions.defaults());
    }

    public static LoadResult load(Database database, String table, List<Path> files, CsvOptions options,
            LoadOptions loadOptions) {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(files, "files is null");
        requireNonNull(options, "options is null");
        requireNonNull(loadOptions, "loadOptions is null");
        return load(database, table, files, options, loadOptions, CHUNK_BYTES);
    }

    /** As above, with files split into parallel chunks of about {@code chunkBytes} (tests use small ones). */
    static LoadResult load(Database database, String table, List<Path> files, CsvOptions options,
            LoadOptions loadOptions, long chunkBytes) {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(files, "files is null");
        requireNonNull(options, "options is null");
        requireNonNull(loadOptions, "loadOptions is null");
        return LoadRun.execute(database, table, new CsvLoader(table, files, options, chunkBytes, false), loadOptions);
    }

    @Override
    public String description() {
        return InputFiles.describe(files);
    }

    @Override
    public long bytes() {
        return InputFiles.totalSize(files);
    }

    @Override
    public TableSchema declaredSchema() {
        return options.schema();
    }

    @Override
    public TableSchema schemaForNewTable() {
        return schemaForNewTable(LoadProgress.NONE);
    }

    @Override
    public TableSchema schemaForNewTable(LoadProgress progress) {
        InputFiles.check(files);
        if (options.schema() != null) {
            return options.schema();
        }
        progress.passStarted("Inferring types", bytes());
        return inferSchema(progress);
    }

    /**
     * First pass: column names from the first file, types from every value of every file, each
     * file's chunks inferred in parallel and their findings merged.
     */
    private TableSchema inferSchema(LoadProgress progress) {
        TableSchema names = null;
        ColumnTypeInference[] inferences = null;
        long dataRows = 0;
        for (Path file : files) {
            FieldMapping mapping;
            try (CsvSource source = CsvSource.open(file, options)) {
                CsvLine line = firstLine(source);
                if (names == null) {
                    names = columnNames(source, line, options.header());
                    inferences = newInferences(names.size());
                }
                mapping = FieldMapping.of(source, line, names, options.header(), table);
            }
            ChunkTypes[] merged = {new ChunkTypes(inferences, dataRows)};
            List<Callable<ChunkTypes>> tasks = new ArrayList<>();
            int columns = names.size();
            List<CsvChunk> chunks = chunks(file);
            for (CsvChunk chunk : chunks) {
                // one chunk is the whole file, read on this thread: it reports its bytes as it goes
                LoadProgress chunkProgress = chunks.size() == 1 ? progress : LoadProgress.NONE;
                tasks.add(() -> inferChunk(file, chunk, mapping, columns, chunkProgress));
            }
            int[] next = {0};
            ParallelChunks.run(tasks, chunkTypes -> {
                merged[0] = merged[0].merge(chunkTypes);
                if (chunks.size() > 1) {
                    progress.bytesRead(chunks.get(next[0]++).length());
                }
            }, chunkTypes -> { }, new AtomicBoolean());
            dataRows = merged[0].rows();
        }
        if (dataRows == 0 && !headerOnlyIsText) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Table[%s] does not exist and the files have a header but no data rows to infer column types "
                            + "from; give a schema to create an empty table", table));
        }
        List<Column> columns = new ArrayList<>(inferences.length);
        for (int i = 0; i < inferences.length; i++) {
            columns.add(Column.nullable(names.column(i).name(), inferences[i].result()));
        }
        return new TableSchema(columns);
    }

    private static ColumnTypeInference[] newInferences(int count) {
        ColumnTypeInference[] inferences = new ColumnTypeInference[count];
        for (int i = 0; i < count; i++) {
            inferences[i] = new ColumnTypeInference();
        }
        return inferences;
    }

    /** What one chunk's values allow for each column. */
    private ChunkTypes inferChunk(Path file, CsvChunk chunk, FieldMapping mapping, int columns, LoadProgress progress) {
        ColumnTypeInference[] inferences = newInferences(columns);
        long rows = 0;
        boolean[] settledFields = new boolean[mapping.fieldCount()];
        try (CsvSource source = CsvSource.open(file, options, chunk, progress)) {
            CsvLine line = source.next();
            if (chunk.isFileStart() && options.header()) {
                line = source.next();
            }
            source.ignoreFields(settledFields);
            for (; line != null; line = source.next()) {
                if (line.size() != mapping.fieldCount()) {
                    continue; // the second pass rejects it, or fails naming the line
                }
                for (int column = 0; column < columns; column++) {
                    int field = mapping.field(column);
                    if (settledFields[field]) {
                        continue;
                    }
                    String value = line.fields()[field];
                    if (!FieldConverter.isNull(value, line.quoted()[field], false, options.nullMarker())) {
                        inferences[column].observe(value.strip());
                        settledFields[field] = inferences[column].settled();
                    }
                }
                rows++;
            }
        }
        return new ChunkTypes(inferences, rows);
    }

    /** Per-column inferences and the data rows they saw; merging folds the later chunk into this one. */
    private record ChunkTypes(ColumnTypeInference[] inferences, long rows) {
        ChunkTypes merge(ChunkTypes later) {
            for (int i = 0; i < inferences.length; i++) {
                inferences[i].merge(later.inferences[i]);
            }
            return new ChunkTypes(inferences, rows + later.rows);
        }
    }

    /** Header names (blank ones become column1, column2, ...), or column1..N without a header. */
    private static TableSchema columnNames(CsvSource source, CsvLine first, boolean header) {
        List<Column> columns = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            String name = header ? first.fields()[i].strip() : "";
            columns.add(Column.nullable(name.isEmpty() ? "column" + (i + 1) : name, ColumnType.VARCHAR));
        }
        try {
            return new TableSchema(columns);
        } catch (DepotException e) {
            throw new DepotException(ErrorCode.USER, source.name() + " header: " + e.getMessage(), e);
        }
    }

    @Override
    public void readInto(BatchSink sink) {
        InputFiles.check(files);
        for (Path file : files) {
            convertFile(file, sink);
        }
    }

    /**
     * Second pass over one file: fields into Arrow vectors. A file of one chunk is read row by
     * row into the sink; the chunks of a larger file are converted in parallel and handed to the
     * sink in file order.
     */
    private void convertFile(Path file, BatchSink sink) {
        FieldMapping mapping;
        try (CsvSource source = CsvSource.open(file, options)) {
            mapping = FieldMapping.of(source, firstLine(source), sink.columns(), options.header(), table);
        }
        List<CsvChunk> chunks = chunks(file);
        if (chunks.size() == 1) {
            convertChunk(file, chunks.get(0), mapping, sink, sink.progress());
            return;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Callable<ChunkSink>> tasks = new ArrayList<>(chunks.size());
        for (CsvChunk chunk : chunks) {
            tasks.add(() -> {
                ChunkSink chunkSink = new ChunkSink(sink, sink.allocator(), cancelled);
                try {
                    if (CsvByteRecords.applies(options)) {
                        convertChunkBytes(file, chunk, mapping, chunkSink);
                    } else {
                        convertChunk(file, chunk, mapping, chunkSink, LoadProgress.NONE);
                    }
                } catch (ChunkSink.BudgetExceeded e) {
                    // the load's thread fails the load when it counts this chunk's rejected rows
                } catch (RuntimeException | Error e) {
                    chunkSink.close();
                    throw e;
                }
                chunkSink.finish();
                return chunkSink;
            });
        }
        int[] next = {0};
        ParallelChunks.run(tasks, chunkSink -> {
            sink.take(chunkSink);
            sink.progress().bytesRead(chunks.get(next[0]++).length());
        }, ChunkSink::close, cancelled);
    }

    private void convertChunk(Path file, CsvChunk chunk, FieldMapping mapping, RowSink sink, LoadProgress progress) {
        FieldConverter[] converters = converters(sink.columns());
        try (CsvSource source = CsvSource.open(file, options, chunk, progress)) {
            CsvLine line = source.next();
            if (chunk.isFileStart() && options.header()) {
                line = source.next();
            }
            for (; line != null; line = source.next()) {
                if (line.size() != mapping.fieldCount()) {
                    sink.reject(new RejectedRow(source.name(), line.lineNumber(), null, null, String.format(
                            "has %d fields, expected %d", line.size(), mapping.fieldCount())));
                    continue;
                }
                if (convertLine(source, line, mapping, converters, sink)) {
                    sink.endRow();
                }
            }
        }
    }

    /**
     * As {@link #convertChunk}, for a chunk the splitter cut from a UTF-8 file: fields go from the
     * file's bytes into the vectors without a String each (see {@link CsvByteRecords}).
     */
    private void convertChunkBytes(Path file, CsvChunk chunk, FieldMapping mapping, RowSink sink) {
        FieldConverter[] converters = converters(sink.columns());
        String name = file.getFileName().toString();
        try (CsvByteRecords records = CsvByteRecords.open(file, options, chunk)) {
            boolean skipHeader = chunk.isFileStart() && options.header();
            if (skipHeader && !records.next()) {
                return;
            }
            while (records.next()) {
                if (records.fieldCount() != mapping.fieldCount()) {
                    sink.reject(new RejectedRow(name, records.lineNumber(), null, null, String.format(
                            "has %d fields, expected %d", records.fieldCount(), mapping.fieldCount())));
                    continue;
                }
                if (convertRecord(name, records, mapping, converters, sink)) {
                    sink.endRow();
                }
            }
        }
    }

    private static boolean convertRecord(String name, CsvByteRecords records, FieldMapping mapping,
            FieldConverter[] converters, RowSink sink) {
        int row = sink.row();
        byte[] bytes = records.buffer();
        for (int column = 0; column < converters.length; column++) {
            int field = mapping.field(column);
            if (!converters[column].write(sink.vector(column), row, bytes, records.start(field), records.end(field),
                    records.quoted(field))) {
                Column target = sink.columns().column(column);
                sink.reject(RejectedRow.badValue(name, records.lineNumber(), target.name(), records.text(field),
                        target.type()));
                return false;
            }
        }
        return true;
    }

    private FieldConverter[] converters(TableSchema schema) {
        FieldConverter[] converters = new FieldConverter[schema.size()];
        for (int i = 0; i < converters.length; i++) {
            converters[i] = new FieldConverter(schema.column(i).type(), options.nullMarker());
        }
        return converters;
    }

    private static boolean convertLine(CsvSource source, CsvLine line, FieldMapping mapping,
            FieldConverter[] converters, RowSink sink) {
        int row = sink.row();
        for (int column = 0; column < converters.length; column++) {
            int field = mapping.field(column);
            String value = line.fields()[field];
            if (!converters[column].write(sink.vector(column), row, value, line.quoted()[field])) {
                Column target = sink.columns().column(column);
                sink.reject(RejectedRow.badValue(source.name(), line.lineNumber(), target.name(), value, target.type()));
                return false;
            }
        }
        return true;
    }

    private List<CsvChunk> chunks(Path file) {
        return chunksByFile.computeIfAbsent(file, path -> CsvSplitter.split(path, options, chunkBytes));
    }

    private static CsvLine firstLine(CsvSource source) {
        CsvLine line = source.next();
        if (line == null) {
            throw new DepotException(ErrorCode.USER, source.name() + " has no lines");
        }
        return line;
    }

    /** Which field of a record holds each table column, and how many fields a record has. */
    private record FieldMapping(int[] fields, int fieldCount) {
        static FieldMapping of(CsvSource source, CsvLine first, TableSchema schema, boolean header, String table) {
            if (!header) {
                int[] identity = new int[schema.size()];
                for (int i = 0; i < identity.length; i++) {
                    identity[i] = i;
                }
                return new FieldMapping(identity, schema.size());
            }
            TableSchema headerNames = columnNames(source, first, true);
            for (Column name : headerNames.columns()) {
                if (schema.indexOf(name.name()).isEmpty()) {
                    throw new DepotException(ErrorCode.USER, String.format(
                            "%s header names column[%s], which table[%s] does not have",
                            source.name(), name.name(), table));
                }
            }
            int[] fields = new int[schema.size()];
            for (int column = 0; column < fields.length; column++) {
                OptionalInt field = headerNames.indexOf(schema.column(column).name());
                if (field.isEmpty()) {
                    throw new DepotException(ErrorCode.USER, String.format(
                            "%s header has no column[%s] of table[%s]", source.name(), schema.column(column).name(), table));
                }
                fields[column] = field.getAsInt();
            }
            return new FieldMapping(fields, headerNames.size());
        }

        int field(int column) {
            return fields[column];
        }
    }
}
