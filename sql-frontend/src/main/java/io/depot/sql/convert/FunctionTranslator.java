package io.depot.sql.convert;

import io.depot.engine.expression.Call;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Translates string, numeric and date functions (and date arithmetic with non-constant
 * operands) into engine calls; {@link RexTranslator} hands over the calls it does not know.
 */
final class FunctionTranslator {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** Translates an operand (with the caller's input mapping). */
    interface Operands {
        Expression translate(RexNode node);
    }

    private final Operands operands;
    private final LocalDateTime now;

    /** @param now the query's fixed CURRENT_TIMESTAMP */
    FunctionTranslator(Operands operands, LocalDateTime now) {
        this.operands = operands;
        this.now = now;
    }

    /** The engine expression for {@code call}, or null when it is not one of these functions. */
    Expression translate(RexCall call, ColumnType type, boolean nullable) {
        SqlKind kind = call.getKind();
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if (kind == SqlKind.TRIM) {
            SqlTrimFunction.Flag flag = ((RexLiteral) call.getOperands().get(0)).getValueAs(SqlTrimFunction.Flag.class);
            return trim(flag.name(), call.getOperands().get(1), call.getOperands().get(2), type, nullable);
        }
        if (kind == SqlKind.POSITION) {
            if (call.getOperands().size() > 2) {
                throw new DepotException(ErrorCode.USER, "POSITION with FROM is not supported yet");
            }
            return new Call(Function.POSITION, List.of(string(call, 0), string(call, 1)), type, nullable);
        }
        if ((kind == SqlKind.FLOOR || kind == SqlKind.CEIL) && call.getOperands().size() == 2) {
            if (kind == SqlKind.CEIL) {
                throw new DepotException(ErrorCode.USER, "CEIL of a date or time is not supported yet");
            }
            TimeUnitRange unit = ((RexLiteral) call.getOperands().get(1)).getValueAs(TimeUnitRange.class);
            return dateTrunc(unit.name(), call.getOperands().get(0), type, nullable);
        }
        if (kind == SqlKind.FLOOR || kind == SqlKind.CEIL) {
            return numeric(kind == SqlKind.FLOOR ? Function.FLOOR : Function.CEIL, call, type, nullable, null);
        }
        if (kind == SqlKind.MINUS && isDateMinus(call)) {
            return dateMinus(call, type, nullable);
        }
        if ((kind == SqlKind.PLUS || kind == SqlKind.MINUS) && isDateTime(type)) {
            return dateArithmetic(call, type, nullable);
        }
        return switch (name) {
            case "UPPER" -> new Call(Function.UPPER, List.of(string(call, 0)), type, nullable);
            case "LOWER" -> new Call(Function.LOWER, List.of(string(call, 0)), type, nullable);
            case "CHAR_LENGTH", "CHARACTER_LENGTH", "LENGTH" -> RexTranslator.castTo(
                    new Call(Function.CHAR_LENGTH, List.of(string(call, 0)), ColumnType.BIGINT, nullable), type);
            case "LTRIM", "RTRIM" -> trim(name.equals("LTRIM") ? "LEADING" : "TRAILING", null,
                    call.getOperands().get(0), type, nullable);
            case "||" -> new Call(Function.CONCAT, strings(call), type, nullable);
            case "CONCAT" -> concatSkippingNulls(call, type);
            case "REPLACE" -> new Call(Function.REPLACE, strings(call), type, nullable);
            case "ABS" -> numeric(Function.ABS, call, type, nullable, null);
            case "ROUND" -> numeric(Function.ROUND, call, type, nullable,
                    call.getOperands().size() > 1 ? call.getOperands().get(1) : null);
            case "DATE_TRUNC" -> dateTrunc(constantText(call.getOperands().get(0), "DATE_TRUNC unit"),
                    call.getOperands().get(1), type, nullable);
            case "CURRENT_DATE" -> new Literal(now.toLocalDate(), ColumnType.DATE);
            case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "NOW" -> new Literal(now, ColumnType.TIMESTAMP);
            default -> null;
        };
    }

    private Expression trim(String mode, RexNode characters, RexNode string, ColumnType type, boolean nullable) {
        String trimmed = characters == null ? " " : constantText(characters, "TRIM characters");
        return new Call(Function.TRIM, List.of(new Literal(mode, ColumnType.VARCHAR), new Literal(trimmed, ColumnType.VARCHAR),
                asString(operands.translate(string))), type, nullable);
    }

    /** CONCAT(a, b, ...) as in PostgreSQL and DuckDB: NULL arguments count as empty strings. */
    private Expression concatSkippingNulls(RexCall call, ColumnType type) {
        List<Expression> arguments = new ArrayList<>();
        for (Expression argument : strings(call)) {
            arguments.add(new Call(Function.COALESCE, List.of(argument, new Literal("", ColumnType.VARCHAR)),
                    ColumnType.VARCHAR, false));
        }
        return new Call(Function.CONCAT, arguments, type, false);
    }

    private Expression numeric(Function function, RexCall call, ColumnType type, boolean nullable, RexNode digits) {
        Expression argument = operands.translate(call.getOperands().get(0));
        if (!argument.type().kind().isNumeric()) {
            throw new DepotException(ErrorCode.USER, function + " is not defined for type[" + argument.type() + "]");
        }
        // The engine keeps the kind: integers stay integers, a DECIMAL result may change scale only.
        if (argument.type().kind() != type.kind()) {
            argument = RexTranslator.castTo(argument, type.kind() == TypeKind.DECIMAL
                    ? ColumnType.decimal(type.precision(), Math.max(type.scale(), argument.type().scale()))
                    : type);
        }
        List<Expression> arguments = new ArrayList<>(List.of(argument));
        if (function == Function.ROUND) {
            long places = digits == null ? 0 : Long.parseLong(constantText(digits, "ROUND digits"));
            arguments.add(new Literal(Integer.valueOf(Math.toIntExact(places)), ColumnType.INTEGER));
        }
        return new Call(function, arguments, type, nullable);
    }

    private Expression dateTrunc(String unit, RexNode value, ColumnType type, boolean nullable) {
        Expression argument = operands.translate(value);
        if (!isDateTime(argument.type())) {
            throw new DepotException(ErrorCode.USER, "DATE_TRUNC needs a DATE or TIMESTAMP, not " + argument.type());
        }
        return RexTranslator.castTo(new Call(Function.DATE_TRUNC,
                List.of(new Literal(unit.toLowerCase(Locale.ROOT), ColumnType.VARCHAR), argument),
                argument.type(), nullable), type);
    }

    /** {@code date - date} or {@code date - integer} (PostgreSQL's forms), as the planner types them. */
    private static boolean isDateMinus(RexCall call) {
        return call.getOperands().size() == 2
                && call.getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.DATE
                && (call.getOperands().get(1).getType().getSqlTypeName() == SqlTypeName.DATE
                        || SqlTypeName.INT_TYPES.contains(call.getOperands().get(1).getType().getSqlTypeName()));
    }

    /** Days between two dates (INTEGER), or a date moved back by a number of days. */
    private Expression dateMinus(RexCall call, ColumnType type, boolean nullable) {
        Expression date = operands.translate(call.getOperands().get(0));
        Expression second = operands.translate(call.getOperands().get(1));
        if (second.type().kind() == TypeKind.DATE) {
            return RexTranslator.castTo(new Call(Function.DATE_DIFF_DAYS, List.of(date, second), ColumnType.INTEGER,
                    nullable), type);
        }
        Expression days = RexTranslator.castTo(second, ColumnType.BIGINT);
        Expression back = new Call(Function.NEGATE, List.of(days), ColumnType.BIGINT, days.nullable());
        return new Call(Function.DATE_ADD_DAYS, List.of(date, back), ColumnType.DATE, nullable);
    }

    /** DATE/TIMESTAMP ± interval where something is not constant (constants fold in DateArithmetic). */
    private Expression dateArithmetic(RexCall call, ColumnType type, boolean nullable) {
        RexNode first = call.getOperands().get(0);
        RexNode second = call.getOperands().get(1);
        boolean firstIsInterval = isInterval(first);
        if (firstIsInterval && call.getKind() == SqlKind.MINUS) {
            throw new DepotException(ErrorCode.USER, "An interval minus a date is not defined");
        }
        RexNode dateTime = firstIsInterval ? second : first;
        RexNode interval = firstIsInterval ? first : second;
        if (!isInterval(interval)) {
            throw new DepotException(ErrorCode.USER, "Date arithmetic needs an INTERVAL, e.g. d + INTERVAL '1' DAY");
        }
        Expression value = RexTranslator.castTo(operands.translate(dateTime), type);
        boolean months = SqlTypeFamily.INTERVAL_YEAR_MONTH.getTypeNames().contains(interval.getType().getSqlTypeName());
        Expression amount = intervalAmount(interval);
        if (call.getKind() == SqlKind.MINUS) {
            amount = new Call(Function.NEGATE, List.of(amount), ColumnType.BIGINT, amount.nullable());
        }
        Function function;
        if (months) {
            function = Function.DATE_ADD_MONTHS;
        } else if (type.kind() == TypeKind.DATE) {
            function = Function.DATE_ADD_DAYS;
            amount = new Call(Function.DIVIDE, List.of(amount, new Literal(MILLIS_PER_DAY, ColumnType.BIGINT)),
                    ColumnType.BIGINT, amount.nullable());
        } else {
            function = Function.TIMESTAMP_ADD_MICROS;
            amount = new Call(Function.MULTIPLY, List.of(amount, new Literal(1_000L, ColumnType.BIGINT)),
                    ColumnType.BIGINT, amount.nullable());
        }
        return new Call(function, List.of(value, amount), type, nullable);
    }

    /**
     * An interval's amount as BIGINT months (year-month intervals) or milliseconds (day-time):
     * an interval literal, or a number times one.
     */
    private Expression intervalAmount(RexNode interval) {
        if (interval instanceof RexLiteral literal) {
            BigDecimal value = literal.getValueAs(BigDecimal.class);
            return value == null ? Literal.nullOf(ColumnType.BIGINT) : new Literal(value.longValueExact(), ColumnType.BIGINT);
        }
        if (interval instanceof RexCall call && call.getKind() == SqlKind.TIMES && call.getOperands().size() == 2) {
            RexNode left = call.getOperands().get(0);
            RexNode right = call.getOperands().get(1);
            RexNode unit = isInterval(left) ? left : right;
            RexNode count = isInterval(left) ? right : left;
            Expression amount = RexTranslator.castTo(operands.translate(count), ColumnType.BIGINT);
            return new Call(Function.MULTIPLY, List.of(amount, intervalAmount(unit)), ColumnType.BIGINT, true);
        }
        throw new DepotException(ErrorCode.USER, "This INTERVAL expression is not supported yet: " + interval);
    }

    private static boolean isInterval(RexNode node) {
        return SqlTypeName.INTERVAL_TYPES.contains(node.getType().getSqlTypeName());
    }

    private static boolean isDateTime(ColumnType type) {
        return type.kind() == TypeKind.DATE || type.kind() == TypeKind.TIMESTAMP;
    }

    private Expression string(RexCall call, int index) {
        return asString(operands.translate(call.getOperands().get(index)));
    }

    private List<Expression> strings(RexCall call) {
        List<Expression> result = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
            result.add(asString(operands.translate(operand)));
        }
        return result;
    }

    private static Expression asString(Expression expression) {
        return RexTranslator.castTo(expression, ColumnType.VARCHAR);
    }

    private static String constantText(RexNode node, String what) {
        if (node instanceof RexLiteral literal && !literal.isNull()) {
            Object value = RexTranslator.literal(literal).value();
            if (value instanceof BigDecimal decimal) {
                return decimal.toPlainString();
            }
            return value.toString();
        }
        throw new DepotException(ErrorCode.USER, what + " must be a constant");
    }

    /** The query's CURRENT_TIMESTAMP: the clock read once, to microseconds. */
    static LocalDateTime queryTime() {
        return LocalDateTime.now().truncatedTo(ChronoUnit.MICROS);
    }
}
