package io.depot.sql.convert;

import io.depot.engine.expression.Literal;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.WindowCall;
import io.depot.engine.plan.WindowFrame;
import io.depot.engine.plan.WindowFrame.Bound;
import io.depot.engine.plan.WindowFrame.BoundKind;
import io.depot.engine.plan.WindowFunction;
import io.depot.engine.plan.WindowNode;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Translates Calcite's {@link Window} (from ProjectToWindowRule) into one {@link WindowNode} per
 * window group, stacked, so the output columns are the input's followed by every group's calls,
 * as in Calcite's row type. Operands past the input's fields are the window's constants.
 */
final class WindowTranslator {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private WindowTranslator() {}

    /** @param input the translated input, whose columns are the Calcite input's fields in order */
    static PlanNode translate(Window window, PlanNode input) {
        int inputFieldCount = window.getInput().getRowType().getFieldCount();
        List<String> names = window.getRowType().getFieldNames();
        int output = inputFieldCount;
        PlanNode node = input;
        for (Window.Group group : window.groups) {
            if (group.exclude != RexWindowExclusion.EXCLUDE_NO_OTHER) {
                throw new DepotException(ErrorCode.USER, "Window frame EXCLUDE is not supported yet");
            }
            List<Integer> partitionKeys = new ArrayList<>(group.keys.asList());
            List<SortKey> orderKeys = new ArrayList<>();
            for (RelFieldCollation collation : group.orderKeys.getFieldCollations()) {
                orderKeys.add(new SortKey(collation.getFieldIndex(), collation.getDirection().isDescending(),
                        collation.nullDirection == RelFieldCollation.NullDirection.FIRST));
            }
            ColumnType orderKeyType = orderKeys.size() == 1 ? input.columns().get(orderKeys.get(0).column()).type() : null;
            WindowFrame frame = new WindowFrame(group.isRows,
                    bound(group.lowerBound, window, inputFieldCount, orderKeyType, group.isRows),
                    bound(group.upperBound, window, inputFieldCount, orderKeyType, group.isRows));
            List<WindowCall> calls = new ArrayList<>();
            for (Window.RexWinAggCall call : group.aggCalls) {
                calls.add(call(call, window, inputFieldCount, names.get(output++)));
            }
            node = new WindowNode(node, partitionKeys, orderKeys, frame, calls);
        }
        return node;
    }

    private static WindowCall call(Window.RexWinAggCall call, Window window, int inputFieldCount, String name) {
        String functionName = call.getOperator().getName();
        if (call.distinct) {
            throw new DepotException(ErrorCode.USER, "DISTINCT in window function[" + functionName + "] is not supported yet");
        }
        if (call.ignoreNulls) {
            throw new DepotException(ErrorCode.USER, "IGNORE NULLS is not supported yet");
        }
        WindowFunction function = switch (call.getOperator().getKind()) {
            case ROW_NUMBER -> WindowFunction.ROW_NUMBER;
            case RANK -> WindowFunction.RANK;
            case DENSE_RANK -> WindowFunction.DENSE_RANK;
            case NTILE -> WindowFunction.NTILE;
            case LAG -> WindowFunction.LAG;
            case LEAD -> WindowFunction.LEAD;
            case FIRST_VALUE -> WindowFunction.FIRST_VALUE;
            case LAST_VALUE -> WindowFunction.LAST_VALUE;
            case COUNT -> WindowFunction.COUNT;
            case SUM -> WindowFunction.SUM;
            case SUM0 -> WindowFunction.SUM0;
            case AVG -> WindowFunction.AVG;
            case MIN -> WindowFunction.MIN;
            case MAX -> WindowFunction.MAX;
            default -> throw new DepotException(ErrorCode.USER,
                    "Window function[" + functionName + "] is not supported yet");
        };
        ColumnType type = CalciteTypes.columnType(call.getType());
        List<RexNode> operands = call.getOperands();
        OptionalInt argument = OptionalInt.empty();
        long offset = 0;
        Literal defaultValue = Literal.nullOf(type);
        if (function == WindowFunction.NTILE) {
            offset = integerConstant(operands.get(0), window, inputFieldCount, "NTILE bucket count");
            if (offset <= 0) {
                throw new DepotException(ErrorCode.USER, "NTILE needs a positive number of buckets, not " + offset);
            }
        } else if (!operands.isEmpty()) {
            argument = OptionalInt.of(column(operands.get(0), inputFieldCount, functionName));
        }
        if (function == WindowFunction.LAG || function == WindowFunction.LEAD) {
            offset = operands.size() > 1 ? integerConstant(operands.get(1), window, inputFieldCount, functionName + " offset") : 1;
            if (operands.size() > 2) {
                Literal given = constant(operands.get(2), window, inputFieldCount, functionName + " default");
                defaultValue = LiteralCoercion.coerce(given, type);
            }
        }
        return new WindowCall(function, argument, offset, defaultValue, type, name);
    }

