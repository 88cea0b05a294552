package io.depot.sql.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW COLUMNS FROM t}: the same rows as {@code DESCRIBE t}. */
public final class SqlShowColumns extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW COLUMNS", SqlKind.OTHER);

    private final SqlIdentifier table;

    public SqlShowColumns(SqlParserPos pos, SqlIdentifier table) {
        super(pos);
        this.table = requireNonNull(table, "table is null");
    }

    public SqlIdentifier table() {
        return table;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(table);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW COLUMNS FROM");
        table.unparse(writer, leftPrec, rightPrec);
    }
}
