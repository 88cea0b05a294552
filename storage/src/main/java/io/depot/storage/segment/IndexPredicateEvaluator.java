package io.depot.storage.segment;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates a {@link RowPredicate} on the bitmap indexes of one block with SQL's three-valued
 * logic: every sub-predicate yields the rows where it is TRUE and the rows where it is UNKNOWN
 * (the rest are FALSE), so NOT and OR over NULLs come out exactly as a row-by-row evaluation.
 */
final class IndexPredicateEvaluator {
    private final Map<Integer, BlockBitmapIndex> indexes;
    private final Map<Integer, Column> columns;
    private final int rows;

    /** Rows where a predicate is TRUE and rows where it is UNKNOWN; disjoint. */
    private record Truth(RoaringBitmap isTrue, RoaringBitmap isUnknown) {}

    IndexPredicateEvaluator(Map<Integer, BlockBitmapIndex> indexes, Map<Integer, Column> columns, int rows) {
        this.indexes = indexes;
        this.columns = columns;
        this.rows = rows;
    }

    /** Rows of the block where the predicate is TRUE. */
    RoaringBitmap select(RowPredicate predicate) {
        return evaluate(predicate).isTrue();
    }

    private Truth evaluate(RowPredicate predicate) {
        if (predicate instanceof RowPredicate.Compare compare) {
            return compare(compare);
        }
        if (predicate instanceof RowPredicate.In in) {
            return in(in);
        }
        if (predicate instanceof RowPredicate.IsNull isNull) {
            RoaringBitmap nulls = indexes.get(isNull.column()).nullRows();
            return new Truth(isNull.negated() ? complement(nulls) : nulls, new RoaringBitmap());
        }
        if (predicate instanceof RowPredicate.And and) {
            Truth result = evaluate(and.operands().get(0));
            for (RowPredicate operand : and.operands().subList(1, and.operands().size())) {
                Truth next = evaluate(operand);
                RoaringBitmap isTrue = RoaringBitmap.and(result.isTrue(), next.isTrue());
                // TRUE or UNKNOWN on both sides, and not TRUE: UNKNOWN.
                RoaringBitmap notFalse = RoaringBitmap.and(RoaringBitmap.or(result.isTrue(), result.isUnknown()),
                        RoaringBitmap.or(next.isTrue(), next.isUnknown()));
                result = new Truth(isTrue, RoaringBitmap.andNot(notFalse, isTrue));
            }
            return result;
        }
        if (predicate instanceof RowPredicate.Or or) {
            Truth result = evaluate(or.operands().get(0));
            for (RowPredicate operand : or.operands().subList(1, or.operands().size())) {
                Truth next = evaluate(operand);
                RoaringBitmap isTrue = RoaringBitmap.or(result.isTrue(), next.isTrue());
                RoaringBitmap unknown = RoaringBitmap.or(result.isUnknown(), next.isUnknown());
                result = new Truth(isTrue, RoaringBitmap.andNot(unknown, isTrue));
            }
            return result;
        }
        RowPredicate.Not not = (RowPredicate.Not) predicate;
        Truth operand = evaluate(not.operand());
        return new Truth(complement(RoaringBitmap.or(operand.isTrue(), operand.isUnknown())), operand.isUnknown());
    }

    private Truth compare(RowPredicate.Compare compare) {
        BlockBitmapIndex index = indexes.get(compare.column());
        RoaringBitmap nulls = index.nullRows();
        Object value = compare.value();
        checkValue(value, compare.column());
        if (value == null) {
            return new Truth(new RoaringBitmap(), all());
        }
        int keys = index.keyCount();
        int lower = index.lowerBound(value);
        int upper = index.upperBound(value);
        RoaringBitmap isTrue = switch (compare.comparison()) {
            case EQUAL -> index.rowsOfKeys(lower, upper);
            case NOT_EQUAL -> rowsOfKeysOutside(index, nulls, lower, upper);
            case LESS_THAN -> rowsOfKeyRange(index, nulls, 0, lower);
            case LESS_THAN_OR_EQUAL -> rowsOfKeyRange(index, nulls, 0, upper);
            case GREATER_THAN -> rowsOfKeyRange(index, nulls, upper, keys);
            case GREATER_THAN_OR_EQUAL -> rowsOfKeyRange(index, nulls, lower, keys);
        };
        return new Truth(isTrue, nulls);
    }

    private Truth in(RowPredicate.In in) {
        BlockBitmapIndex index = indexes.get(in.column());
        RoaringBitmap isTrue = new RoaringBitmap();
        boolean listHasNull = false;
        for (Object value : in.values()) {
            checkValue(value, in.column());
            if (value == null) {
                listHasNull = true;
            } else {
                isTrue.or(index.rowsOfKeys(index.lowerBound(value), index.upperBound(value)));
            }
        }
        // A row matching no item is UNKNOWN when its value is NULL or the list holds a NULL.
        RoaringBitmap unknown = listHasNull ? complement(isTrue) : index.nullRows();
        return new Truth(isTrue, unknown);
    }

    /** Rows of keys {@code [from, to)}; a range over most keys is built as the complement of the rest. */
    private RoaringBitmap rowsOfKeyRange(BlockBitmapIndex index, RoaringBitmap nulls, int from, int to) {
        int keys = index.keyCount();
        if (to - from <= keys / 2) {
            return index.rowsOfKeys(from, to);
        }
        RoaringBitmap outside = index.rowsOfKeys(0, from);
        outside.or(index.rowsOfKeys(to, keys));
        outside.or(nulls);
        return complement(outside);
    }

    /** Non-NULL rows whose key is outside {@code [from, to)}. */
    private RoaringBitmap rowsOfKeysOutside(BlockBitmapIndex index, RoaringBitmap nulls, int from, int to) {
        RoaringBitmap excluded = index.rowsOfKeys(from, to);
        excluded.or(nulls);
        return complement(excluded);
    }

    private RoaringBitmap all() {
        return RoaringBitmap.bitmapOfRange(0, rows);
    }

    private RoaringBitmap complement(RoaringBitmap rowsToDrop) {
        return RoaringBitmap.andNot(all(), rowsToDrop);
    }

    /** Refuses (USER) a non-null value that is not the Java form of the column's type. */
    private void checkValue(Object value, int column) {
        if (value == null) {
            return;
        }
        ColumnType type = columns.get(column).type();
        Class<?> expected = switch (type.kind()) {
            case BOOLEAN -> Boolean.class;
            case INTEGER -> Integer.class;
            case BIGINT -> Long.class;
            case DECIMAL -> BigDecimal.class;
            case DOUBLE -> Double.class;
            case DATE -> LocalDate.class;
            case TIMESTAMP -> LocalDateTime.class;
            case VARCHAR -> String.class;
        };
        if (!expected.isInstance(value)) {
            throw new DepotException(ErrorCode.USER, String.format("Predicate on column[%s] %s compares it with a %s",
                    columns.get(column).name(), type, value.getClass().getSimpleName()));
        }
    }
}
