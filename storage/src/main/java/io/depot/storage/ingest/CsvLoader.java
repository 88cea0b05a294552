package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.table.Table;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Loads CSV files into a table in one commit: all rows of all files, or nothing.
 *
 * <p>The table's schema decides the types when it exists; otherwise the options' schema, or types
 * inferred by a first pass over every file. A second pass converts fields straight into Arrow
 * batches of {@link #BATCH_ROWS} rows that go through one {@link TableWriter}. The first bad
 * value fails the load with a message naming file, line, column and expected type.
 */
public final class CsvLoader {
    /** Rows per batch: the executor's batch size, so segment blocks fill exactly. */
    static final int BATCH_ROWS = 65_536;
    private static final int MAX_SHOWN_VALUE_LENGTH = 100;

    private CsvLoader() {}

    public static LoadResult load(Database database, String table, List<Path> files, CsvOptions options) {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(files, "files is null");
        requireNonNull(options, "options is null");
        long started = System.nanoTime();
        if (files.isEmpty()) {
            throw new DepotException(ErrorCode.USER, "No files given to load into table[" + table + "]");
        }
        long bytes = checkFiles(files);
        Optional<Table> existing = database.table(table);
        TableSchema schemaIfNew = options.schema();
        if (existing.isEmpty() && schemaIfNew == null) {
            schemaIfNew = inferSchema(table, files, options);
        }
        try (TableWriter writer = database.beginWrite(table, existing.isPresent() ? options.schema() : schemaIfNew);
                BufferAllocator allocator = database.allocator().newChildAllocator("load " + table, 0, Long.MAX_VALUE);
                VectorSchemaRoot batch = ArrowTypes.createRoot(writer.schema(), allocator)) {
            long rows = 0;
            for (Path file : files) {
                rows += convertFile(file, writer, batch, options);
            }
            long version = writer.commit();
            return new LoadResult(writer.tableName(), rows, bytes, version, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static long checkFiles(List<Path> files) {
        long bytes = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new DepotException(ErrorCode.USER, "File[" + file + "] does not exist or is not a file");
            }
            try {
                long size = Files.size(file);
                if (size == 0) {
                    throw new DepotException(ErrorCode.USER, file.getFileName() + " is empty");
                }
                bytes += size;
            } catch (IOException e) {
                throw new DepotException(ErrorCode.USER, "Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return bytes;
    }

    /** First pass: column names from the first file, types from every value of every file. */
    private static TableSchema inferSchema(String table, List<Path> files, CsvOptions options) {
        TableSchema names = null;
        ColumnTypeInference[] inferences = null;
        long dataRows = 0;
        for (Path file : files) {
            try (CsvSource source = CsvSource.open(file, options)) {
                CsvLine line = firstLine(source);
                if (names == null) {
                    names = columnNames(source, line, options.header());
                    inferences = new ColumnTypeInference[names.size()];
                    for (int i = 0; i < inferences.length; i++) {
                        inferences[i] = new ColumnTypeInference();
                    }
                }
                FieldMapping mapping = FieldMapping.of(source, line, names, options.header(), table);
                if (options.header()) {
                    line = source.next();
                }
                for (; line != null; line = source.next()) {
                    mapping.checkFieldCount(source, line);
                    for (int column = 0; column < inferences.length; column++) {
                        int field = mapping.field(column);
                        String value = line.fields()[field];
                        if (!FieldConverter.isNull(value, line.quoted()[field], false, options.nullMarker())) {
                            inferences[column].observe(value.strip());
                        }
                    }
                    dataRows++;
                }
            }
        }
        if (dataRows == 0) {
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

    /** Second pass over one file: fields into the batch, full batches into the writer. */
    private static long convertFile(Path file, TableWriter writer, VectorSchemaRoot batch, CsvOptions options) {
        TableSchema schema = writer.schema();
        FieldConverter[] converters = new FieldConverter[schema.size()];
        for (int i = 0; i < converters.length; i++) {
            converters[i] = new FieldConverter(schema.column(i).type(), options.nullMarker());
        }
        List<FieldVector> vectors = batch.getFieldVectors();
        long rows = 0;
        try (CsvSource source = CsvSource.open(file, options)) {
            CsvLine line = firstLine(source);
            FieldMapping mapping = FieldMapping.of(source, line, schema, options.header(), writer.tableName());
            if (options.header()) {
                line = source.next();
            }
            startBatch(batch);
            int row = 0;
            for (; line != null; line = source.next()) {
                mapping.checkFieldCount(source, line);
                for (int column = 0; column < converters.length; column++) {
                    int field = mapping.field(column);
                    String value = line.fields()[field];
                    if (!converters[column].write(vectors.get(column), row, value, line.quoted()[field])) {
                        throw badValue(source, line, schema.column(column), value);
                    }
                }
                row++;
                rows++;
                if (row == BATCH_ROWS) {
                    batch.setRowCount(row);
                    writer.append(batch);
                    startBatch(batch);
                    row = 0;
                }
            }
            if (row > 0) {
                batch.setRowCount(row);
                writer.append(batch);
            }
        }
        return rows;
    }

    private static void startBatch(VectorSchemaRoot batch) {
        for (FieldVector vector : batch.getFieldVectors()) {
            vector.setInitialCapacity(BATCH_ROWS);
        }
        batch.allocateNew();
    }

    private static CsvLine firstLine(CsvSource source) {
        CsvLine line = source.next();
        if (line == null) {
            throw new DepotException(ErrorCode.USER, source.name() + " has no lines");
        }
        return line;
    }

    private static DepotException badValue(CsvSource source, CsvLine line, Column column, String value) {
        String shown = value.length() > MAX_SHOWN_VALUE_LENGTH ? value.substring(0, MAX_SHOWN_VALUE_LENGTH) + "..." : value;
        return new DepotException(ErrorCode.USER, String.format("%s line %d, column[%s]: cannot read '%s' as %s",
                source.name(), line.lineNumber(), column.name(), shown, column.type()));
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
                            "%s header names column[%s], which table[%s] does not have", source.name(), name.name(), table));
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

        void checkFieldCount(CsvSource source, CsvLine line) {
            if (line.size() != fieldCount) {
                throw new DepotException(ErrorCode.USER, String.format("%s line %d: has %d fields, expected %d",
                        source.name(), line.lineNumber(), line.size(), fieldCount));
            }
        }
    }
}
