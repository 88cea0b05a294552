package io.depot.engine.expression;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles expressions into kernels once per query. All type dispatch happens here, so the
 * kernels run loops specialized to their types.
 *
 * <p>Relies on the front end's typing rules (see {@link Call}): arithmetic arguments share a kind
 * (DECIMALs may differ in scale, the call's type is the result type); comparison and IN
 * arguments share a type (DECIMALs also a scale); CASE values and COALESCE arguments have the
 * call's type; LIKE takes VARCHARs.
 */
public final class ExpressionCompiler {
    private ExpressionCompiler() {}

    public static Kernel compile(Expression expression) {
        return compile(expression, null);
    }

    /**
     * Compiles the expressions of one projection so that a call occurring more than once among
     * them (TPC-H Q1's {@code l_extendedprice * (1 - l_discount)}, alone and inside the charge) is
     * computed once per evaluation context: its kernel is a {@link SharedKernel}, whose first
     * evaluation over a context is kept for the others. Constant calls are folded instead.
     */
    public static List<Kernel> compileAll(List<Expression> expressions) {
        Map<Expression, Integer> occurrences = new HashMap<>();
        for (Expression expression : expressions) {
            countCalls(expression, occurrences);
        }
        Map<Expression, Kernel> shared = new HashMap<>();
        occurrences.forEach((call, count) -> {
            if (count > 1) {
                // a placeholder until compiled
                shared.put(call, null);
            }
        });
        List<Kernel> kernels = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            kernels.add(compile(expression, shared.isEmpty() ? null : shared));
        }
        return kernels;
    }

    /** Counts the non-constant calls of the tree, each subtree as often as it occurs. */
    private static void countCalls(Expression expression, Map<Expression, Integer> occurrences) {
        if (expression instanceof Call call && !isConstant(call)) {
            occurrences.merge(call, 1, Integer::sum);
            call.arguments().forEach(argument -> countCalls(argument, occurrences));
        }
    }

    /**
     * @param shared the calls to compile once (keys of the map, their kernels the values once made),
     *     or null to share none
     */
    private static Kernel compile(Expression expression, Map<Expression, Kernel> shared) {
        if (expression instanceof ColumnReference reference) {
            return new ColumnKernel(reference.index(), reference.type());
        }
        if (expression instanceof Literal literal) {
            return new LiteralKernel(literal);
        }
        boolean sharing = shared != null && shared.containsKey(expression);
        if (sharing && shared.get(expression) != null) {
            return shared.get(expression);
        }
        Call call = expression instanceof Call c && c.function() == Function.AND ? flattenAnd(c) : (Call) expression;
        Kernel kernel = compileCall(call, shared);
        if (isConstant(call)) {
            return foldOrKeep(kernel, call.type());
        }
        if (sharing) {
            kernel = new SharedKernel(kernel);
            shared.put(expression, kernel);
        }
        return kernel;
    }

    /**
     * A BOOLEAN condition compiled to filter rows with ({@link Kernel#selectTrue}): as
     * {@link #compile}, and a lone bound of a 64-bit column by a constant (TPC-H Q1's {@code
     * l_shipdate <= DATE '1998-09-02'}) becomes a range open at one end, which selects its rows
     * without a value per row.
     */
    public static Kernel compileFilter(Expression condition) {
        return RangeFusion.fuse(List.of(compile(condition))).get(0);
    }

    /** Whether a call reads no column, so it has one value for all rows (every function is deterministic). */
    private static boolean isConstant(Expression expression) {
        if (expression instanceof ColumnReference) {
            return false;
        }
        if (expression instanceof Call call) {
            return call.arguments().stream().allMatch(ExpressionCompiler::isConstant);
        }
        return true;
    }

    /**
     * Computes a constant call once instead of for every row, e.g. {@code CAST(0.06 - 0.01 AS
     * DECIMAL(15,2))}. When the computation fails (say 1 / 0), the call stays as it was, so the
     * error appears only if a row really evaluates it, as without folding.
     */
    private static Kernel foldOrKeep(Kernel kernel, ColumnType type) {
        try {
            return LiteralKernel.fold(kernel, type);
        } catch (DepotException e) {
            return kernel;
        }
    }

    private static Kernel compileCall(Call call, Map<Expression, Kernel> shared) {
        List<Expression> arguments = call.arguments();
        List<Kernel> kernels = new ArrayList<>(arguments.size());
        for (Expression argument : arguments) {
            kernels.add(compile(argument, shared));
        }
        Function function = call.function();
        return switch (function) {
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO -> arithmetic(call, kernels, 2);
            case NEGATE -> arithmetic(call, kernels, 1);
            case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                checkArgumentCount(call, 2);
                checkSameType(call, arguments);
                if (kernels.get(0) instanceof LiteralKernel && !(kernels.get(1) instanceof LiteralKernel)) {
                    // constant <op> column as column <mirrored op> constant: the kernel's fast path.
                    yield new ComparisonKernel(mirrored(function), kernels.get(1), kernels.get(0));
                }
                yield new ComparisonKernel(function, kernels.get(0), kernels.get(1));
            }
            case AND -> {
                if (kernels.size() < 2) {
                    throw wrongArgumentCount(call);
                }
                List<Kernel> fused = ConjunctOrder.order(RangeFusion.fuse(kernels));
                yield fused.size() == 1 ? fused.get(0) : new LogicKernel(true, fused);
            }
            case OR -> {
                if (kernels.size() < 2) {
                    throw wrongArgumentCount(call);
                }
                Kernel in = equalitiesAsIn(arguments);
                yield in != null ? in : new LogicKernel(false, kernels);
            }
            case NOT -> {
                checkArgumentCount(call, 1);
                yield new NotKernel(kernels.get(0));
            }
            case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_FALSE -> {
                checkArgumentCount(call, 1);
                yield new NullTestKernel(function, kernels.get(0));
            }
            case CAST -> {
                checkArgumentCount(call, 1);
                yield CastKernel.of(kernels.get(0), arguments.get(0).type(), call.type());
            }
            case CASE -> caseKernel(call, kernels);
            case COALESCE -> {
                if (kernels.isEmpty()) {
                    throw wrongArgumentCount(call);
                }
                yield new CoalesceKernel(call.type(), kernels);
            }
            case IN -> {
                if (kernels.size() < 2) {
                    throw wrongArgumentCount(call);
                }
                checkSameType(call, arguments);
                yield new InKernel(kernels.get(0), kernels.subList(1, kernels.size()));
            }
            case LIKE -> like(call, kernels);
            case SUBSTRING -> {
                if (kernels.size() != 2 && kernels.size() != 3) {
                    throw wrongArgumentCount(call);
                }
                yield new SubstringKernel(kernels.get(0), kernels.get(1), kernels.size() == 3 ? kernels.get(2) : null);
            }
            case UPPER, LOWER, CHAR_LENGTH -> {
                checkArgumentCount(call, 1);
                yield new StringFunctionKernel(function, kernels.get(0));
            }
            case TRIM -> {
                checkArgumentCount(call, 3);
                String mode = constantString(call, 0);
                yield new TrimKernel(kernels.get(2), !mode.equals("TRAILING"), !mode.equals("LEADING"),
                        constantString(call, 1));
            }
            case CONCAT -> new ConcatKernel(kernels);
            case POSITION -> {
                checkArgumentCount(call, 2);
                yield new SearchReplaceKernel(function, kernels.get(0), kernels.get(1), null);
            }
            case REPLACE -> {
                checkArgumentCount(call, 3);
                yield new SearchReplaceKernel(function, kernels.get(0), kernels.get(1), kernels.get(2));
            }
            case ABS, FLOOR, CEIL, ROUND -> {
                checkArgumentCount(call, function == Function.ROUND ? 2 : 1);
                int digits = function == Function.ROUND ? Integer.parseInt(constantString(call, 1)) : 0;
                if (arguments.get(0).type().isWideDecimal() || call.type().isWideDecimal()) {
                    yield new WideDecimalFunctionKernel(function, kernels.get(0), arguments.get(0).type(), call.type(),
                            digits);
                }
                yield new NumericFunctionKernel(function, kernels.get(0), arguments.get(0).type().scale(),
                        call.type().scale(), digits);
            }
            case DATE_TRUNC -> {
                checkArgumentCount(call, 2);
                boolean timestamp = arguments.get(1).type().kind() == TypeKind.TIMESTAMP;
                yield new DateTimeKernel(DateTimeKernel.truncation(constantString(call, 0), timestamp),
                        kernels.get(1), null, timestamp);
            }
            case DATE_DIFF_DAYS -> {
                checkArgumentCount(call, 2);
                for (Expression argument : arguments) {
                    if (argument.type().kind() != TypeKind.DATE) {
                        throw typeMismatch(call);
                    }
                }
                // A DATE is held as days since the epoch, so the difference is an INTEGER subtraction.
                yield new LongArithmeticKernel(Function.SUBTRACT, kernels.get(0), kernels.get(1), true);
            }
            case DATE_ADD_DAYS, DATE_ADD_MONTHS, TIMESTAMP_ADD_MICROS -> {
                checkArgumentCount(call, 2);
                DateTimeKernel.Operation operation = switch (function) {
                    case DATE_ADD_DAYS -> DateTimeKernel.Operation.ADD_DAYS;
                    case DATE_ADD_MONTHS -> DateTimeKernel.Operation.ADD_MONTHS;
                    default -> DateTimeKernel.Operation.ADD_MICROS;
                };
                yield new DateTimeKernel(operation, kernels.get(0), kernels.get(1),
                        arguments.get(0).type().kind() == TypeKind.TIMESTAMP);
            }
            case EXTRACT -> {
                checkArgumentCount(call, 2);
                if (!(arguments.get(0) instanceof Literal unit) || unit.value() == null) {
                    throw new DepotException(ErrorCode.INTERNAL, "EXTRACT needs a constant unit: " + call);
                }
                yield ExtractKernel.of((String) unit.value(), kernels.get(1), arguments.get(1).type());
            }
        };
    }

    /**
     * {@code x = c1 OR x = c2 OR ...} of one expression and non-NULL constants (what the front end
     * makes of {@code x IN (c1, c2, ...)}; x a column, or an expression such as TPC-H Q22's
     * {@code SUBSTRING(c_phone, 1, 2)}) as one IN test: x is computed once and searched in one pass
     * instead of computed, compared and narrowed once per constant; else null. Both are NULL
     * exactly where x is, and x runs on the same rows as the OR's first equality, so it fails
     * where that would. Expressions are deterministic, so equal ones give equal values.
     */
    private static Kernel equalitiesAsIn(List<Expression> arguments) {
        Expression tested = null;
        List<Kernel> items = new ArrayList<>(arguments.size());
        for (Expression argument : arguments) {
            if (!(argument instanceof Call call) || call.function() != Function.EQUAL || call.arguments().size() != 2) {
                return null;
            }
            Expression left = call.arguments().get(0);
            Expression right = call.arguments().get(1);
            Literal literal = right instanceof Literal r ? r : left instanceof Literal l ? l : null;
            Expression other = literal == right ? left : right;
            if (literal == null || other instanceof Literal || literal.value() == null
                    || !literal.type().equals(other.type()) || (tested != null && !tested.equals(other))) {
                return null;
            }
            tested = other;
            items.add(new LiteralKernel(literal));
        }
        return new InKernel(compile(tested), items);
    }

    /**
     * {@code AND(AND(a, b), c)} as {@code AND(a, b, c)} (the front end nests BETWEEN's two bounds
     * so), which {@link RangeFusion} can search as one list. The same rows reach each argument:
     * c runs where the inner AND is TRUE or NULL, i.e. where neither a nor b was FALSE.
     */
    private static Call flattenAnd(Call and) {
        List<Expression> flat = new ArrayList<>();
        addConjuncts(and, flat);
        return flat.size() == and.arguments().size() ? and : new Call(Function.AND, flat, and.type(), and.nullable());
    }

    private static void addConjuncts(Expression expression, List<Expression> conjuncts) {
        if (expression instanceof Call call && call.function() == Function.AND) {
            for (Expression argument : call.arguments()) {
                addConjuncts(argument, conjuncts);
            }
        } else {
            conjuncts.add(expression);
        }
    }

    /** The comparison with its arguments swapped ({@code a < x} is {@code x > a}); other functions as they are. */
    static Function mirrored(Function comparison) {
        return switch (comparison) {
            case LESS_THAN -> Function.GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> Function.GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> Function.LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> Function.LESS_THAN_OR_EQUAL;
            default -> comparison;
        };
    }

    private static Kernel arithmetic(Call call, List<Kernel> kernels, int argumentCount) {
        checkArgumentCount(call, argumentCount);
        Function function = call.function();
        Kernel left = kernels.get(0);
        Kernel right = argumentCount == 2 ? kernels.get(1) : null;
        ColumnType leftType = call.arguments().get(0).type();
        for (Expression argument : call.arguments()) {
            if (argument.type().kind() != call.type().kind()) {
                throw typeMismatch(call);
            }
        }
        return switch (call.type().kind()) {
            case INTEGER, BIGINT -> new LongArithmeticKernel(function, left, right,
                    call.type().kind() == TypeKind.INTEGER);
            case DOUBLE -> new DoubleArithmeticKernel(function, left, right);
            case DECIMAL -> {
                ColumnType rightType = argumentCount == 2 ? call.arguments().get(1).type() : leftType;
                if (call.type().isWideDecimal() || leftType.isWideDecimal() || rightType.isWideDecimal()) {
                    yield new WideDecimalArithmeticKernel(function, left, right, leftType, rightType, call.type());
                }
                int rightScale = argumentCount == 2 ? call.arguments().get(1).type().scale() : 0;
                yield new DecimalArithmeticKernel(function, left, right, leftType.scale(), rightScale,
                        call.type().scale());
            }
            default -> throw new DepotException(ErrorCode.USER,
                    "Function[" + function + "] is not defined for type[" + call.type() + "]");
        };
    }

    private static Kernel caseKernel(Call call, List<Kernel> kernels) {
        List<Kernel> conditions = new ArrayList<>();
        List<Kernel> values = new ArrayList<>();
        int pairs = kernels.size() / 2;
        for (int pair = 0; pair < pairs; pair++) {
            conditions.add(kernels.get(2 * pair));
            values.add(kernels.get(2 * pair + 1));
        }
        Kernel otherwise = kernels.size() % 2 == 1 ? kernels.get(kernels.size() - 1) : null;
        return new CaseKernel(call.type(), conditions, values, otherwise);
    }

    private static Kernel like(Call call, List<Kernel> kernels) {
        if (kernels.size() != 2 && kernels.size() != 3) {
            throw wrongArgumentCount(call);
        }
        Kernel escape = kernels.size() == 3 ? kernels.get(2) : null;
        LikePattern constantPattern = null;
        if (call.arguments().get(1) instanceof Literal pattern && pattern.value() != null) {
            if (escape == null) {
                constantPattern = LikePattern.compile((String) pattern.value(), null);
            } else if (call.arguments().get(2) instanceof Literal escapeLiteral && escapeLiteral.value() != null) {
                constantPattern = LikePattern.compile((String) pattern.value(), (String) escapeLiteral.value());
            }
        }
        return new LikeKernel(kernels.get(0), kernels.get(1), escape, constantPattern);
    }

    /** Argument {@code index}, which must be a non-NULL constant, as text. */
    private static String constantString(Call call, int index) {
        if (!(call.arguments().get(index) instanceof Literal literal) || literal.value() == null) {
            throw new DepotException(ErrorCode.INTERNAL, call.function() + " needs a constant argument " + index + ": " + call);
        }
        return literal.value().toString();
    }

    /** The front end casts comparison and IN arguments to one type; a plan that did not is a bug. */
    private static void checkSameType(Call call, List<Expression> arguments) {
        ColumnType first = arguments.get(0).type();
        for (Expression argument : arguments) {
            if (!argument.type().equals(first)) {
                throw typeMismatch(call);
            }
        }
    }

    private static DepotException typeMismatch(Call call) {
        List<ColumnType> types = call.arguments().stream().map(Expression::type).toList();
        return new DepotException(ErrorCode.INTERNAL,
                "Function[" + call.function() + "] of type[" + call.type() + "] got arguments of types " + types);
    }

    private static void checkArgumentCount(Call call, int expected) {
        if (call.arguments().size() != expected) {
            throw wrongArgumentCount(call);
        }
    }

    private static DepotException wrongArgumentCount(Call call) {
        return new DepotException(ErrorCode.INTERNAL,
                "Function[" + call.function() + "] got " + call.arguments().size() + " arguments");
    }
}
