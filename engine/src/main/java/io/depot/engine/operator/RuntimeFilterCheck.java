package io.depot.engine.operator;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.LongData;
import io.depot.engine.join.RuntimeFilter;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.segment.ZoneMap;
import org.apache.arrow.vector.FieldVector;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One scan's use of one {@link RuntimeFilterSlot}: tests blocks by their zone map on the key
 * column and rows by their key. Row tests stop for the rest of the scan once a sample shows the
 * filter keeps nearly every row, since decoding the key column first then costs more than it
 * saves; the block test (a zone map lookup) always stays. Not thread-safe: one per scan.
 */
final class RuntimeFilterCheck {
    /** Rows tested before judging the pass rate. */
    private static final long SAMPLE_ROWS = 3L * Batch.MAX_ROWS;
    /** Row tests stop when more than this share of the sampled rows passed. */
    private static final double MAX_PASS_RATE = 0.9;

    private final RuntimeFilterSlot slot;
    private long rowsTested;
    private long rowsPassed;
    private boolean rowTestsOff;
    /** Where a block's kept positions are written before being copied out at their exact count. */
    private int[] scratch = new int[0];

    RuntimeFilterCheck(RuntimeFilterSlot slot) {
        this.slot = slot;
    }

    RuntimeFilterSlot slot() {
        return slot;
    }

    /**
     * A scratch array of at least {@code size} positions for {@link #retain}'s output, reused from
     * block to block (a selective filter keeps few of a block's rows: allocating and zeroing a whole
     * block's array per block cost more than copying the few out).
     */
    int[] scratch(int size) {
        if (scratch.length < size) {
            scratch = new int[Math.max(size, Batch.MAX_ROWS)];
        }
        return scratch;
    }

    /** Whether a filter has been published and its rows are still worth testing. */
    boolean testsRows() {
        return !rowTestsOff && slot.filter() != null;
    }

    /** Whether the block may hold a build key, by its zone map on the key column. */
    boolean mightMatch(SegmentReader segment, int block) {
        RuntimeFilter filter = slot.filter();
        if (filter == null) {
            return true;
        }
        if (filter.isEmpty()) {
            return false;
        }
        ZoneMap zoneMap = segment.zoneMap(slot.tableColumn(), block);
        if (zoneMap.min() == null || zoneMap.max() == null) {
            // only NULL keys in the block (an equi-join matches none of them), or no statistics
            return zoneMap.nullCount() < segment.blockRowCount(block);
        }
        Long low = toKey(zoneMap.min(), RoundingMode.FLOOR);
        Long high = toKey(zoneMap.max(), RoundingMode.CEILING);
        // bounds the key representation cannot hold prune nothing
        return low == null || high == null || filter.mightContainRange(low, high);
    }

    /**
     * A zone map bound in the key representation the join compares (see LiteralKernel), a decimal
     * rounded outwards to the key's scale; null when it has no such form.
     */
    private Long toKey(Object value, RoundingMode rounding) {
        try {
            if (value instanceof Integer integer) {
                return integer.longValue();
            }
            if (value instanceof Long number) {
                return number;
            }
            if (value instanceof LocalDate date) {
                return date.toEpochDay();
            }
            if (value instanceof LocalDateTime timestamp) {
                return ArrowValues.timestampToMicros(timestamp);
            }
            if (value instanceof BigDecimal decimal) {
                return decimal.setScale(slot.type().scale(), rounding).unscaledValue().longValueExact();
            }
        } catch (ArithmeticException e) {
            return null;
        }
        return null;
    }

    /**
     * Keeps the candidate rows whose key may be a build key: {@code keys} holds the candidates'
     * keys in order, {@code positions} their block positions (null: the candidates are rows
     * {@code 0..count)}). The kept positions go to {@code kept}, in order.
     *
     * @return how many were kept
     */
    int retain(LongData keys, int[] positions, int count, int[] kept) {
        return counted(count, slot.filter().retain(keys.values(), keys.nulls(), positions, count, kept));
    }

    /**
     * {@link #retain(LongData, int[], int, int[])} over a decoded block's key vector without NULLs
     * (the caller checks), read in place: the candidates are its positions {@code positions[0..count)}
     * (null: {@code 0..count)}).
     */
    int retain(FieldVector keys, int[] positions, int count, int[] kept) {
        int width = slot.type().kind() == TypeKind.INTEGER || slot.type().kind() == TypeKind.DATE
                ? Integer.BYTES : Long.BYTES;
        return counted(count, slot.filter().retain(keys.getDataBuffer().memoryAddress(), width, keys.getValueCount(),
                positions, count, kept));
    }

    private int counted(int count, int passed) {
        rowsTested += count;
        rowsPassed += passed;
        if (rowsTested >= SAMPLE_ROWS && rowsPassed > MAX_PASS_RATE * rowsTested) {
            rowTestsOff = true;
        }
        return passed;
    }
}
