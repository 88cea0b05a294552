package io.depot.sql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CHECKPOINT [t]}: folds the write-ahead log of table {@code t}, or of every table, into
 * segments.
 */
public final class SqlCheckpoint extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CHECKPOINT", SqlKind.OTHER_DDL);

    private final @Nullable SqlIdentifier table;

    public SqlCheckpoint(SqlParserPos pos, @Nullable SqlIdentifier table) {
        super(pos);
        this.table = table;
    }

    /** The table to checkpoint; empty for every table. */
    public Optional<SqlIdentifier> table() {
        return Optional.ofNullable(table);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new ArrayList<>(1);
        operands.add(table);
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CHECKPOINT");
        if (table != null) {
            table.unparse(writer, leftPrec, rightPrec);
        }
    }
}
