package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The partition key as a column: every row of a partitioned load gets the partition's value, so
 * {@code WHERE dt = DATE '2024-01-01'} finds it and zone maps prune other partitions. A new
 * table gets the column last, typed from the value as CSV inference would type it (a date gives
 * DATE, a number BIGINT, otherwise VARCHAR); an existing table must have the column.
 */
final class PartitionColumn implements AutoCloseable {
    private final int index;
    private final FieldVector value;

    private PartitionColumn(int index, FieldVector value) {
        this.index = index;
        this.value = value;
    }

    /** The schema of a new table loaded into this partition: the source's columns plus the key. */
    static TableSchema addTo(TableSchema sourceColumns, PartitionSpec spec) {
        if (sourceColumns.indexOf(spec.key()).isPresent()) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "The input has a column[%s], which is also the partition key; the partition gives its value",
                    spec.key()));
        }
        ColumnTypeInference inference = new ColumnTypeInference();
        inference.observe(spec.value());
        List<Column> columns = new ArrayList<>(sourceColumns.columns());
        columns.add(Column.nullable(spec.key(), inference.result()));
        return new TableSchema(columns);
    }

    /** The partition column of this table schema, holding the spec's value parsed as its type. */
    static PartitionColumn of(TableSchema schema, PartitionSpec spec, String table, BufferAllocator allocator) {
        OptionalInt index = schema.indexOf(spec.key());
        if (index.isEmpty()) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Table[%s] has no column[%s] to hold the partition key", table, spec.key()));
        }
        Column column = schema.column(index.getAsInt());
        FieldVector value = ArrowTypes.createVector(column, allocator);
        try {
            value.allocateNew();
            FieldConverter converter = new FieldConverter(column.type(), null);
            if (!converter.write(value, 0, spec.value(), true) || value.isNull(0)) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Partition value '%s' is not a valid %s for column[%s] of table[%s]",
                        spec.value(), column.type(), column.name(), table));
            }
            value.setValueCount(1);
            return new PartitionColumn(index.getAsInt(), value);
        } catch (RuntimeException e) {
            value.close();
            throw e;
        }
    }

    /** Index of the column in the table schema. */
    int index() {
        return index;
    }

    /** Sets row {@code row} of the table's partition vector to the partition's value. */
    void fill(FieldVector vector, int row) {
        vector.copyFromSafe(0, row, value);
    }

    @Override
    public void close() {
        value.close();
    }
}
