package io.depot.sql.schema;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Literal;
import io.depot.sql.convert.CalciteTypes;
import io.depot.storage.table.Database;
import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A read-only table in schema {@code sys} whose rows Depot computes from its own state when a
 * query runs (the translator turns its scan into constant rows).
 */
public final class SystemTable extends AbstractTable {
    private final TableSchema schema;
    private final Database database;
    private final Function<Database, List<List<Literal>>> rows;

    SystemTable(TableSchema schema, Database database, Function<Database, List<List<Literal>>> rows) {
        this.schema = requireNonNull(schema, "schema is null");
        this.database = requireNonNull(database, "database is null");
        this.rows = requireNonNull(rows, "rows is null");
    }

    public List<Column> columns() {
        return schema.columns();
    }

    /** The table's rows now, each value a literal of its column's type. */
    public List<List<Literal>> rows() {
        return rows.apply(database);
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return CalciteTypes.rowType(typeFactory, schema);
    }
}
