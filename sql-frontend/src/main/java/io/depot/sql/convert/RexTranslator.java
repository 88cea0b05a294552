package io.depot.sql.convert;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * Translates Calcite row expressions into engine expressions over an input whose column
 * {@code i} of the Calcite input is engine column {@code inputMapping[i]}.
 *
 * <p>The engine expects arithmetic and comparison arguments of one type (see
 * {@link io.depot.engine.expression.Call}); this class inserts the CASTs Calcite leaves
 * implicit.
 */
public final class RexTranslator {
    private final RexBuilder rexBuilder;
    private final RelDataTypeFactory typeFactory;
    private final int[] inputMapping;
    private final List<ColumnType> inputTypes;
    private final List<Object> parameters;
    private final FunctionTranslator functions;

    /**
     * @param inputMapping engine column index of each Calcite input field (-1 if not available)
     * @param inputTypes engine column types, by engine column index
     * @param parameters bound values of the statement's parameters, in their types' Java forms
     */
    public RexTranslator(RexBuilder rexBuilder, int[] inputMapping, List<ColumnType> inputTypes, List<Object> parameters) {
        this(rexBuilder, inputMapping, inputTypes, parameters, FunctionTranslator.queryTime());
    }

    /** @param now the query's CURRENT_TIMESTAMP (fixed for the whole query) */
    public RexTranslator(RexBuilder rexBuilder, int[] inputMapping, List<ColumnType> inputTypes, List<Object> parameters,
            LocalDateTime now) {
        this.functions = new FunctionTranslator(this::translateExpanded, now);
        this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
        this.typeFactory = rexBuilder.getTypeFactory();
        this.inputMapping = inputMapping.clone();
        this.inputTypes = List.copyOf(inputTypes);
        this.parameters = requireNonNull(parameters, "parameters is null");
    }

    public Expression translate(RexNode node) {
        return translateExpanded(RexUtil.expandSearch(rexBuilder, null, node));
    }

    private Expression translateExpanded(RexNode node) {
        if (node instanceof RexInputRef inputRef) {
            int column = inputMapping[inputRef.getIndex()];
            if (column < 0) {
                throw new IllegalStateException("input field " + inputRef.getIndex() + " was not projected");
            }
            return new ColumnReference(column, inputTypes.get(column), inputRef.getType().isNullable());
        }
        if (node instanceof RexLiteral literal) {
            return literal(literal);
        }
        if (node instanceof RexCall call) {
            return call(call);
        }
        if (node instanceof RexDynamicParam parameter) {
            return new Literal(parameters.get(parameter.getIndex()), CalciteTypes.columnType(parameter.getType()));
        }
        throw unsupported(node.toString());
    }

    /** A Calcite literal as an engine literal of the literal's own type. */
    public static Literal literal(RexLiteral literal) {
        ColumnType type = CalciteTypes.columnType(literal.getType());
        if (literal.isNull()) {
            return Literal.nullOf(type);
        }
        Object value = switch (type.kind()) {
            case BOOLEAN -> literal.getValueAs(Boolean.class);
            case INTEGER -> literal.getValueAs(Integer.class);
            case BIGINT -> literal.getValueAs(Long.class);
            case DOUBLE -> literal.getValueAs(Double.class);
            case DECIMAL -> literal.getValueAs(BigDecimal.class).setScale(type.scale(), RoundingMode.HALF_UP);
            case DATE -> LocalDate.parse(literal.getValueAs(DateString.class).toString());
            case TIMESTAMP -> LocalDateTime.parse(literal.getValueAs(TimestampString.class).toString().replace(' ', 'T'));
            case VARCHAR -> literal.getValueAs(String.class);
        };
        return new Literal(value, type);
    }

