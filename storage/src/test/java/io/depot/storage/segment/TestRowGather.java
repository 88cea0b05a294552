package io.depot.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * Gathering rows of a FRAME_OF_REFERENCE block at every bit width against the values packed: the
 * first and last rows (whose 8-byte load would run past the block), NULLs, and widths past what
 * one unaligned load holds.
 */
class TestRowGather extends AllocatorTest {
    private static final BlockLocation LOCATION = new BlockLocation(Path.of("test.dseg"), "value", 0);
    private static final int ROWS = 1_001;

    @Test
    void gathersEveryWidthWithAndWithoutNulls() {
        Random random = new Random(11);
        for (int width = 0; width <= BitPacking.MAX_WIDTH; width++) {
            long reference = width == 64 ? 0 : random.nextLong() >> width;
            long[] values = new long[ROWS];
            for (int row = 0; row < ROWS; row++) {
                long offset = width == 64 ? random.nextLong() : random.nextLong() & ((1L << width) - 1);
                values[row] = reference + offset;
            }
            int[] positions = selection(random);
            for (boolean nulls : new boolean[] {false, true}) {
                boolean[] valid = new boolean[ROWS];
                int nullCount = 0;
                for (int row = 0; row < ROWS; row++) {
                    valid[row] = !nulls || row % 3 != 1;
                    nullCount += valid[row] ? 0 : 1;
                }
                List<Object> expected = new ArrayList<>();
                for (int position : positions) {
                    expected.add(valid[position] ? values[position] : null);
                }
                assertThat(gather(block(reference, width, values, nulls ? valid : null), ColumnType.BIGINT,
                        nullCount, positions))
                        .as("width %d nulls %s", width, nulls).isEqualTo(expected);
            }
        }
    }

    @Test
    void gatheredValuesOutsideTheColumnAreCorruption() {
        long[] values = new long[ROWS];
        Arrays.fill(values, Integer.MAX_VALUE);
        values[ROWS - 1] = Integer.MAX_VALUE + 1L;
        byte[] raw = block(Integer.MAX_VALUE, 1, values, null);
        assertThat(gather(raw, ColumnType.INTEGER, 0, new int[] {0, ROWS - 2})).containsExactly(Integer.MAX_VALUE,
                Integer.MAX_VALUE);
        assertThatThrownBy(() -> gather(raw, ColumnType.INTEGER, 0, new int[] {0, ROWS - 1}))
                .hasMessage("Segment[test.dseg] column[value] block[0] decodes to values outside its INT32 column");
    }

    /** Ascending positions: the first and last rows, runs of neighbours and scattered rows. */
    private static int[] selection(Random random) {
        List<Integer> positions = new ArrayList<>();
        for (int row = 0; row < ROWS; row++) {
            if (row == 0 || row >= ROWS - 9 || (row >= 60 && row < 70) || random.nextInt(7) == 0) {
                positions.add(row);
            }
        }
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A block's raw bytes: the validity bitmap (when given), then a frame of the values. */
    private static byte[] block(long reference, int width, long[] values, boolean[] valid) {
        LittleEndianOutput output = new LittleEndianOutput();
        if (valid != null) {
            byte[] bitmap = new byte[ColumnBlockBuilder.validityLength(values.length)];
            for (int row = 0; row < values.length; row++) {
                bitmap[row >>> 3] |= (byte) (valid[row] ? 1 << (row & 7) : 0);
            }
            output.writeRaw(bitmap, 0, bitmap.length);
        }
        output.writeLong(reference);
        output.writeByte(width);
        BitPacking.pack(values, 0, values.length, reference, width, output);
        return output.toByteArray();
    }

    private List<Object> gather(byte[] raw, ColumnType type, long nullCount, int[] positions) {
        // A longer array than the block, as the reader's reused scratch arrays are.
        byte[] padded = Arrays.copyOf(raw, raw.length + 13);
        try (FieldVector vector = ArrowTypes.createVector(Column.nullable("value", type), allocator)) {
            RowGather.gather(padded, raw.length, Encoding.FRAME_OF_REFERENCE, type, ROWS, nullCount, positions,
                    positions.length, vector, LOCATION);
            List<Object> gathered = new ArrayList<>();
            for (int row = 0; row < vector.getValueCount(); row++) {
                gathered.add(ArrowValues.get(vector, type, row));
            }
            return gathered;
        }
    }
}
