package io.depot.sql;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Declared columns written as text, {@code 'id BIGINT, amount DECIMAL(12,2)'}: the loader's
 * {@code --schema} and the {@code columns => ...} option of {@code read_csv}.
 */
public final class ColumnList {
    private ColumnList() {}

    /** The columns, all nullable; a USER error naming the definition that is not "name TYPE". */
    public static TableSchema parse(String text) {
        List<Column> columns = new ArrayList<>();
        // commas inside parentheses belong to a type, as in DECIMAL(12,2)
        for (String definition : text.split(",(?![^()]*\\))")) {
            String[] parts = definition.strip().split("\\s+", 2);
            if (parts.length != 2 || parts[0].isEmpty()) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Schema column[%s] must be a name and a type, e.g. 'amount DECIMAL(12,2)'", definition.strip()));
            }
            columns.add(Column.nullable(parts[0], ColumnType.parse(parts[1])));
        }
        return new TableSchema(columns);
    }
}
