package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

import io.depot.storage.statistics.HyperLogLog;
import io.depot.storage.type.ColumnType;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Collects the values of one column for the block being written and tracks its zone map. One
 * instance is reused for every block of a segment.
 */
abstract class ColumnBlockBuilder {
    protected final ColumnType type;
    protected final byte[] validity;
    protected int rowCount;
    private int nullCount;
    private final HyperLogLog distinctSketch = new HyperLogLog();

    protected ColumnBlockBuilder(ColumnType type, int blockRows) {
        this.type = requireNonNull(type, "type is null");
        this.validity = new byte[validityLength(blockRows)];
    }

    static ColumnBlockBuilder create(ColumnType type, int blockRows) {
        return switch (type.kind()) {
            case BOOLEAN -> new BooleanBlockBuilder(type, blockRows);
            case DECIMAL -> type.isWideDecimal()
                    ? new Decimal128BlockBuilder(type, blockRows)
                    : new IntegralBlockBuilder(type, blockRows);
            case INTEGER, DATE, BIGINT, TIMESTAMP -> new IntegralBlockBuilder(type, blockRows);
            case DOUBLE -> new DoubleBlockBuilder(type, blockRows);
            case VARCHAR -> new VarCharBlockBuilder(type, blockRows);
        };
    }

    static int validityLength(int rows) {
        return (rows + 7) >>> 3;
    }

    int rowCount() {
        return rowCount;
    }

    int nullCount() {
        return nullCount;
    }

    /** Appends rows {@code [from, from + count)} of the vector; the block must have room. */
    final void append(FieldVector vector, int from, int count) {
        if (count == 0) {
            return;
        }
        if (vector.getNullCount() == 0) {
            setValid(rowCount, count);
        } else {
            ArrowBuf source = vector.getValidityBuffer();
            for (int i = 0; i < count; i++) {
                int target = rowCount + i;
                if (BitVectorHelper.get(source, from + i) != 0) {
                    validity[target >>> 3] |= (byte) (1 << (target & 7));
                } else {
                    nullCount++;
                }
            }
        }
        appendValues(vector, from, count);
        rowCount += count;
    }

    /** Sets the validity bits of rows {@code [start, start + count)}: whole bytes at a time inside. */
    private void setValid(int start, int count) {
        int end = start + count;
        int row = start;
        while (row < end && (row & 7) != 0) {
            validity[row >>> 3] |= (byte) (1 << (row & 7));
            row++;
        }
        int wholeBytesEnd = row + ((end - row) & ~7);
        if (row < wholeBytesEnd) {
            Arrays.fill(validity, row >>> 3, wholeBytesEnd >>> 3, (byte) -1);
            row = wholeBytesEnd;
        }
        for (; row < end; row++) {
            validity[row >>> 3] |= (byte) (1 << (row & 7));
        }
    }

    /** Adds the block's non-null values to the segment's distinct sketch; once per block. */
    final void recordDistinctValues() {
        addDistinctValues(distinctSketch);
    }

    /** Distinct non-null values of every block recorded so far; shared, not copied. */
    final HyperLogLog distinctSketch() {
        return distinctSketch;
    }

    /** The block in its smallest encoding: validity bitmap when it has NULLs, then the values. */
    final EncodedBlock encode(BlockValues values) {
        return BlockEncoder.encode(values, validity, nullCount);
    }

    /** Forgets the block just written, ready for the next. */
    final void reset() {
        Arrays.fill(validity, 0, validityLength(rowCount), (byte) 0);
        rowCount = 0;
        nullCount = 0;
        resetValues();
    }

    /** Whether any row appended to this block so far is NULL: when not, loops skip {@link #isValid}. */
    protected final boolean hasNulls() {
        return nullCount > 0;
    }

    /** Whether row {@code index} of this block (already appended) is non-null. */
    protected final boolean isValid(int index) {
        return (validity[index >>> 3] & (1 << (index & 7))) != 0;
    }

    /** Copies values and updates min/max; validity of the new rows is already set. */
    protected abstract void appendValues(FieldVector vector, int from, int count);

    /** Adds every non-null value of the block to the sketch. */
    protected abstract void addDistinctValues(HyperLogLog sketch);

    /** The collected values, shared with this builder until {@link #reset()}. */
    abstract BlockValues values();

    protected abstract void resetValues();

    abstract ZoneMap zoneMap();
}
