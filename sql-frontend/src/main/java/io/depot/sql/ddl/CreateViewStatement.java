package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.sql.planner.SqlPlanner;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.table.ViewDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlCreateView;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;

/**
 * {@code CREATE [OR REPLACE] VIEW v [(columns)] AS query}. The query is validated when the
 * statement is prepared and stored as the user wrote it, so {@code information_schema.views}
 * shows their text; queries that read the view plan it afresh.
 */
final class CreateViewStatement extends UpdateStatement {
    /** The text after {@code AS}, found once the parser has accepted the statement. */
    private static final Pattern BODY = Pattern.compile(
            "\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(?:\"(?:[^\"]|\"\")*\"|[\\w.]+)\\s*(?:\\([^)]*\\)\\s*)?AS\\s+(.*?)[\\s;]*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final SqlContext context;
    private final ViewDefinition view;
    private final boolean replace;

    CreateViewStatement(SqlCreateView create, String sql, SqlContext context) {
        this.context = requireNonNull(context, "context is null");
        this.replace = create.getReplace();
        List<String> columnNames = new ArrayList<>();
        if (create.columnList != null) {
            for (SqlNode column : create.columnList) {
                columnNames.add(((SqlIdentifier) column).getSimple());
            }
        }
        this.view = new ViewDefinition(SqlContext.objectName(create.name), body(create, sql), columnNames);
        // Fails now, with the query's own error, if the view could not be read.
        List<?> fields = new SqlPlanner(context.database())
                .rowType(SqlPlanner.parse(view.sql()), SqlPlanner.newTypeFactory()).getFieldList();
        if (!columnNames.isEmpty() && columnNames.size() != fields.size()) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "View[%s] names %d columns, but its query returns %d", view.name(), columnNames.size(), fields.size()));
        }
    }

    private static String body(SqlCreateView create, String sql) {
        Matcher matcher = BODY.matcher(sql);
        if (matcher.matches()) {
            return matcher.group(1);
        }
        return create.query.toSqlString(AnsiSqlDialect.DEFAULT).getSql();
    }

    @Override
    public long executeUpdate(List<Object> parameters) {
        requireNoParameters(parameters);
        Database database = context.database();
        if (database.table(view.name()).isPresent()) {
            throw new DepotException(ErrorCode.USER, String.format("A table named[%s] already exists", view.name()));
        }
        database.views().create(view, replace);
        return 0;
    }
}