    private static int column(RexNode operand, int inputFieldCount, String functionName) {
        if (operand instanceof RexInputRef reference && reference.getIndex() < inputFieldCount) {
            return reference.getIndex();
        }
        throw new DepotException(ErrorCode.USER, "Window function[" + functionName + "] on a constant is not supported yet");
    }

    private static Bound bound(RexWindowBound bound, Window window, int inputFieldCount, ColumnType orderKeyType,
            boolean rows) {
        if (bound.isUnbounded()) {
            return bound.isPreceding() ? Bound.UNBOUNDED_PRECEDING : Bound.UNBOUNDED_FOLLOWING;
        }
        if (bound.isCurrentRow()) {
            return Bound.CURRENT_ROW;
        }
        RexNode offsetNode = bound.getOffset();
        RexLiteral literal = offsetNode instanceof RexInputRef reference && reference.getIndex() >= inputFieldCount
                ? window.constants.get(reference.getIndex() - inputFieldCount)
                : offsetNode instanceof RexLiteral l ? l : null;
        if (literal == null || literal.isNull()) {
            throw new DepotException(ErrorCode.USER, "A window frame offset must be a constant");
        }
        BigDecimal offset = literal.getValueAs(BigDecimal.class);
        if (SqlTypeFamily.INTERVAL_DAY_TIME.getTypeNames().contains(literal.getType().getSqlTypeName())) {
            offset = intervalInKeyUnit(offset, orderKeyType);
        } else if (SqlTypeFamily.INTERVAL_YEAR_MONTH.getTypeNames().contains(literal.getType().getSqlTypeName())) {
            throw new DepotException(ErrorCode.USER, "Window frames with month or year intervals are not supported yet");
        }
        if (offset.signum() < 0) {
            throw new DepotException(ErrorCode.USER, "A window frame offset must not be negative: " + offset);
        }
        if (rows && offset.stripTrailingZeros().scale() > 0) {
            throw new DepotException(ErrorCode.USER, "A ROWS frame offset must be an integer: " + offset);
        }
        return new Bound(bound.isPreceding() ? BoundKind.PRECEDING : BoundKind.FOLLOWING, offset);
    }

    /** A day-time interval (Calcite gives milliseconds) in days for DATE keys, microseconds for TIMESTAMP. */
    private static BigDecimal intervalInKeyUnit(BigDecimal millis, ColumnType orderKeyType) {
        if (orderKeyType != null && orderKeyType.kind() == TypeKind.DATE) {
            return millis.divide(BigDecimal.valueOf(MILLIS_PER_DAY), 0, RoundingMode.DOWN);
        }
        if (orderKeyType != null && orderKeyType.kind() == TypeKind.TIMESTAMP) {
            return millis.movePointRight(3);
        }
        throw new DepotException(ErrorCode.USER, "An interval frame offset needs a DATE or TIMESTAMP ORDER BY key");
    }

    private static long integerConstant(RexNode operand, Window window, int inputFieldCount, String what) {
        Literal literal = constant(operand, window, inputFieldCount, what);
        if (!(literal.value() instanceof Number number) || literal.type().kind() == TypeKind.DOUBLE
                || (literal.value() instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() > 0)) {
            throw new DepotException(ErrorCode.USER, what + " must be an integer constant");
        }
        return number.longValue();
    }

    private static Literal constant(RexNode operand, Window window, int inputFieldCount, String what) {
        if (operand instanceof RexInputRef reference && reference.getIndex() >= inputFieldCount) {
            return RexTranslator.literal(window.constants.get(reference.getIndex() - inputFieldCount));
        }
        if (operand instanceof RexLiteral literal) {
            return RexTranslator.literal(literal);
        }
        throw new DepotException(ErrorCode.USER, what + " must be a constant");
    }
}
