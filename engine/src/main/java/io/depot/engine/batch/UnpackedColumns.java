package io.depot.engine.batch;

import io.depot.storage.type.ColumnType;
import org.apache.arrow.vector.FieldVector;

/**
 * The values of some of a batch's columns already unpacked into {@link ColumnData} over the
 * batch's rows (see {@link Batch#columnData}): a projection's computed columns, and the input
 * columns it read to compute them. A consumer that works on ColumnData (an aggregation, a sort's
 * buffer, a join's keys) takes them as they are instead of reading them back out of the vectors,
 * and a computed column's vector stays empty until something asks for the vector
 * ({@link #isUnwritten}), so a batch that only feeds an aggregation never goes through Arrow at
 * all. Owned by one batch: the written flags change as vectors are written.
 */
public final class UnpackedColumns {
    private final ColumnData[] data;
    private final ColumnType[] types;
    private final boolean[] unwritten;

    /**
     * Column {@code i} has {@code data[i]} of type {@code types[i]} (when not null);
     * {@code unwritten[i]} says its vector is still empty. The arrays are taken over.
     */
    public UnpackedColumns(ColumnData[] data, ColumnType[] types, boolean[] unwritten) {
        if (types.length != data.length || unwritten.length != data.length) {
            throw new IllegalArgumentException(data.length + " columns, " + types.length + " types, "
                    + unwritten.length + " written flags");
        }
        for (int i = 0; i < data.length; i++) {
            if ((data[i] == null) != (types[i] == null) || unwritten[i] && data[i] == null) {
                throw new IllegalArgumentException("column " + i + " lacks its data or type");
            }
        }
        this.data = data;
        this.types = types;
        this.unwritten = unwritten;
    }

    /**
     * Column {@code index}'s values when they are unpacked as {@code type} (the representation
     * follows the type), else null: the caller then reads the vector.
     */
    public ColumnData data(int index, ColumnType type) {
        return data[index] != null && types[index].equals(type) ? data[index] : null;
    }

    /** Whether column {@code index}'s vector is still empty, to be written from its unpacked values. */
    public boolean isUnwritten(int index) {
        return unwritten[index];
    }

    /**
     * Writes column {@code index}'s values into its empty vector when it is still unwritten: at the
     * root positions {@code selection} (null: rows {@code 0..rootRows)}) of a root of {@code rootRows} rows.
     */
    void write(int index, FieldVector vector, int[] selection, int rootRows) {
        if (!unwritten[index]) {
            return;
        }
        if (selection == null) {
            ColumnWriter.write(data[index], types[index], vector);
        } else {
            ColumnWriter.writeAt(data[index], types[index], vector, selection, rootRows);
        }
        unwritten[index] = false;
    }

    /** The columns {@code picks} (-1 picks none) in that order, or null when none is unpacked. */
    UnpackedColumns pick(int[] picks) {
        ColumnData[] picked = new ColumnData[picks.length];
        ColumnType[] pickedTypes = new ColumnType[picks.length];
        boolean[] pickedUnwritten = new boolean[picks.length];
        boolean any = false;
        for (int i = 0; i < picks.length; i++) {
            if (picks[i] >= 0 && data[picks[i]] != null) {
                picked[i] = data[picks[i]];
                pickedTypes[i] = types[picks[i]];
                pickedUnwritten[i] = unwritten[picks[i]];
                any = true;
            }
        }
        return any ? new UnpackedColumns(picked, pickedTypes, pickedUnwritten) : null;
    }

    /**
     * The unwritten columns at the batch's rows {@code rows[0..count)} (ascending), for a narrowed
     * batch over the same root, or null when none is unwritten. Written columns are left out: their
     * vectors hold them, and a consumer that never reads them should not pay for a gathered copy.
     */
    UnpackedColumns narrowed(int[] rows, int count) {
        ColumnData[] gathered = new ColumnData[data.length];
        ColumnType[] gatheredTypes = new ColumnType[data.length];
        boolean any = false;
        for (int i = 0; i < data.length; i++) {
            if (unwritten[i]) {
                gathered[i] = data[i].gather(rows, count);
                gatheredTypes[i] = types[i];
                any = true;
            }
        }
        return any ? new UnpackedColumns(gathered, gatheredTypes, unwritten.clone()) : null;
    }

    int size() {
        return data.length;
    }
}