    private Expression call(RexCall call) {
        Literal folded = DateArithmetic.foldConstant(call);
        if (folded != null) {
            return folded;
        }
        ColumnType type = CalciteTypes.columnType(call.getType());
        boolean nullable = call.getType().isNullable();
        Expression function = functions.translate(call, type, nullable);
        if (function != null) {
            return function;
        }
        SqlKind kind = call.getKind();
        return switch (kind) {
            case PLUS -> arithmetic(Function.ADD, call, type, nullable);
            case MINUS -> arithmetic(Function.SUBTRACT, call, type, nullable);
            case TIMES -> arithmetic(Function.MULTIPLY, call, type, nullable);
            case DIVIDE -> arithmetic(Function.DIVIDE, call, type, nullable);
            case MOD -> arithmetic(Function.MODULO, call, type, nullable);
            case MINUS_PREFIX -> new Call(Function.NEGATE, List.of(castTo(operand(call, 0), type)), type, nullable);
            case PLUS_PREFIX -> castTo(operand(call, 0), type);
            case EQUALS -> comparison(Function.EQUAL, call, nullable);
            case NOT_EQUALS -> comparison(Function.NOT_EQUAL, call, nullable);
            case LESS_THAN -> comparison(Function.LESS_THAN, call, nullable);
            case LESS_THAN_OR_EQUAL -> comparison(Function.LESS_THAN_OR_EQUAL, call, nullable);
            case GREATER_THAN -> comparison(Function.GREATER_THAN, call, nullable);
            case GREATER_THAN_OR_EQUAL -> comparison(Function.GREATER_THAN_OR_EQUAL, call, nullable);
            case AND -> new Call(Function.AND, operands(call), type, nullable);
            case OR -> new Call(Function.OR, operands(call), type, nullable);
            case NOT -> new Call(Function.NOT, operands(call), type, nullable);
            case IS_NULL -> new Call(Function.IS_NULL, operands(call), type, false);
            case IS_NOT_NULL -> new Call(Function.IS_NOT_NULL, operands(call), type, false);
            case IS_TRUE -> new Call(Function.IS_TRUE, operands(call), type, false);
            case IS_FALSE -> new Call(Function.IS_FALSE, operands(call), type, false);
            case IS_NOT_TRUE -> not(new Call(Function.IS_TRUE, operands(call), type, false));
            case IS_NOT_DISTINCT_FROM -> notDistinct(call);
            case IS_DISTINCT_FROM -> not(notDistinct(call));
            case IS_NOT_FALSE -> not(new Call(Function.IS_FALSE, operands(call), type, false));
            case CAST -> castTo(operand(call, 0), type);
            case CASE -> caseExpression(call, type, nullable);
            case COALESCE -> new Call(Function.COALESCE, castAll(operands(call), type), type, nullable);
            case LIKE -> new Call(Function.LIKE, operands(call), type, nullable);
            case EXTRACT -> extract(call, type, nullable);
            case OTHER_FUNCTION -> namedFunction(call, type, nullable);
            default -> throw unsupported(call.getOperator().getName());
        };
    }

