package io.depot.engine.window;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.WindowFrame;
import io.depot.engine.plan.WindowFrame.Bound;
import io.depot.engine.plan.WindowFrame.BoundKind;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Every row's frame {@code [start, end)} in sorted positions. Within a partition both bounds
 * never decrease from one row to the next, which the frame aggregates rely on to slide.
 */
final class FrameBounds {
    final int[] start;
    final int[] end;

    private FrameBounds(int[] start, int[] end) {
        this.start = start;
        this.end = end;
    }

    /**
     * @param orderKey the sorted data of the single order key, needed only by RANGE frames with
     *     an offset (else may be null); {@code key} and {@code keyType} describe it
     */
    static FrameBounds of(WindowFrame frame, WindowPartitions partitions, int size, ColumnData orderKey,
            SortKey key, ColumnType keyType) {
        int[] start = new int[size];
        int[] end = new int[size];
        RangeSearch range = needsRangeSearch(frame) ? new RangeSearch(orderKey, key, keyType, partitions) : null;
        for (int row = 0; row < size; row++) {
            start[row] = bound(frame, frame.start(), true, row, partitions, range);
            end[row] = bound(frame, frame.end(), false, row, partitions, range);
        }
        return new FrameBounds(start, end);
    }

    private static boolean needsRangeSearch(WindowFrame frame) {
        return !frame.rows() && (frame.start().offset() != null || frame.end().offset() != null);
    }

    /** The position of a bound: the first row in the frame (start) or the first one after it (end). */
    private static int bound(WindowFrame frame, Bound bound, boolean isStart, int row, WindowPartitions partitions,
            RangeSearch range) {
        int partitionStart = partitions.partitionStart[row];
        int partitionEnd = partitions.partitionEnd[row];
        BoundKind kind = bound.kind();
        if (kind == BoundKind.UNBOUNDED_PRECEDING) {
            return partitionStart;
        }
        if (kind == BoundKind.UNBOUNDED_FOLLOWING) {
            return partitionEnd;
        }
        if (kind == BoundKind.CURRENT_ROW) {
            if (frame.rows()) {
                return isStart ? row : row + 1;
            }
            return isStart ? partitions.peerStart[row] : partitions.peerEnd[row];
        }
        if (frame.rows()) {
            long offset = bound.offset().min(BigDecimal.valueOf(Integer.MAX_VALUE)).longValue();
            long target = kind == BoundKind.PRECEDING ? row - offset : row + offset;
            long position = isStart ? target : target + 1;
            return (int) Math.max(partitionStart, Math.min(partitionEnd, position));
        }
        return range.bound(row, kind == BoundKind.PRECEDING, bound.offset(), isStart);
    }

    /** Binary searches over the one order key of a RANGE frame with offsets. */
    private static final class RangeSearch {
        private final long[] longs;
        private final double[] doubles;
        private final boolean[] nulls;
        private final boolean descending;
        private final boolean nullsFirst;
        private final ColumnType type;
        private final WindowPartitions partitions;

        RangeSearch(ColumnData data, SortKey key, ColumnType type, WindowPartitions partitions) {
            if (data == null) {
                throw new DepotException(ErrorCode.USER, "RANGE frames with an offset need exactly one ORDER BY key");
            }
            if ((!type.kind().isNumeric() && type.kind() != TypeKind.DATE && type.kind() != TypeKind.TIMESTAMP)
                    || type.isWideDecimal()) {
                throw new DepotException(ErrorCode.USER,
                        "RANGE frames with an offset need a numeric (up to DECIMAL(18,s)), DATE or TIMESTAMP "
                                + "ORDER BY key, not " + type);
            }
            this.longs = data instanceof LongData l ? l.values() : null;
            this.doubles = data instanceof DoubleData d ? d.values() : null;
            this.nulls = data.nulls();
            this.descending = key.descending();
            this.nullsFirst = key.nullsFirst();
            this.type = type;
            this.partitions = partitions;
        }

        int bound(int row, boolean preceding, BigDecimal offset, boolean isStart) {
            if (nulls != null && nulls[row]) {
                // A NULL key's offsets reach exactly its peers, the other NULLs.
                return isStart ? partitions.peerStart[row] : partitions.peerEnd[row];
            }
            int from = partitions.partitionStart[row];
            int to = partitions.partitionEnd[row];
            // Only the non-NULL rows of the partition are searched; NULLs sit at one end.
            if (nulls != null) {
                if (nullsFirst) {
                    while (from < to && nulls[from]) {
                        from = partitions.peerEnd[from];
                    }
                } else {
                    int last = to - 1;
                    while (last >= from && nulls[last]) {
                        to = partitions.peerStart[last];
                        last = to - 1;
                    }
                }
            }
            // In sort order, PRECEDING moves toward smaller values ascending, larger descending.
            boolean towardSmaller = preceding != descending;
            if (longs != null) {
                long distance = scaled(offset);
                long value = longs[row];
                long target = towardSmaller ? saturatedSubtract(value, distance) : saturatedAdd(value, distance);
                return isStart ? firstNotBefore(from, to, target) : firstAfter(from, to, target);
            }
            double distance = offset.doubleValue();
            double value = doubles[row];
            double target = towardSmaller ? value - distance : value + distance;
            return isStart ? firstNotBeforeDouble(from, to, target) : firstAfterDouble(from, to, target);
        }

        /** The offset in the key's representation: unscaled for DECIMAL, days, or microseconds. */
        private long scaled(BigDecimal offset) {
            BigDecimal value = type.kind() == TypeKind.DECIMAL ? offset.movePointRight(type.scale()) : offset;
            return value.setScale(0, RoundingMode.DOWN).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
        }

        /** The first position whose value does not sort before {@code target}. */
        private int firstNotBefore(int from, int to, long target) {
            int low = from;
            int high = to;
            while (low < high) {
                int middle = (low + high) >>> 1;
                boolean before = descending ? longs[middle] > target : longs[middle] < target;
                if (before) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** The first position whose value sorts after {@code target}. */
        private int firstAfter(int from, int to, long target) {
            int low = from;
            int high = to;
            while (low < high) {
                int middle = (low + high) >>> 1;
                boolean notAfter = descending ? longs[middle] >= target : longs[middle] <= target;
                if (notAfter) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        private int firstNotBeforeDouble(int from, int to, double target) {
            int low = from;
            int high = to;
            while (low < high) {
                int middle = (low + high) >>> 1;
                int comparison = Double.compare(doubles[middle] + 0.0, target + 0.0);
                boolean before = descending ? comparison > 0 : comparison < 0;
                if (before) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        private int firstAfterDouble(int from, int to, double target) {
            int low = from;
            int high = to;
            while (low < high) {
                int middle = (low + high) >>> 1;
                int comparison = Double.compare(doubles[middle] + 0.0, target + 0.0);
                boolean notAfter = descending ? comparison >= 0 : comparison <= 0;
                if (notAfter) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        private static long saturatedAdd(long value, long distance) {
            long sum = value + distance;
            return ((value ^ sum) & (distance ^ sum)) < 0 ? Long.MAX_VALUE : sum;
        }

        private static long saturatedSubtract(long value, long distance) {
            long difference = value - distance;
            return ((value ^ distance) & (value ^ difference)) < 0 ? Long.MIN_VALUE : difference;
        }
    }
}
