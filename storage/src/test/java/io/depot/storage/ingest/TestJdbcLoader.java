package io.depot.storage.ingest;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Loads from a real PostgreSQL server. {@code .ci/run} starts one ({@code .ci/postgres.sh}) and
 * sets {@code DEPOT_TEST_POSTGRES_URL}; then these tests fail when the server cannot be reached.
 * Without the variable (a local run without PostgreSQL) they are skipped.
 */
class TestJdbcLoader extends LoaderTestSupport {
    private static final String URL = System.getProperty("depot.test.postgres.url", System.getenv("DEPOT_TEST_POSTGRES_URL"));

    @BeforeEach
    void createSourceTable() throws SQLException {
        assumeThat(URL).as("DEPOT_TEST_POSTGRES_URL is not set: start PostgreSQL with .ci/postgres.sh, or run .ci/run")
                .isNotNull();
        try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS depot_orders");
            statement.execute("""
                    CREATE TABLE depot_orders (
                        id bigint PRIMARY KEY, qty integer, small smallint, amount numeric(12,2), ratio double precision,
                        wide numeric, name text, code varchar(10), paid boolean, day date, at timestamp,
                        at_utc timestamptz)""");
            statement.execute("""
                    INSERT INTO depot_orders
                    SELECT i, i * 2, 1, i * 1.25, i / 4.0, i * 1.5, '이름' || i, 'c' || i, i % 2 = 0,
                           DATE '2024-01-01' + i, TIMESTAMP '2024-01-01 00:00:00' + i * INTERVAL '1 hour',
                           TIMESTAMPTZ '2024-01-01 09:00:00+09' + i * INTERVAL '1 minute'
                    FROM generate_series(1, 25000) i""");
            statement.execute("INSERT INTO depot_orders (id) VALUES (25001)");
        }
    }

    @Test
    void loadsAQueryInBatchesWithTypeMapping() {
        LoadResult result = JdbcLoader.load(database, "orders",
                new JdbcSourceOptions(URL, "SELECT * FROM depot_orders ORDER BY id", null, null, null, 1000),
                LoadOptions.defaults());

        assertThat(result.rowsLoaded()).isEqualTo(25_001);
        assertThat(snapshot("orders").schema()).isEqualTo(TableSchema.of(
                Column.nullable("id", ColumnType.BIGINT),
                Column.nullable("qty", ColumnType.INTEGER),
                Column.nullable("small", ColumnType.INTEGER),
                Column.nullable("amount", ColumnType.decimal(12, 2)),
                Column.nullable("ratio", ColumnType.DOUBLE),
                Column.nullable("wide", ColumnType.DOUBLE),
                Column.nullable("name", ColumnType.VARCHAR),
                Column.nullable("code", ColumnType.VARCHAR),
                Column.nullable("paid", ColumnType.BOOLEAN),
                Column.nullable("day", ColumnType.DATE),
                Column.nullable("at", ColumnType.TIMESTAMP),
                Column.nullable("at_utc", ColumnType.TIMESTAMP)));
        List<List<Object>> rows = rows("orders");
        assertThat(rows.get(1)).isEqualTo(row(2L, 4, 1, new BigDecimal("2.50"), 0.5, 3.0, "이름2", "c2", true,
                LocalDate.of(2024, 1, 3), LocalDateTime.of(2024, 1, 1, 2, 0), LocalDateTime.of(2024, 1, 1, 0, 2)));
        assertThat(rows.get(25_000)).isEqualTo(row(25_001L, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(history().get(0).source()).startsWith("jdbc:postgresql://").contains("query: SELECT * FROM depot_orders");
        assertThat(history().get(0).source()).doesNotContain("password");
    }

    @Test
    void incrementalPullsLoadOnlyNewerRows() throws SQLException {
        JdbcSourceOptions pull = new JdbcSourceOptions(URL, "SELECT id, name FROM depot_orders WHERE id <= 100", null, null,
                "id", 1000);
        assertThat(JdbcLoader.load(database, "orders", pull, LoadOptions.defaults()).rowsLoaded()).isEqualTo(100);
        assertThat(JdbcLoader.load(database, "orders", pull, LoadOptions.defaults()).rowsLoaded()).isZero();

        JdbcSourceOptions wider = new JdbcSourceOptions(URL, "SELECT id, name FROM depot_orders WHERE id <= 150;", null,
                null, "id", 1000);
        LoadResult more = JdbcLoader.load(database, "orders", wider, LoadOptions.defaults().withMaxRowChange(100));

        assertThat(more.rowsLoaded()).isEqualTo(50);
        assertThat(snapshot("orders").rowCount()).isEqualTo(150);
        assertThat(rows("orders").stream().map(r -> r.get(0)).distinct().count()).isEqualTo(150);
        assertThatThrownBy(() -> JdbcLoader.load(database, "orders", wider,
                LoadOptions.defaults().withMode(LoadMode.OVERWRITE)))
                .hasMessage("An incremental pull (--incremental-column) appends; it cannot run in mode overwrite");
    }

    @Test
    void sourceErrorsAreUserErrorsWithoutThePassword() {
        assertThatThrownBy(() -> JdbcLoader.load(database, "t", JdbcSourceOptions.of(URL, "SELECT * FROM no_such_table"),
                LoadOptions.defaults()))
                .hasMessageContaining("Cannot run the query on jdbc:postgresql://")
                .hasMessageContaining("no_such_table")
                .hasMessageNotContaining("password=");
        assertThatThrownBy(() -> JdbcLoader.load(database, "t", JdbcSourceOptions.of(URL, "SELECT ARRAY[1, 2] AS xs"),
                LoadOptions.defaults()))
                .hasMessageContaining("Query result column[xs] has type _int4, which Depot cannot load; cast it in the query");
        assertThat(database.table("t")).isEmpty();
        assertThat(history()).extracting(LoadRecord::status).containsExactly(LoadRecord.FAILED, LoadRecord.FAILED);
    }
}
