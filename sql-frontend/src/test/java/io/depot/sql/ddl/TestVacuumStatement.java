package io.depot.sql.ddl;

import static io.depot.sql.SqlTestSupport.query;
import static io.depot.sql.SqlTestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.DepotSql;
import io.depot.storage.DepotException;
import io.depot.storage.table.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestVacuumStatement {
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

    private void update(String sql) {
        depot.prepare(sql).executeUpdate();
    }

    private long segmentFiles() throws IOException {
        try (Stream<Path> files = Files.walk(directory.resolve("tables"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".dseg")).count();
        }
    }

    /**
     * Snapshots pin their version while reachable (weakly held), so the earlier statements'
     * snapshots pin old versions until a garbage collection clears them.
     */
    private static void forgetUnreachableSnapshots() {
        System.gc();
    }

    @Test
    void vacuumDeletesOldVersionsAndKeepsTheData() throws IOException {
        update("CREATE TABLE t (id INT, name VARCHAR)");
        for (int i = 0; i < 5; i++) {
            update("INSERT INTO t VALUES (" + i + ", '이름" + i + "')");
            depot.database().checkpoint("t"); // the rows into a segment of their own, not the write-ahead log
        }
        update("CREATE OR REPLACE TABLE t AS SELECT id * 10 AS id, name FROM t");
        long before = segmentFiles();

        // Everything is younger than the default hour: nothing goes.
        assertThat(query(depot, "VACUUM t")).containsExactly(row("t", 0L, 0L, 0L));
        assertThat(segmentFiles()).isEqualTo(before);

        forgetUnreachableSnapshots();
        List<List<Object>> vacuumed = query(depot, "VACUUM t RETAIN 0 HOURS");
        assertThat(vacuumed).hasSize(1);
        assertThat(vacuumed.get(0).get(0)).isEqualTo("t");
        assertThat((Long) vacuumed.get(0).get(1)).isEqualTo(6L);
        assertThat((Long) vacuumed.get(0).get(3)).isPositive();
        assertThat(segmentFiles()).isLessThan(before);
        assertThat(query(depot, "SELECT id, name FROM t ORDER BY id"))
                .containsExactly(row(0, "이름0"), row(10, "이름1"), row(20, "이름2"), row(30, "이름3"), row(40, "이름4"));
        // A second vacuum finds nothing more to do.
        assertThat(query(depot, "VACUUM t RETAIN 0 HOURS")).containsExactly(row("t", 0L, 0L, 0L));
    }

    @Test
    void vacuumWithoutATableVisitsEveryTableAndKeepsPinnedSnapshots() {
        update("CREATE TABLE a (x INT)");
        update("INSERT INTO a VALUES (1)");
        depot.database().checkpoint("a"); // a version with a segment, not only the write-ahead log
        update("CREATE TABLE b (x INT)");
        update("INSERT INTO b VALUES (2)");
        depot.database().checkpoint("b");
        Snapshot pinned = depot.database().table("b").orElseThrow().snapshot();
        update("TRUNCATE TABLE b");

        forgetUnreachableSnapshots();
        List<List<Object>> rows = query(depot, "VACUUM RETAIN 0 HOURS");
        assertThat(rows).extracting(row -> row.get(0)).containsExactly("a", "b");
        assertThat(rows.get(0).get(1)).isEqualTo(1L);
        // b's version before TRUNCATE is still read through the pinned snapshot.
        assertThat(rows.get(1).get(1)).isEqualTo(1L);
        assertThat(pinned.rowCount()).isEqualTo(1L);
        assertThat(query(depot, "SELECT COUNT(*) FROM b")).containsExactly(row(0L));
        assertThat(query(depot, "SELECT x FROM a")).containsExactly(row(1));
    }

    @Test
    void vacuumErrors() {
        assertThatThrownBy(() -> query(depot, "VACUUM nope"))
                .isInstanceOf(DepotException.class).hasMessageContaining("Table[nope] does not exist");
        update("CREATE VIEW v AS SELECT 1 AS x");
        assertThatThrownBy(() -> query(depot, "VACUUM v"))
                .isInstanceOf(DepotException.class).hasMessageContaining("VACUUM needs a table, but[v] is a view");
        assertThatThrownBy(() -> depot.prepare("VACUUM v RETAIN -1 HOURS"))
                .isInstanceOf(DepotException.class);
        // A table may be called retain when quoted.
        update("CREATE TABLE \"retain\" (x INT)");
        assertThat(query(depot, "VACUUM \"retain\" RETAIN 1.5 HOURS")).containsExactly(row("retain", 0L, 0L, 0L));
    }
}
