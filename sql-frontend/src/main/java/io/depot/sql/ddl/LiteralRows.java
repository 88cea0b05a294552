package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.sql.Parameters;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * The rows of {@code INSERT ... VALUES} whose every value is a {@code ?} parameter or a literal
 * that converts exactly into its column (a whole number into an integer column, a number with at
 * most the column's scale into a DECIMAL, text into VARCHAR, a DATE literal into DATE, NULL...).
 * Such an INSERT needs no query plan: planning with Calcite costs about 10 ms, a hundred times
 * the write itself, and applications insert rows one at a time in loops. Anything else (an
 * expression, text into a number, a rounding) is planned as before, so both paths give the same
 * values and errors; a parameter converts as {@link Parameters} converts it for the planned path.
 */
final class LiteralRows {
    private final TableSchema schema;
    /** Per row, per table column: a converted literal, a {@link Parameter}, or null. */
    private final List<Object[]> rows;
    private final List<ColumnType> parameterTypes;

    /** A {@code ?} in a row: its position among the statement's parameters (0-based). */
    private record Parameter(int index) {}

    private LiteralRows(TableSchema schema, List<Object[]> rows, List<ColumnType> parameterTypes) {
        this.schema = schema;
        this.rows = rows;
        this.parameterTypes = parameterTypes;
    }

    /**
     * The rows of {@code source} when it is a VALUES of parameters and exactly convertible
     * literals; empty otherwise (the INSERT is then planned).
     *
     * @param targets for each value of a row, the table column it fills
     */
    static Optional<LiteralRows> of(SqlNode source, int[] targets, TableSchema schema) {
        requireNonNull(schema, "schema is null");
        if (source.getKind() != SqlKind.VALUES) {
            return Optional.empty();
        }
        List<Object[]> rows = new ArrayList<>();
        List<ColumnType> parameterTypes = new ArrayList<>();
        for (SqlNode row : ((SqlCall) source).getOperandList()) {
            if (row.getKind() != SqlKind.ROW || ((SqlCall) row).operandCount() != targets.length) {
                return Optional.empty();
            }
            Object[] values = new Object[schema.size()];
            List<SqlNode> operands = ((SqlCall) row).getOperandList();
            for (int i = 0; i < targets.length; i++) {
                ColumnType type = schema.column(targets[i]).type();
                SqlNode value = operands.get(i);
                if (value instanceof SqlDynamicParam parameter) {
                    if (parameter.getIndex() != parameterTypes.size()) {
                        return Optional.empty();
                    }
                    parameterTypes.add(type);
                    values[targets[i]] = new Parameter(parameter.getIndex());
                    continue;
                }
                Optional<Object> converted = convert(value, type);
                if (converted == null) {
                    return Optional.empty();
                }
                values[targets[i]] = converted.orElse(null);
            }
            rows.add(values);
        }
        return Optional.of(new LiteralRows(schema, rows, List.copyOf(parameterTypes)));
    }

    /**
     * The literal's value as the column's Java form (empty: NULL), or null when it is not a
     * literal or does not convert exactly.
     */
    private static Optional<Object> convert(SqlNode node, ColumnType type) {
        boolean negate = false;
        if (node.getKind() == SqlKind.MINUS_PREFIX && node instanceof SqlBasicCall call
                && call.operand(0) instanceof SqlNumericLiteral) {
            negate = true;
            node = call.operand(0);
        }
        if (!(node instanceof SqlLiteral literal)) {
            return null;
        }
        if (org.apache.calcite.sql.SqlUtil.isNullLiteral(literal, false)) {
            return negate ? null : Optional.empty();
        }
        Object value = literal instanceof SqlNumericLiteral number
                ? number(number, negate, type) : negate ? null : other(literal, type);
        return value == null ? null : Optional.of(value);
    }

    private static Object number(SqlNumericLiteral literal, boolean negate, ColumnType type) {
        BigDecimal value = literal.getValueAs(BigDecimal.class);
        if (negate) {
            value = value.negate();
        }
        if (!literal.isExact()) {
            return switch (type.kind()) {
                case DOUBLE -> value.doubleValue();
                default -> null;
            };
        }
        try {
            return switch (type.kind()) {
                case INTEGER -> value.scale() <= 0 ? value.intValueExact() : null;
                case BIGINT -> value.scale() <= 0 ? value.longValueExact() : null;
                case DOUBLE -> value.doubleValue();
                case DECIMAL -> {
                    if (value.scale() > type.scale()) {
                        yield null;
                    }
                    BigDecimal scaled = value.setScale(type.scale());
                    yield scaled.precision() <= type.precision() ? scaled : null;
                }
                default -> null;
            };
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static Object other(SqlLiteral literal, ColumnType type) {
        if (literal instanceof SqlUnknownLiteral unknown) {
            // DATE '...' and TIMESTAMP '...' get their type when validated; a malformed one is planned (and refused there).
            SqlTypeName tag = unknown.tag.equalsIgnoreCase("DATE") ? SqlTypeName.DATE
                    : unknown.tag.equalsIgnoreCase("TIMESTAMP") ? SqlTypeName.TIMESTAMP : null;
            if (tag == null) {
                return null;
            }
            try {
                literal = unknown.resolve(tag);
            } catch (RuntimeException e) {
                return null;
            }
        }
        SqlTypeName name = literal.getTypeName();
        return switch (type.kind()) {
            case VARCHAR -> name == SqlTypeName.CHAR ? literal.getValueAs(String.class) : null;
            case BOOLEAN -> name == SqlTypeName.BOOLEAN ? literal.getValueAs(Boolean.class) : null;
            case DATE -> name == SqlTypeName.DATE
                    ? LocalDate.ofEpochDay(literal.getValueAs(DateString.class).getDaysSinceEpoch()) : null;
            case TIMESTAMP -> name == SqlTypeName.TIMESTAMP ? timestamp(literal.getValueAs(TimestampString.class)) : null;
            default -> null;
        };
    }

    /** A timestamp literal with at most microseconds, else null (the planned path rounds). */
    private static LocalDateTime timestamp(TimestampString text) {
        LocalDateTime value = LocalDateTime.parse(text.toString().replace(' ', 'T'));
        return value.getNano() % 1_000 == 0 ? value : null;
    }

    List<ColumnType> parameterTypes() {
        return parameterTypes;
    }

    /** The rows with the parameters bound, as a batch of the table's columns; the caller closes it. */
    VectorSchemaRoot toBatch(List<Object> parameters, BufferAllocator allocator) {
        if (parameters.size() != parameterTypes.size()) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Statement has %d parameters but %d values were given", parameterTypes.size(), parameters.size()));
        }
        Object[] bound = new Object[parameters.size()];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = Parameters.coerce(parameters.get(i), parameterTypes.get(i), i + 1);
        }
        VectorSchemaRoot root = ArrowTypes.createRoot(schema, allocator);
        try {
            for (int row = 0; row < rows.size(); row++) {
                Object[] values = rows.get(row);
                for (int column = 0; column < values.length; column++) {
                    Object value = values[column] instanceof Parameter parameter ? bound[parameter.index()] : values[column];
                    ArrowValues.set(root.getVector(column), schema.column(column).type(), row, value);
                }
            }
            root.setRowCount(rows.size());
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "LiteralRows" + Arrays.toString(rows.stream().map(Arrays::toString).toArray());
    }
}
