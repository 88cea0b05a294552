package io.depot.engine.scan;

import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.storage.segment.RowPredicate;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a scan filter into the part storage answers from bitmap indexes and a residual the
 * engine evaluates. The top-level AND's conjuncts that are comparisons of a column with a
 * literal of its type, IN lists of literals, IS [NOT] NULL, and AND/OR/NOT of those, become one
 * {@link RowPredicate} over table columns; the other conjuncts stay as the residual. DOUBLE and
 * BOOLEAN columns have no indexes, so predicates on them stay residual.
 */
public final class IndexFilter {
    private final RowPredicate indexed;
    private final Expression residual;

    private IndexFilter(RowPredicate indexed, Expression residual) {
        this.indexed = indexed;
        this.residual = residual;
    }

    /**
     * @param filter a BOOLEAN predicate over the scan's output columns
     * @param projection output column index to table column index
     */
    public static IndexFilter forFilter(Expression filter, List<Integer> projection) {
        List<Expression> conjuncts = new ArrayList<>();
        flattenAnd(filter, conjuncts);
        List<RowPredicate> indexed = new ArrayList<>();
        List<Expression> residual = new ArrayList<>();
        for (Expression conjunct : conjuncts) {
            Optional<RowPredicate> translated = translate(conjunct, projection);
            if (translated.isPresent()) {
                indexed.add(translated.get());
            } else {
                residual.add(conjunct);
            }
        }
        RowPredicate predicate = indexed.isEmpty() ? null
                : indexed.size() == 1 ? indexed.get(0) : new RowPredicate.And(indexed);
        return new IndexFilter(predicate, and(residual));
    }

    /** The part answered from indexes, over table columns; empty when no conjunct is indexable. */
    public Optional<RowPredicate> indexed() {
        return Optional.ofNullable(indexed);
    }

    /** The conjuncts left to evaluate on decoded rows; empty when every conjunct is indexable. */
    public Optional<Expression> residual() {
        return Optional.ofNullable(residual);
    }

    private static void flattenAnd(Expression expression, List<Expression> conjuncts) {
        if (expression instanceof Call call && call.function() == Function.AND) {
            call.arguments().forEach(argument -> flattenAnd(argument, conjuncts));
        } else {
            conjuncts.add(expression);
        }
    }

    private static Expression and(List<Expression> conjuncts) {
        if (conjuncts.isEmpty()) {
            return null;
        }
        if (conjuncts.size() == 1) {
            return conjuncts.get(0);
        }
        boolean nullable = conjuncts.stream().anyMatch(Expression::nullable);
        return new Call(Function.AND, conjuncts, ColumnType.BOOLEAN, nullable);
    }

    private static Optional<RowPredicate> translate(Expression expression, List<Integer> projection) {
        if (!(expression instanceof Call call)) {
            return Optional.empty();
        }
        List<Expression> arguments = call.arguments();
        switch (call.function()) {
            case AND, OR -> {
                List<RowPredicate> operands = new ArrayList<>(arguments.size());
                for (Expression argument : arguments) {
                    Optional<RowPredicate> operand = translate(argument, projection);
                    if (operand.isEmpty()) {
                        return Optional.empty();
                    }
                    operands.add(operand.get());
                }
                return Optional.of(call.function() == Function.AND
                        ? new RowPredicate.And(operands) : new RowPredicate.Or(operands));
            }
            case NOT -> {
                return translate(arguments.get(0), projection).map(RowPredicate.Not::new);
            }
            case IS_NULL, IS_NOT_NULL -> {
                if (arguments.get(0) instanceof ColumnReference column && indexable(column.type())) {
                    return Optional.of(new RowPredicate.IsNull(projection.get(column.index()),
                            call.function() == Function.IS_NOT_NULL));
                }
                return Optional.empty();
            }
            case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                Expression left = arguments.get(0);
                Expression right = arguments.get(1);
                if (left instanceof ColumnReference column && right instanceof Literal literal) {
                    return comparison(comparison(call.function()), column, literal, projection);
                }
                if (right instanceof ColumnReference column && left instanceof Literal literal) {
                    return comparison(flip(comparison(call.function())), column, literal, projection);
                }
                return Optional.empty();
            }
            case IN -> {
                if (!(arguments.get(0) instanceof ColumnReference column) || !indexable(column.type())) {
                    return Optional.empty();
                }
                List<Object> values = new ArrayList<>();
                for (Expression item : arguments.subList(1, arguments.size())) {
                    if (!(item instanceof Literal literal) || !literal.type().equals(column.type())) {
                        return Optional.empty();
                    }
                    values.add(literal.value());
                }
                return Optional.of(new RowPredicate.In(projection.get(column.index()), values));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<RowPredicate> comparison(RowPredicate.Comparison comparison, ColumnReference column,
            Literal literal, List<Integer> projection) {
        if (!indexable(column.type()) || !literal.type().equals(column.type())) {
            return Optional.empty();
        }
        return Optional.of(new RowPredicate.Compare(projection.get(column.index()), comparison, literal.value()));
    }

    private static boolean indexable(ColumnType type) {
        // Wide decimals get no bitmap indexes (their blocks never hold one).
        return type.kind() != TypeKind.DOUBLE && type.kind() != TypeKind.BOOLEAN && !type.isWideDecimal();
    }

    private static RowPredicate.Comparison comparison(Function function) {
        return switch (function) {
            case EQUAL -> RowPredicate.Comparison.EQUAL;
            case NOT_EQUAL -> RowPredicate.Comparison.NOT_EQUAL;
            case LESS_THAN -> RowPredicate.Comparison.LESS_THAN;
            case LESS_THAN_OR_EQUAL -> RowPredicate.Comparison.LESS_THAN_OR_EQUAL;
            case GREATER_THAN -> RowPredicate.Comparison.GREATER_THAN;
            case GREATER_THAN_OR_EQUAL -> RowPredicate.Comparison.GREATER_THAN_OR_EQUAL;
            default -> throw new IllegalArgumentException("not a comparison: " + function);
        };
    }

    private static RowPredicate.Comparison flip(RowPredicate.Comparison comparison) {
        return switch (comparison) {
            case LESS_THAN -> RowPredicate.Comparison.GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> RowPredicate.Comparison.GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> RowPredicate.Comparison.LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> RowPredicate.Comparison.LESS_THAN_OR_EQUAL;
            default -> comparison;
        };
    }
}
