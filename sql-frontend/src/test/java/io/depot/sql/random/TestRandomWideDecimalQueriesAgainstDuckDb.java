package io.depot.sql.random;

import io.depot.storage.type.ColumnType;

/**
 * The random queries of {@link TestRandomQueriesAgainstDuckDb} over the same values held in a
 * DECIMAL(38,2) column, so every filter, join, grouping, sort, aggregate and expression on
 * {@code v} runs the 128-bit paths and must still agree with DuckDB.
 */
class TestRandomWideDecimalQueriesAgainstDuckDb extends TestRandomQueriesAgainstDuckDb {
    @Override
    ColumnType valueType() {
        return ColumnType.decimal(38, 2);
    }
}
