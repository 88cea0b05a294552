package io.depot.engine.batch;

import io.depot.storage.type.ColumnType;
import java.util.Arrays;
import java.util.List;

/**
 * The values of one column over the rows of one batch, unpacked from Arrow into Java arrays so
 * kernels run tight loops over primitives. Row {@code i} of the data is row {@code i} of the
 * batch's selected rows. {@link #nulls()} is null when no row is NULL; values at NULL rows are
 * unspecified.
 *
 * <p>The representation follows the kind: BOOLEAN {@link BooleanData}; INTEGER, BIGINT, DECIMAL
 * up to 18 digits (unscaled), DATE (epoch days) and TIMESTAMP (epoch micros) {@link LongData};
 * DOUBLE {@link DoubleData}; VARCHAR {@link StringData} (UTF-8); DECIMAL wider than 18 digits
 * {@link StringData} of 16-byte keys (see {@link WideDecimals}).
 */
public sealed interface ColumnData permits BooleanData, LongData, DoubleData, StringData {
    /** The number of rows. */
    int size();

    /** Per-row NULL flags, or null when no row is NULL. */
    boolean[] nulls();

    /** Whether row {@code row} is NULL. */
    default boolean isNull(int row) {
        boolean[] nulls = nulls();
        return nulls != null && nulls[row];
    }

    /** Roughly how many heap bytes the data holds, for memory accounting. */
    default long estimatedBytes() {
        long bytes = nulls() == null ? 0 : size();
        if (this instanceof StringData strings) {
            return bytes + 4L * (size() + 1) + strings.bytes().length;
        }
        return bytes + (this instanceof BooleanData ? 1L : 8L) * size();
    }

    /** A copy holding rows {@code rows[0..count)} of this data, in that order. */
    ColumnData gather(int[] rows, int count);

    /** Data of this type with {@code size} rows that are all NULL. */
    static ColumnData allNull(ColumnType type, int size) {
        boolean[] nulls = new boolean[size];
        Arrays.fill(nulls, true);
        if (type.isWideDecimal()) {
            return WideDecimals.allNull(nulls, size);
        }
        return switch (type.kind()) {
            case BOOLEAN -> new BooleanData(new boolean[size], nulls, size);
            case DOUBLE -> new DoubleData(new double[size], nulls, size);
            case VARCHAR -> new StringData(new int[size + 1], new byte[0], nulls, size);
            default -> new LongData(new long[size], nulls, size);
        };
    }

    /** The pieces one after the other; all must be of the same class. */
    static ColumnData concat(ColumnType type, List<ColumnData> pieces) {
        return switch (type.kind()) {
            case BOOLEAN -> BooleanData.concat(pieces);
            case DOUBLE -> DoubleData.concat(pieces);
            case VARCHAR -> StringData.concat(pieces);
            default -> type.isWideDecimal() ? StringData.concat(pieces) : LongData.concat(pieces);
        };
    }

    /** Copies the NULL flags of the chosen rows, or returns null when there are none. */
    static boolean[] gatherNulls(boolean[] nulls, int[] rows, int count) {
        if (nulls == null) {
            return null;
        }
        boolean[] result = new boolean[count];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            result[i] = nulls[rows[i]];
            any |= result[i];
        }
        return any ? result : null;
    }

    /** The NULL flags of the pieces one after the other, or null when no piece has a NULL. */
    static boolean[] concatNulls(List<? extends ColumnData> pieces, int total) {
        boolean any = false;
        for (ColumnData piece : pieces) {
            any |= piece.nulls() != null;
        }
        if (!any) {
            return null;
        }
        boolean[] result = new boolean[total];
        int offset = 0;
        for (ColumnData piece : pieces) {
            if (piece.nulls() != null) {
                System.arraycopy(piece.nulls(), 0, result, offset, piece.size());
            }
            offset += piece.size();
        }
        return result;
    }

    /** The total number of rows of the pieces. */
    static int totalSize(List<? extends ColumnData> pieces) {
        long total = 0;
        for (ColumnData piece : pieces) {
            total += piece.size();
        }
        return Math.toIntExact(total);
    }
}
