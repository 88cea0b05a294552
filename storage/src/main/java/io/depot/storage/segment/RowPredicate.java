package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A typed predicate over the columns of a segment, answered from bitmap indexes without decoding
 * values ({@link SegmentReader#selectRows}). Semantics are SQL's, with three-valued logic: a
 * comparison with a NULL row is UNKNOWN, {@code NOT UNKNOWN} is UNKNOWN, and only rows where the
 * predicate is TRUE are selected. Values are in the Java form of the column's type, as zone maps
 * give them: Integer (INTEGER), Long (BIGINT), BigDecimal (DECIMAL), LocalDate (DATE),
 * LocalDateTime (TIMESTAMP), String (VARCHAR); a null value is SQL NULL.
 */
public sealed interface RowPredicate {
    /** The segment column indexes the predicate reads. */
    Set<Integer> columns();

    /** Comparison operators of {@link Compare}. */
    enum Comparison { EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL }

    /** {@code column <comparison> value}. */
    record Compare(int column, Comparison comparison, Object value) implements RowPredicate {
        public Compare {
            requireNonNull(comparison, "comparison is null");
        }

        @Override
        public Set<Integer> columns() {
            return Set.of(column);
        }
    }

    /** {@code column IN (values)}; a null among the values makes non-matching rows UNKNOWN. */
    record In(int column, List<Object> values) implements RowPredicate {
        public In {
            // List.copyOf refuses nulls, and SQL's IN list may hold NULL.
            values = Collections.unmodifiableList(new ArrayList<>(requireNonNull(values, "values is null")));
        }

        @Override
        public Set<Integer> columns() {
            return Set.of(column);
        }
    }

    /** {@code column IS NULL}, or {@code IS NOT NULL} when {@code negated}; never UNKNOWN. */
    record IsNull(int column, boolean negated) implements RowPredicate {
        @Override
        public Set<Integer> columns() {
            return Set.of(column);
        }
    }

    /** TRUE when every operand is. */
    record And(List<RowPredicate> operands) implements RowPredicate {
        public And {
            operands = List.copyOf(requireNonNull(operands, "operands is null"));
            if (operands.isEmpty()) {
                throw new IllegalArgumentException("AND needs at least one operand");
            }
        }

        @Override
        public Set<Integer> columns() {
            return union(operands);
        }
    }

    /** TRUE when some operand is. */
    record Or(List<RowPredicate> operands) implements RowPredicate {
        public Or {
            operands = List.copyOf(requireNonNull(operands, "operands is null"));
            if (operands.isEmpty()) {
                throw new IllegalArgumentException("OR needs at least one operand");
            }
        }

        @Override
        public Set<Integer> columns() {
            return union(operands);
        }
    }

    /** TRUE when the operand is FALSE. */
    record Not(RowPredicate operand) implements RowPredicate {
        public Not {
            requireNonNull(operand, "operand is null");
        }

        @Override
        public Set<Integer> columns() {
            return operand.columns();
        }
    }

    static RowPredicate equal(int column, Object value) {
        return new Compare(column, Comparison.EQUAL, value);
    }

    static RowPredicate in(int column, Object... values) {
        return new In(column, Arrays.asList(values));
    }

    /** {@code lower <= column <= upper}, like SQL's BETWEEN. */
    static RowPredicate between(int column, Object lower, Object upper) {
        return new And(List.of(new Compare(column, Comparison.GREATER_THAN_OR_EQUAL, lower),
                new Compare(column, Comparison.LESS_THAN_OR_EQUAL, upper)));
    }

    static RowPredicate isNull(int column) {
        return new IsNull(column, false);
    }

    static RowPredicate isNotNull(int column) {
        return new IsNull(column, true);
    }

    static RowPredicate and(RowPredicate... operands) {
        return new And(List.of(operands));
    }

    static RowPredicate or(RowPredicate... operands) {
        return new Or(List.of(operands));
    }

    static RowPredicate not(RowPredicate operand) {
        return new Not(operand);
    }

    private static Set<Integer> union(List<RowPredicate> operands) {
        Set<Integer> columns = new TreeSet<>();
        for (RowPredicate operand : operands) {
            columns.addAll(operand.columns());
        }
        return Collections.unmodifiableSet(columns);
    }
}
