package io.depot.engine.operator;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.memory.HeapReservation;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * An operator's whole output read into one {@link ColumnData} per column (for the operators
 * that need all of their input before producing anything: sort, the build side of a join).
 *
 * @param columns one entry per input column, all rows
 */
record BufferedInput(List<ColumnData> columns, int rowCount) {
    /**
     * Reads every batch of {@code input}, closing each, and reserves as it goes twice the bytes
     * read (the pieces, then their concatenation) plus {@code extraBytesPerRow} per row.
     */
    static BufferedInput read(Operator input, HeapReservation reservation, long extraBytesPerRow) {
        List<Column> columns = input.columns();
        List<List<ColumnData>> pieces = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            pieces.add(new ArrayList<>());
        }
        int rowCount = 0;
        while (true) {
            try (Batch batch = input.next()) {
                if (batch == null) {
                    break;
                }
                long bytes = 0;
                for (int i = 0; i < columns.size(); i++) {
                    ColumnData data = batch.columnData(i, columns.get(i).type());
                    pieces.get(i).add(data);
                    bytes += data.estimatedBytes();
                }
                rowCount = Math.addExact(rowCount, batch.rowCount());
                reservation.grow(2 * bytes + extraBytesPerRow * batch.rowCount());
            }
        }
        List<ColumnData> concatenated = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            concatenated.add(ColumnData.concat(columns.get(i).type(), pieces.get(i)));
        }
        return new BufferedInput(List.copyOf(concatenated), rowCount);
    }

    /** Heap bytes the columns hold. */
    long estimatedBytes() {
        long bytes = 0;
        for (ColumnData column : columns) {
            bytes += column.estimatedBytes();
        }
        return bytes;
    }
}
