package io.depot.sql.ddl;

import static io.depot.sql.SqlTestSupport.query;
import static io.depot.sql.SqlTestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.DepotSql;
import io.depot.storage.DepotException;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.KeyConstraint;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDdlStatements {
    @TempDir
    Path directory;

    private DepotSql depot;

    @BeforeEach
    void setUp() {
        depot = DepotSql.open(directory);
    }

    @AfterEach
    void tearDown() {
        depot.close();
    }

    private long update(String sql) {
        return depot.prepare(sql).executeUpdate();
    }

    @Test
    void createTableMapsTheTypeNamesPeopleType() {
        assertThat(update("""
                CREATE TABLE everything (
                  a INT, b INTEGER, c SMALLINT, d TINYINT, e BIGINT, f TEXT, g VARCHAR(20), h CHAR(3),
                  i STRING, j FLOAT, k REAL, l DOUBLE, m DOUBLE PRECISION, n NUMERIC(10,2), o DECIMAL,
                  p DECIMAL(18,4), q BOOLEAN, r BOOL, s DATE, t TIMESTAMP)""")).isZero();
        TableSchema schema = depot.database().table("everything").orElseThrow().snapshot().schema();
        assertThat(schema.columns()).extracting(column -> column.type().toString()).containsExactly(
                "INTEGER", "INTEGER", "INTEGER", "INTEGER", "BIGINT", "VARCHAR", "VARCHAR", "VARCHAR",
                "VARCHAR", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DECIMAL(10,2)", "DECIMAL(18,3)",
                "DECIMAL(18,4)", "BOOLEAN", "BOOLEAN", "DATE", "TIMESTAMP");
        assertThat(query(depot, "SELECT COUNT(*) FROM everything")).containsExactly(row(0L));
    }

    @Test
    void constraintsAreRecordedAndPrimaryKeyColumnsAreNotNull() {
        update("CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(100) NOT NULL UNIQUE, name TEXT)");
        update("CREATE TABLE pairs (a INT, b INT, c INT, CONSTRAINT pairs_ab PRIMARY KEY (a, b), UNIQUE (c))");
        var users = depot.database().table("users").orElseThrow().snapshot();
        assertThat(users.schema().columns()).extracting(Column::nullable).containsExactly(false, false, true);
        assertThat(users.keyConstraints()).containsExactly(
                new KeyConstraint(KeyConstraint.Kind.PRIMARY_KEY, null, List.of("id")),
                new KeyConstraint(KeyConstraint.Kind.UNIQUE, null, List.of("email")));
        assertThat(query(depot, "SELECT table_name, constraint_name, column_name, ordinal_position "
                + "FROM information_schema.key_column_usage ORDER BY table_name, constraint_name, ordinal_position"))
                .containsExactly(
                        row("pairs", "pairs_ab", "a", 1), row("pairs", "pairs_ab", "b", 2),
                        row("pairs", "pairs_key2", "c", 1),
                        row("users", "users_key2", "email", 1), row("users", "users_pkey", "id", 1));
        assertThatThrownBy(() -> update("CREATE TABLE bad (a INT, PRIMARY KEY (nope))"))
                .isInstanceOf(DepotException.class).hasMessageContaining("no column[nope]");
    }

    @Test
    void createTableErrors() {
        update("CREATE TABLE t (a INT)");
        assertThatThrownBy(() -> update("CREATE TABLE t (a INT)"))
                .isInstanceOf(DepotException.class).hasMessage("Table[t] already exists");
        assertThat(update("CREATE TABLE IF NOT EXISTS t (b TEXT)")).isZero();
        assertThat(depot.database().table("t").orElseThrow().snapshot().schema().column(0).name()).isEqualTo("a");
        assertThatThrownBy(() -> update("CREATE TABLE u (a BLOB_THING)"))
                .isInstanceOf(DepotException.class).hasMessage("Unknown type[BLOB_THING] for column[a]");
        assertThatThrownBy(() -> update("CREATE TABLE u (a DECIMAL(39,2))"))
                .isInstanceOf(DepotException.class).hasMessageContaining("DECIMAL(39,2)");
        assertThatThrownBy(() -> update("CREATE TABLE u (a INT, A TEXT)"))
                .isInstanceOf(DepotException.class).hasMessageContaining("Duplicate column name[A]");
        assertThat(depot.database().table("u")).isEmpty();
    }

    @Test
    void createOrReplaceAndDropTable() {
        update("CREATE TABLE t (a INT)");
        update("INSERT INTO t VALUES (1), (2)");
        update("CREATE OR REPLACE TABLE t (b TEXT NOT NULL)");
        assertThat(query(depot, "SELECT * FROM t")).isEmpty();
        assertThat(depot.database().table("t").orElseThrow().snapshot().schema())
                .isEqualTo(TableSchema.of(new Column("b", ColumnType.VARCHAR, false)));
        update("DROP TABLE t");
        assertThat(depot.database().table("t")).isEmpty();
        assertThatThrownBy(() -> update("DROP TABLE t"))
                .isInstanceOf(DepotException.class).hasMessage("Table[t] does not exist");
        assertThat(update("DROP TABLE IF EXISTS t")).isZero();
    }

    @Test
    void insertValuesCoercesToColumnTypes() {
        update("CREATE TABLE sales (id INT NOT NULL, region TEXT, amount DECIMAL(10,2), sold_on DATE, stamp TIMESTAMP, ok BOOLEAN)");
        assertThat(update("""
                INSERT INTO sales VALUES
                  (1, '서울', 12.5, DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05', TRUE),
                  (2, NULL, 3, '2024-02-03', NULL, FALSE)""")).isEqualTo(2);
        assertThat(update("INSERT INTO sales (amount, id) VALUES (7.25, 3)")).isEqualTo(1);
        assertThat(query(depot, "SELECT * FROM sales ORDER BY id")).containsExactly(
                row(1, "서울", new BigDecimal("12.50"), LocalDate.of(2024, 1, 2),
                        LocalDateTime.of(2024, 1, 2, 3, 4, 5), true),
                row(2, null, new BigDecimal("3.00"), LocalDate.of(2024, 2, 3), null, false),
                row(3, null, new BigDecimal("7.25"), null, null, null));
    }

    @Test
    void insertErrorsNameTheColumnAndLeaveTheTableUnchanged() {
        update("CREATE TABLE t (id INT NOT NULL, d DATE, n INT)");
        update("INSERT INTO t VALUES (1, DATE '2024-01-01', 1)");
        assertThatThrownBy(() -> update("INSERT INTO t VALUES (2, NULL, 1), (NULL, NULL, 2)"))
                .isInstanceOf(DepotException.class).hasMessageContaining("column[id] is NOT NULL");
        assertThatThrownBy(() -> update("INSERT INTO t (d) VALUES (DATE '2024-01-01')"))
                .isInstanceOf(DepotException.class).hasMessageContaining("Column[id] of table[t] is NOT NULL");
        assertThatThrownBy(() -> update("INSERT INTO t VALUES (3, 17, 1)"))
                .isInstanceOf(DepotException.class)
                .hasMessage("Column[d] of table[t] is DATE; cannot insert a value of type INTEGER");
        assertThatThrownBy(() -> update("INSERT INTO t VALUES (4, 'not a date', 1)"))
                .isInstanceOf(DepotException.class).hasMessageContaining("not a date");
        assertThatThrownBy(() -> update("INSERT INTO t VALUES (5)"))
                .isInstanceOf(DepotException.class).hasMessageContaining("expects 3 values per row");
        assertThatThrownBy(() -> update("INSERT INTO t (nope) VALUES (5)"))
                .isInstanceOf(DepotException.class).hasMessage("Table[t] has no column[nope]");
        assertThatThrownBy(() -> update("INSERT INTO missing VALUES (5)"))
                .isInstanceOf(DepotException.class).hasMessage("Table[missing] does not exist");
        assertThat(query(depot, "SELECT id FROM t")).containsExactly(row(1));
        // CREATE is version 1; the one INSERT went to the write-ahead log, the failed ones nowhere.
        assertThat(depot.database().table("t").orElseThrow().snapshot().version()).isEqualTo(1);
    }

    @Test
    void insertSelectAndParameters() {
        update("CREATE TABLE src (a BIGINT, b TEXT)");
        update("INSERT INTO src VALUES (1, 'x'), (2, 'y'), (3, NULL)");
        update("CREATE TABLE dst (b TEXT, a DECIMAL(12,1))");
        assertThat(update("INSERT INTO dst (a, b) SELECT a * 10, b FROM src WHERE a > 1")).isEqualTo(2);
        var insert = depot.prepare("INSERT INTO dst VALUES (?, ?)");
        assertThat(insert.parameterTypes()).containsExactly(ColumnType.VARCHAR, ColumnType.decimal(12, 1));
        assertThat(insert.executeUpdate(List.of("p", new BigDecimal("1.5")))).isEqualTo(1);
        assertThat(query(depot, "SELECT b, a FROM dst ORDER BY a")).containsExactly(
                row("p", new BigDecimal("1.5")), row("y", new BigDecimal("20.0")), row(null, new BigDecimal("30.0")));
    }

    @Test
    void createTableAsSelect() {
        update("CREATE TABLE sales (region TEXT, amount DECIMAL(10,2))");
        update("INSERT INTO sales VALUES ('north', 1.50), ('north', 2.25), ('south', 4)");
        assertThat(update("CREATE TABLE summary AS SELECT region, SUM(amount) AS total, COUNT(*) AS n "
                + "FROM sales GROUP BY region")).isEqualTo(2);
        assertThat(query(depot, "SELECT * FROM summary ORDER BY region")).containsExactly(
                row("north", new BigDecimal("3.75"), 2L), row("south", new BigDecimal("4.00"), 1L));
        assertThat(update("CREATE OR REPLACE TABLE summary AS SELECT region FROM sales WHERE amount > 2")).isEqualTo(2);
        assertThat(query(depot, "SELECT * FROM summary ORDER BY region")).containsExactly(row("north"), row("south"));
    }

    @Test
    void viewsAreStoredExpandedListedAndDropped() {
        update("CREATE TABLE sales (region TEXT, amount INT)");
        update("INSERT INTO sales VALUES ('north', 1), ('south', 5), ('north', 2)");
        update("CREATE VIEW big_sales AS SELECT region, amount FROM sales WHERE amount > 1;");
        update("CREATE VIEW per_region (r, total) AS SELECT region, SUM(amount) FROM big_sales GROUP BY region");
        assertThat(query(depot, "SELECT * FROM per_region ORDER BY r")).containsExactly(row("north", 2L), row("south", 5L));
        assertThat(query(depot, "SELECT table_name, table_type FROM information_schema.tables "
                + "WHERE table_schema = 'main' ORDER BY table_name")).containsExactly(
                row("big_sales", "VIEW"), row("per_region", "VIEW"), row("sales", "BASE TABLE"));
        assertThat(query(depot, "SELECT view_definition FROM information_schema.views WHERE table_name = 'big_sales'"))
                .containsExactly(row("SELECT region, amount FROM sales WHERE amount > 1"));
        assertThatThrownBy(() -> update("CREATE VIEW big_sales AS SELECT 1"))
                .isInstanceOf(DepotException.class).hasMessage("View[big_sales] already exists");
        update("CREATE OR REPLACE VIEW big_sales AS SELECT region, amount FROM sales WHERE amount > 4");
        assertThat(query(depot, "SELECT * FROM per_region")).containsExactly(row("south", 5L));
        assertThatThrownBy(() -> update("CREATE VIEW broken AS SELECT nope FROM sales"))
                .isInstanceOf(DepotException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> update("CREATE VIEW sales AS SELECT 1"))
                .isInstanceOf(DepotException.class).hasMessageContaining("table named[sales]");
        assertThatThrownBy(() -> update("DROP TABLE big_sales"))
                .isInstanceOf(DepotException.class).hasMessageContaining("is a view");
        update("DROP VIEW per_region");
        assertThatThrownBy(() -> update("DROP VIEW per_region"))
                .isInstanceOf(DepotException.class).hasMessage("View[per_region] does not exist");
        assertThat(update("DROP VIEW IF EXISTS per_region")).isZero();

        depot.close();
        depot = DepotSql.open(directory);
        assertThat(query(depot, "SELECT * FROM big_sales")).containsExactly(row("south", 5));
    }

    @Test
    void truncateAndDelete() {
        update("CREATE TABLE t (id INT, name TEXT)");
        update("INSERT INTO t VALUES (1, 'a'), (2, NULL), (3, 'c')");
        update("INSERT INTO t VALUES (4, 'd')");
        assertThat(update("DELETE FROM t WHERE name <> 'c'")).isEqualTo(2);
        assertThat(query(depot, "SELECT id FROM t ORDER BY id")).containsExactly(row(2), row(3));
        assertThat(update("DELETE FROM t AS x WHERE x.id = ?".replace("?", "99"))).isZero();
        var delete = depot.prepare("DELETE FROM t WHERE id = ?");
        assertThat(delete.executeUpdate(List.of(3))).isEqualTo(1);
        assertThat(query(depot, "SELECT id FROM t")).containsExactly(row(2));
        update("INSERT INTO t VALUES (5, 'e')");
        assertThat(update("DELETE FROM t")).isEqualTo(2);
        assertThat(query(depot, "SELECT COUNT(*) FROM t")).containsExactly(row(0L));
        update("INSERT INTO t VALUES (6, 'f')");
        assertThat(update("TRUNCATE TABLE t")).isZero();
        assertThat(depot.database().table("t").orElseThrow().snapshot().segmentCount()).isZero();
        assertThatThrownBy(() -> update("TRUNCATE TABLE nope"))
                .isInstanceOf(DepotException.class).hasMessage("Table[nope] does not exist");
    }

    @Test
    void updateChangesTheSelectedRowsInOneCommit() {
        update("CREATE TABLE t (id INT NOT NULL, name TEXT, amount DECIMAL(10,2))");
        update("INSERT INTO t VALUES (1, 'a', 1.50), (2, NULL, NULL), (3, 'c', 3.00)");
        update("INSERT INTO t VALUES (4, '라', 4.25)");
        depot.database().checkpoint("t"); // the rows into a segment of their own, not the write-ahead log
        long version = depot.database().table("t").orElseThrow().snapshot().version();
        assertThat(update("UPDATE t SET amount = amount * 2, name = UPPER(name) WHERE id >= 3")).isEqualTo(2);
        assertThat(depot.database().table("t").orElseThrow().snapshot().version()).isEqualTo(version + 1);
        assertThat(query(depot, "SELECT id, name, amount FROM t ORDER BY id")).containsExactly(
                row(1, "a", new BigDecimal("1.50")), row(2, null, null),
                row(3, "C", new BigDecimal("6.00")), row(4, "라", new BigDecimal("8.50")));
        // A NULL condition selects nothing; nothing changes and nothing is committed.
        assertThat(update("UPDATE t AS x SET name = 'z' WHERE x.amount > 100 OR x.name = NULL")).isZero();
        assertThat(depot.database().table("t").orElseThrow().snapshot().version()).isEqualTo(version + 1);
        // Without WHERE every row; values are cast to the column types.
        assertThat(update("UPDATE t SET amount = 7")).isEqualTo(4);
        assertThat(query(depot, "SELECT SUM(amount), COUNT(*) FROM t")).containsExactly(row(new BigDecimal("28.00"), 4L));
        // A subquery in WHERE (planned as a join) still works.
        assertThat(update("UPDATE t SET name = 'one' WHERE id IN (SELECT MIN(id) FROM t)")).isEqualTo(1);
        assertThat(query(depot, "SELECT name FROM t WHERE id = 1")).containsExactly(row("one"));
        assertThatThrownBy(() -> update("UPDATE t SET id = NULL WHERE id = 2"))
                .isInstanceOf(DepotException.class).hasMessageContaining("NOT NULL");
        assertThat(query(depot, "SELECT COUNT(*) FROM t WHERE id = 2")).containsExactly(row(1L));
        assertThatThrownBy(() -> update("UPDATE t SET nope = 1"))
                .isInstanceOf(DepotException.class).hasMessageContaining("has no column[nope]");
    }

    @Test
    void showTablesAndDescribe() {
        update("CREATE TABLE b_table (id INT NOT NULL, name TEXT)");
        update("CREATE VIEW a_view AS SELECT name FROM b_table");
        assertThat(query(depot, "SHOW TABLES")).containsExactly(row("a_view", "VIEW"), row("b_table", "BASE TABLE"));
        List<List<Object>> expected = List.of(row("id", "INTEGER", "NO"), row("name", "VARCHAR", "YES"));
        assertThat(query(depot, "DESCRIBE b_table")).isEqualTo(expected);
        assertThat(query(depot, "DESCRIBE TABLE B_TABLE")).isEqualTo(expected);
        assertThat(query(depot, "SHOW COLUMNS FROM b_table")).isEqualTo(expected);
        assertThat(query(depot, "DESCRIBE a_view")).containsExactly(row("name", "VARCHAR", "YES"));
        assertThatThrownBy(() -> query(depot, "DESCRIBE nope"))
                .isInstanceOf(DepotException.class).hasMessage("Table[nope] does not exist");
        assertThat(query(depot, "SELECT schema_name FROM information_schema.schemata ORDER BY schema_name"))
                .containsExactly(row("information_schema"), row("main"), row("sys"));
    }

    @Test
    void selectWithoutFromAndIntegerDivision() {
        assertThat(query(depot, "SELECT 1 + 1, 7 / 2, -7 / 2, 7.0 / 2")).containsExactly(
                row(2, 3, -3, new BigDecimal("3.500000")));
        update("CREATE TABLE n (a INT, b BIGINT)");
        update("INSERT INTO n VALUES (7, 2), (-7, 2)");
        assertThat(query(depot, "SELECT a / 2, b / 4, a / b FROM n ORDER BY a")).containsExactly(
                row(-3, 0L, -3L), row(3, 0L, 3L));
    }

    @Test
    void singleRowInsertsDoNotLeaveATrailOfTinySegments() {
        update("CREATE TABLE events (id INT NOT NULL, name TEXT)");
        int inserts = 3 * TailFolder.FOLD_AT + 5;
        var insert = depot.prepare("INSERT INTO events VALUES (?, ?)");
        for (int i = 0; i < inserts; i++) {
            assertThat(insert.executeUpdate(List.of(i, "이벤트 " + i))).isEqualTo(1);
            assertThat(depot.database().table("events").orElseThrow().snapshot().segmentCount())
                    .isLessThanOrEqualTo(TailFolder.FOLD_AT);
        }
        assertThat(query(depot, "SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM events"))
                .containsExactly(row((long) inserts, (long) inserts, 0, inserts - 1));
        depot.close();
        depot = DepotSql.open(directory);
        assertThat(query(depot, "SELECT name FROM events WHERE id = 7")).containsExactly(row("이벤트 7"));
        assertThat(query(depot, "SELECT COUNT(*) FROM events")).containsExactly(row((long) inserts));
    }

    @Test
    void aValuesInsertStillFoldsATrailOfSmallSegmentsLeftByCheckpoints() {
        update("CREATE TABLE events (id INT NOT NULL, name TEXT)");
        for (int i = 0; i < TailFolder.FOLD_AT; i++) {
            update("INSERT INTO events VALUES (" + i + ", 'e" + i + "')");
            update("CHECKPOINT events");
        }
        assertThat(depot.database().table("events").orElseThrow().snapshot().segmentCount()).isEqualTo(TailFolder.FOLD_AT);
        // Not through the log's group commit: the trail is folded into this insert's commit.
        update("INSERT INTO events VALUES (-1, 'last')");
        assertThat(depot.database().table("events").orElseThrow().snapshot().segmentCount()).isEqualTo(1);
        assertThat(query(depot, "SELECT COUNT(*), MIN(id), MAX(id) FROM events"))
                .containsExactly(row((long) TailFolder.FOLD_AT + 1, -1, TailFolder.FOLD_AT - 1));
    }

    @Test
    void writesAreDurableAcrossReopen() {
        update("CREATE TABLE t (id INT PRIMARY KEY, name TEXT)");
        update("INSERT INTO t VALUES (1, '하나'), (2, 'two')");
        depot.close();
        depot = DepotSql.open(directory);
        assertThat(query(depot, "SELECT * FROM t ORDER BY id")).containsExactly(row(1, "하나"), row(2, "two"));
        assertThat(depot.database().table("t").orElseThrow().snapshot().keyConstraints()).hasSize(1);
    }
}
