package io.depot.storage.table;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;

/** Compares the schema a writer brings with the table's, and says what differs. */
final class SchemaCheck {
    private SchemaCheck() {}

    /**
     * Throws USER naming the first difference in column count, names (ignoring case) or types.
     * Nullability may differ: the table's schema decides, and appends check NOT NULL.
     */
    static void requireMatch(String tableName, TableSchema table, TableSchema given) {
        if (table.size() != given.size()) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Table[%s] has %d columns %s, the write has %d %s",
                    tableName, table.size(), describe(table), given.size(), describe(given)));
        }
        for (int i = 0; i < table.size(); i++) {
            Column expected = table.column(i);
            Column actual = given.column(i);
            if (!expected.name().equalsIgnoreCase(actual.name())) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Table[%s] column %d is named[%s], the write names it[%s]",
                        tableName, i + 1, expected.name(), actual.name()));
            }
            if (!expected.type().equals(actual.type())) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Table[%s] column[%s] has type %s, the write has %s",
                        tableName, expected.name(), expected.type(), actual.type()));
            }
        }
    }

    private static String describe(TableSchema schema) {
        StringBuilder text = new StringBuilder("(");
        for (Column column : schema.columns()) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(column.name()).append(' ').append(column.type());
        }
        return text.append(')').toString();
    }
}
