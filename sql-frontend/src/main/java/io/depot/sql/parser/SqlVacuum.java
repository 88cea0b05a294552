package io.depot.sql.parser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code VACUUM [t] [RETAIN n HOURS]}: deletes the files of old table versions, of table
 * {@code t} or of every table, keeping the versions committed in the last {@code n} hours.
 */
public final class SqlVacuum extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("VACUUM", SqlKind.OTHER_DDL);

    private final @Nullable SqlIdentifier table;
    private final @Nullable SqlNode retainHours;

    public SqlVacuum(SqlParserPos pos, @Nullable SqlIdentifier table, @Nullable SqlNode retainHours) {
        super(pos);
        this.table = table;
        this.retainHours = retainHours;
    }

    /** The table to vacuum; empty for every table. */
    public Optional<SqlIdentifier> table() {
        return Optional.ofNullable(table);
    }

    /** The retention period in hours from {@code RETAIN n HOURS}, when given. */
    public Optional<BigDecimal> retainHours() {
        return Optional.ofNullable(retainHours).map(hours -> ((SqlLiteral) hours).getValueAs(BigDecimal.class));
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new ArrayList<>(2);
        operands.add(table);
        operands.add(retainHours);
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("VACUUM");
        if (table != null) {
            table.unparse(writer, leftPrec, rightPrec);
        }
        if (retainHours != null) {
            writer.keyword("RETAIN");
            retainHours.unparse(writer, leftPrec, rightPrec);
            writer.keyword("HOURS");
        }
    }
}