    private Expression arithmetic(Function function, RexCall call, ColumnType type, boolean nullable) {
        List<Expression> arguments = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
            Expression argument = translateExpanded(operand);
            arguments.add(type.kind() == TypeKind.DECIMAL ? asDecimal(argument) : castTo(argument, type));
        }
        return new Call(function, arguments, type, nullable);
    }

    private Expression comparison(Function function, RexCall call, boolean nullable) {
        RelDataType common = typeFactory.leastRestrictive(
                List.of(call.getOperands().get(0).getType(), call.getOperands().get(1).getType()));
        if (common == null) {
            throw new DepotException(ErrorCode.USER, "Cannot compare " + call.getOperands().get(0).getType()
                    + " with " + call.getOperands().get(1).getType());
        }
        ColumnType commonType = CalciteTypes.columnType(common);
        return new Call(
                function,
                List.of(castTo(operand(call, 0), commonType), castTo(operand(call, 1), commonType)),
                ColumnType.BOOLEAN,
                nullable);
    }

    /** {@code a IS NOT DISTINCT FROM b}: both NULL, or equal; never NULL itself. */
    private Expression notDistinct(RexCall call) {
        Call equal = (Call) comparison(Function.EQUAL, call, true);
        Expression left = equal.arguments().get(0);
        Expression right = equal.arguments().get(1);
        Expression bothNull = new Call(Function.AND, List.of(
                new Call(Function.IS_NULL, List.of(left), ColumnType.BOOLEAN, false),
                new Call(Function.IS_NULL, List.of(right), ColumnType.BOOLEAN, false)), ColumnType.BOOLEAN, false);
        Expression equalValues = new Call(Function.IS_TRUE, List.of(equal), ColumnType.BOOLEAN, false);
        return new Call(Function.OR, List.of(bothNull, equalValues), ColumnType.BOOLEAN, false);
    }

    private Expression caseExpression(RexCall call, ColumnType type, boolean nullable) {
        List<Expression> arguments = new ArrayList<>();
        List<RexNode> operands = call.getOperands();
        for (int i = 0; i < operands.size(); i++) {
            boolean isCondition = i % 2 == 0 && i < operands.size() - 1;
            Expression argument = translateExpanded(operands.get(i));
            arguments.add(isCondition ? argument : castTo(argument, type));
        }
        return new Call(Function.CASE, arguments, type, nullable);
    }

    /** Functions Calcite identifies by name rather than by kind. */
    private Expression namedFunction(RexCall call, ColumnType type, boolean nullable) {
        if (call.getOperator().getName().equalsIgnoreCase("SUBSTRING")) {
            List<Expression> arguments = operands(call);
            for (int i = 1; i < arguments.size(); i++) {
                arguments.set(i, castTo(arguments.get(i), ColumnType.BIGINT));
            }
            return new Call(Function.SUBSTRING, arguments, type, nullable);
        }
        throw unsupported(call.getOperator().getName());
    }

    /** Calcite passes the unit as a symbol literal (TimeUnitRange); the engine takes its name. */
    private Expression extract(RexCall call, ColumnType type, boolean nullable) {
        TimeUnitRange unit = ((RexLiteral) call.getOperands().get(0)).getValueAs(TimeUnitRange.class);
        return new Call(Function.EXTRACT,
                List.of(new Literal(unit.name(), ColumnType.VARCHAR), operand(call, 1)), type, nullable);
    }

    private Expression operand(RexCall call, int index) {
        return translateExpanded(call.getOperands().get(index));
    }

    private List<Expression> operands(RexCall call) {
        List<Expression> arguments = new ArrayList<>(call.getOperands().size());
        for (RexNode operand : call.getOperands()) {
            arguments.add(translateExpanded(operand));
        }
        return arguments;
    }

    private List<Expression> castAll(List<Expression> arguments, ColumnType type) {
        List<Expression> cast = new ArrayList<>(arguments.size());
        for (Expression argument : arguments) {
            cast.add(castTo(argument, type));
        }
        return cast;
    }

    private static Expression not(Expression argument) {
        return new Call(Function.NOT, List.of(argument), ColumnType.BOOLEAN, argument.nullable());
    }

    /** Integers join decimal arithmetic as decimals of scale 0; decimals keep their own scale. */
    private static Expression asDecimal(Expression argument) {
        return switch (argument.type().kind()) {
            case DECIMAL -> argument;
            case INTEGER -> castTo(argument, ColumnType.decimal(10, 0));
            case BIGINT -> castTo(argument, ColumnType.decimal(ColumnType.MAX_LONG_DECIMAL_PRECISION, 0));
            default -> throw new DepotException(ErrorCode.USER,
                    "Cannot use " + argument.type() + " in DECIMAL arithmetic");
        };
    }

    /** The argument converted to {@code type}; literals are converted now, not per row. */
    static Expression castTo(Expression argument, ColumnType type) {
        if (argument.type().equals(type)) {
            return argument;
        }
        if (argument instanceof Literal literal && literal.value() == null) {
            return Literal.nullOf(type);
        }
        return new Call(Function.CAST, List.of(argument), type, argument.nullable());
    }

    private static DepotException unsupported(String what) {
        return new DepotException(ErrorCode.USER, String.format("Function or operator[%s] is not supported yet", what));
    }
}
