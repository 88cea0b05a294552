package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * The rows of its partition a window aggregate sees for each row: ROWS frames count rows from
 * the current one; RANGE frames compare the (single, for offsets) order key's value with the
 * current row's, and CURRENT ROW in a RANGE frame means the current row's peers.
 */
public record WindowFrame(boolean rows, Bound start, Bound end) {
    /** The default with ORDER BY: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW. */
    public static final WindowFrame RANGE_TO_CURRENT_ROW =
            new WindowFrame(false, Bound.UNBOUNDED_PRECEDING, Bound.CURRENT_ROW);
    /** The default without ORDER BY: the whole partition. */
    public static final WindowFrame WHOLE_PARTITION =
            new WindowFrame(true, Bound.UNBOUNDED_PRECEDING, Bound.UNBOUNDED_FOLLOWING);

    public WindowFrame {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
    }

    public enum BoundKind {
        UNBOUNDED_PRECEDING,
        PRECEDING,
        CURRENT_ROW,
        FOLLOWING,
        UNBOUNDED_FOLLOWING,
    }

    /**
     * @param offset for PRECEDING and FOLLOWING: a row count (ROWS) or a distance in the order
     *     key's unit (RANGE: the number itself, days for DATE, microseconds for TIMESTAMP); not
     *     negative
     */
    public record Bound(BoundKind kind, BigDecimal offset) {
        public static final Bound UNBOUNDED_PRECEDING = new Bound(BoundKind.UNBOUNDED_PRECEDING, null);
        public static final Bound CURRENT_ROW = new Bound(BoundKind.CURRENT_ROW, null);
        public static final Bound UNBOUNDED_FOLLOWING = new Bound(BoundKind.UNBOUNDED_FOLLOWING, null);

        public Bound {
            requireNonNull(kind, "kind is null");
            boolean hasOffset = kind == BoundKind.PRECEDING || kind == BoundKind.FOLLOWING;
            if (hasOffset != (offset != null)) {
                throw new IllegalArgumentException("bound " + kind + (hasOffset ? " needs" : " takes no") + " offset");
            }
            if (offset != null && offset.signum() < 0) {
                throw new IllegalArgumentException("frame offset must not be negative: " + offset);
            }
        }

        public static Bound preceding(long offset) {
            return new Bound(BoundKind.PRECEDING, BigDecimal.valueOf(offset));
        }

        public static Bound following(long offset) {
            return new Bound(BoundKind.FOLLOWING, BigDecimal.valueOf(offset));
        }

        @Override
        public String toString() {
            return offset == null ? kind.name().replace('_', ' ') : offset.toPlainString() + " " + kind;
        }
    }

    @Override
    public String toString() {
        return (rows ? "ROWS" : "RANGE") + " BETWEEN " + start + " AND " + end;
    }
}
