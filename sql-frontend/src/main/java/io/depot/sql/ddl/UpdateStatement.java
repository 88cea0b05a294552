package io.depot.sql.ddl;

import io.depot.engine.exec.ResultStream;
import io.depot.sql.PreparedSql;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.List;

/**
 * A statement that changes the database and returns an update count: DDL (count 0) or DML (the
 * rows changed). It does its work only when executed, each time it is executed.
 */
abstract class UpdateStatement implements PreparedSql {
    @Override
    public final boolean isQuery() {
        return false;
    }

    @Override
    public final List<Column> columns() {
        return List.of();
    }

    @Override
    public List<ColumnType> parameterTypes() {
        return List.of();
    }

    @Override
    public final ResultStream executeQuery(List<Object> parameters) {
        throw new DepotException(ErrorCode.USER, "This statement returns an update count, not rows; use executeUpdate");
    }

    static void requireNoParameters(List<Object> parameters) {
        if (!parameters.isEmpty()) {
            throw new DepotException(ErrorCode.USER, "This statement takes no parameters, but "
                    + parameters.size() + " were given");
        }
    }
}
