package io.depot.sql.convert;

import io.depot.engine.expression.Literal;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Folds {@code DATE/TIMESTAMP literal ± INTERVAL literal} into a literal at plan time, as in
 * {@code l_shipdate <= date '1998-12-01' - interval '90' day}, so the scan compares against a
 * constant (and zone maps can use it).
 */
final class DateArithmetic {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private DateArithmetic() {}

    /** The folded literal, or null when {@code call} is not constant date arithmetic. */
    static Literal foldConstant(RexCall call) {
        if ((call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS) || call.getOperands().size() != 2) {
            return null;
        }
        RexNode first = call.getOperands().get(0);
        RexNode second = call.getOperands().get(1);
        boolean subtract = call.getKind() == SqlKind.MINUS;
        if (isDateTimeLiteral(first) && isIntervalLiteral(second)) {
            return shift((RexLiteral) first, (RexLiteral) second, subtract);
        }
        if (!subtract && isIntervalLiteral(first) && isDateTimeLiteral(second)) {
            return shift((RexLiteral) second, (RexLiteral) first, false);
        }
        return null;
    }

    private static Literal shift(RexLiteral dateTime, RexLiteral interval, boolean subtract) {
        Literal base = RexTranslator.literal(dateTime);
        BigDecimal amount = interval.getValueAs(BigDecimal.class);
        if (base.value() == null || amount == null) {
            return Literal.nullOf(base.type());
        }
        long signed = subtract ? amount.negate().longValueExact() : amount.longValueExact();
        boolean months = interval.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH
                || interval.getType().getSqlTypeName() == SqlTypeName.INTERVAL_YEAR
                || interval.getType().getSqlTypeName() == SqlTypeName.INTERVAL_MONTH;
        if (base.type().equals(ColumnType.DATE)) {
            LocalDate date = (LocalDate) base.value();
            if (months) {
                return new Literal(date.plusMonths(signed), ColumnType.DATE);
            }
            if (signed % MILLIS_PER_DAY != 0) {
                throw new DepotException(ErrorCode.USER, "Adding a time interval to a DATE is not supported yet");
            }
            return new Literal(date.plusDays(signed / MILLIS_PER_DAY), ColumnType.DATE);
        }
        LocalDateTime timestamp = (LocalDateTime) base.value();
        return new Literal(months ? timestamp.plusMonths(signed) : timestamp.plus(Duration.ofMillis(signed)),
                ColumnType.TIMESTAMP);
    }

    private static boolean isDateTimeLiteral(RexNode node) {
        return node instanceof RexLiteral
                && (node.getType().getSqlTypeName() == SqlTypeName.DATE
                        || node.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP);
    }

    private static boolean isIntervalLiteral(RexNode node) {
        return node instanceof RexLiteral && SqlTypeName.INTERVAL_TYPES.contains(node.getType().getSqlTypeName());
    }
}
