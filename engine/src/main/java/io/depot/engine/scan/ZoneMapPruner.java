package io.depot.engine.scan;

import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.segment.ZoneMap;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides from a block's zone maps that a scan filter cannot be TRUE for any of its rows, so the
 * block need not be read. Understands the conjuncts of a top-level AND that compare a column with
 * a literal (either side), IN lists of literals, IS NULL and IS NOT NULL; anything else never
 * prunes. DOUBLE columns
 * never prune, since zone maps may not order NaN the way comparisons do.
 */
public final class ZoneMapPruner {
    private final List<Conjunct> conjuncts;

    /** @param literal the compared value; for IN, the list of non-NULL values */
    private record Conjunct(Function function, int tableColumn, Object literal) {}

    private ZoneMapPruner(List<Conjunct> conjuncts) {
        this.conjuncts = List.copyOf(conjuncts);
    }

    /**
     * @param filter a predicate over the scan's output columns
     * @param projection output column index to table column index
     */
    public static ZoneMapPruner forFilter(Expression filter, List<Integer> projection) {
        List<Conjunct> conjuncts = new ArrayList<>();
        collect(filter, projection, conjuncts);
        return new ZoneMapPruner(conjuncts);
    }

    /** A pruner that never prunes. */
    public static ZoneMapPruner none() {
        return new ZoneMapPruner(List.of());
    }

    private static void collect(Expression expression, List<Integer> projection, List<Conjunct> conjuncts) {
        if (!(expression instanceof Call call)) {
            return;
        }
        List<Expression> arguments = call.arguments();
        switch (call.function()) {
            case AND -> arguments.forEach(argument -> collect(argument, projection, conjuncts));
            case IS_NULL, IS_NOT_NULL -> {
                if (arguments.get(0) instanceof ColumnReference column) {
                    conjuncts.add(new Conjunct(call.function(), projection.get(column.index()), null));
                }
            }
            case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                Expression left = arguments.get(0);
                Expression right = arguments.get(1);
                if (left instanceof ColumnReference column && right instanceof Literal literal) {
                    addComparison(call.function(), column, literal, projection, conjuncts);
                } else if (right instanceof ColumnReference column && left instanceof Literal literal) {
                    addComparison(flip(call.function()), column, literal, projection, conjuncts);
                }
            }
            case IN -> {
                if (arguments.get(0) instanceof ColumnReference column) {
                    addInList(column, arguments.subList(1, arguments.size()), projection, conjuncts);
                }
            }
            default -> {
            }
        }
    }

    /** {@code column IN (literals)} can only be TRUE in a block whose range holds one of them. */
    private static void addInList(ColumnReference column, List<Expression> items, List<Integer> projection,
            List<Conjunct> conjuncts) {
        List<Object> values = new ArrayList<>(items.size());
        for (Expression item : items) {
            if (!(item instanceof Literal literal) || !literal.type().equals(column.type())) {
                return;
            }
            if (literal.value() != null) {
                values.add(literal.value());
            }
        }
        if (column.type().kind() != TypeKind.DOUBLE) {
            conjuncts.add(new Conjunct(Function.IN, projection.get(column.index()), values));
        }
    }

    private static void addComparison(Function function, ColumnReference column, Literal literal,
            List<Integer> projection, List<Conjunct> conjuncts) {
        if (column.type().kind() != TypeKind.DOUBLE && column.type().equals(literal.type())) {
            conjuncts.add(new Conjunct(function, projection.get(column.index()), literal.value()));
        }
    }

    private static Function flip(Function function) {
        return switch (function) {
            case LESS_THAN -> Function.GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> Function.GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> Function.LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> Function.LESS_THAN_OR_EQUAL;
            default -> function;
        };
    }

    /** Whether the filter might be TRUE for some row of the block (false: skip it). */
    public boolean mightMatch(SegmentReader segment, int block) {
        for (Conjunct conjunct : conjuncts) {
            ZoneMap zoneMap = segment.zoneMap(conjunct.tableColumn(), block);
            if (!mightMatch(conjunct, zoneMap, segment.blockRowCount(block))) {
                return false;
            }
        }
        return true;
    }

    private static boolean mightMatch(Conjunct conjunct, ZoneMap zoneMap, int rowCount) {
        switch (conjunct.function()) {
            case IS_NULL -> {
                return zoneMap.nullCount() > 0;
            }
            case IS_NOT_NULL -> {
                return zoneMap.nullCount() < rowCount;
            }
            default -> {
            }
        }
        Object literal = conjunct.literal();
        if (literal == null || zoneMap.min() == null || zoneMap.max() == null) {
            // A comparison with NULL, or over a block of only NULLs, is never TRUE.
            return false;
        }
        if (conjunct.function() == Function.IN) {
            for (Object value : (List<?>) literal) {
                Conjunct equality = new Conjunct(Function.EQUAL, conjunct.tableColumn(), value);
                if (mightMatch(equality, zoneMap, rowCount)) {
                    return true;
                }
            }
            return false;
        }
        Integer againstMin = compare(zoneMap.min(), literal);
        Integer againstMax = compare(zoneMap.max(), literal);
        if (againstMin == null || againstMax == null) {
            return true;
        }
        return switch (conjunct.function()) {
            case EQUAL -> againstMin <= 0 && againstMax >= 0;
            case NOT_EQUAL -> !(againstMin == 0 && againstMax == 0);
            case LESS_THAN -> againstMin < 0;
            case LESS_THAN_OR_EQUAL -> againstMin <= 0;
            case GREATER_THAN -> againstMax > 0;
            case GREATER_THAN_OR_EQUAL -> againstMax >= 0;
            default -> true;
        };
    }

    /** The sign of {@code statistic} compared with {@code literal}, or null when they are not comparable. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Integer compare(Object statistic, Object literal) {
        if (statistic instanceof String text && literal instanceof String other) {
            // Code point order, as VARCHAR comparisons use.
            return Integer.signum(Arrays.compareUnsigned(text.getBytes(StandardCharsets.UTF_8),
                    other.getBytes(StandardCharsets.UTF_8)));
        }
        if (statistic instanceof BigDecimal decimal && literal instanceof BigDecimal other) {
            return Integer.signum(decimal.compareTo(other));
        }
        if (statistic.getClass() == literal.getClass() && statistic instanceof Comparable comparable) {
            return Integer.signum(comparable.compareTo(literal));
        }
        return null;
    }
}
