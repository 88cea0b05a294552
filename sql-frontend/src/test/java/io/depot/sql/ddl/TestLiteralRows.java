package io.depot.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.sql.planner.SqlPlanner;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.util.Optional;
import org.apache.calcite.sql.SqlInsert;
import org.junit.jupiter.api.Test;

/** Which INSERT ... VALUES skip planning: only exact conversions, everything else is planned. */
class TestLiteralRows {
    private static final TableSchema SCHEMA = TableSchema.of(
            new Column("id", ColumnType.BIGINT, false),
            Column.nullable("amount", ColumnType.decimal(12, 2)),
            Column.nullable("day", ColumnType.DATE),
            Column.nullable("name", ColumnType.VARCHAR),
            Column.nullable("score", ColumnType.DOUBLE),
            Column.nullable("ok", ColumnType.BOOLEAN),
            Column.nullable("n", ColumnType.INTEGER),
            Column.nullable("at", ColumnType.TIMESTAMP));

    @Test
    void exactLiteralsAndParametersSkipPlanning() {
        assertThat(rows("INSERT INTO t VALUES (1, -0.37, DATE '2024-01-31', 'it''s 서울', 0.25, TRUE, -5, "
                + "TIMESTAMP '2024-01-31 12:00:00.123456')")).isPresent();
        assertThat(rows("INSERT INTO t VALUES (1, NULL, NULL, NULL, NULL, NULL, NULL, NULL)")).isPresent();
        assertThat(rows("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)").orElseThrow().parameterTypes())
                .containsExactly(ColumnType.BIGINT, ColumnType.decimal(12, 2), ColumnType.DATE, ColumnType.VARCHAR,
                        ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.INTEGER, ColumnType.TIMESTAMP);
        assertThat(rows("INSERT INTO t VALUES (1, 2, NULL, '', 1.5E3, FALSE, 2, NULL), (2, 3.5, NULL, 'x', 1, "
                + "NULL, NULL, NULL)")).isPresent();
    }

    @Test
    void conversionsThatRoundOrParseArePlanned() {
        assertThat(rows("INSERT INTO t VALUES (1.5, NULL, NULL, NULL, NULL, NULL, NULL, NULL)")).isEmpty();
        assertThat(rows("INSERT INTO t VALUES (1, 0.375, NULL, NULL, NULL, NULL, NULL, NULL)")).isEmpty();
        assertThat(rows("INSERT INTO t VALUES (1, NULL, '2024-01-31', NULL, NULL, NULL, NULL, NULL)")).isEmpty();
        assertThat(rows("INSERT INTO t VALUES (1, NULL, NULL, 5, NULL, NULL, NULL, NULL)")).isEmpty();
        assertThat(rows("INSERT INTO t VALUES (1 + 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL)")).isEmpty();
        assertThat(rows("INSERT INTO t VALUES (1, NULL, NULL, NULL, NULL, NULL, 3000000000, NULL)")).isEmpty();
        assertThat(rows("INSERT INTO t VALUES (1, 12345678901.5, NULL, NULL, NULL, NULL, NULL, NULL)")).isEmpty();
        assertThat(rows("INSERT INTO t VALUES (1, NULL)")).isEmpty();
        assertThat(rows("INSERT INTO t SELECT * FROM t")).isEmpty();
    }

    private static Optional<LiteralRows> rows(String sql) {
        SqlInsert insert = (SqlInsert) SqlPlanner.parse(sql);
        int[] targets = new int[SCHEMA.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = i;
        }
        return LiteralRows.of(insert.getSource(), targets, SCHEMA);
    }
}
