package io.depot.sql.ddl;

import static io.depot.sql.SqlTestSupport.query;
import static io.depot.sql.SqlTestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.sql.DepotSql;
import io.depot.storage.table.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDeleteThroughDeletionVectors {
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

    private Snapshot snapshot(String table) {
        return depot.database().table(table).orElseThrow().snapshot();
    }

    private static List<String> segmentIds(Snapshot snapshot) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < snapshot.segmentCount(); i++) {
            ids.add(snapshot.segmentId(i));
        }
        return ids;
    }

    @Test
    void deleteMarksRowsInPlaceAndNullConditionsKeepTheirRows() {
        update("CREATE TABLE t (id INT, name TEXT)");
        update("INSERT INTO t VALUES (1, 'a'), (2, NULL), (3, 'c'), (4, '가나')");
        depot.database().checkpoint("t"); // the rows into a segment of their own, not the write-ahead log
        update("INSERT INTO t VALUES (5, NULL), (6, 'f')");
        depot.database().checkpoint("t"); // the rows into a segment of their own, not the write-ahead log
        List<String> segments = segmentIds(snapshot("t"));

        // name <> 'c' is NULL for the NULL names: those rows stay.
        assertThat(update("DELETE FROM t WHERE name <> 'c'")).isEqualTo(3);
        assertThat(query(depot, "SELECT id FROM t ORDER BY id")).containsExactly(row(2), row(3), row(5));
        Snapshot after = snapshot("t");
        assertThat(segmentIds(after)).isEqualTo(segments);
        assertThat(after.segmentDeletedRowCount(0)).isEqualTo(2);
        assertThat(after.segmentDeletedRowCount(1)).isEqualTo(1);

        assertThat(update("DELETE FROM t WHERE name IS NULL")).isEqualTo(2);
        assertThat(query(depot, "SELECT id, name FROM t")).containsExactly(row(3, "c"));
        // A segment whose every row is deleted leaves the version altogether.
        assertThat(segmentIds(snapshot("t"))).containsExactly(segments.get(0));
    }

    @Test
    void deletingNothingCommitsNothingAndRepeatedDeletesCountOnlyLiveRows() {
        update("CREATE TABLE t (id INT NOT NULL)");
        update("INSERT INTO t VALUES (1), (2), (3), (4)");
        depot.database().checkpoint("t"); // the rows into a segment of their own, not the write-ahead log
        long version = snapshot("t").version();
        assertThat(update("DELETE FROM t WHERE id > 10")).isZero();
        assertThat(update("DELETE FROM t WHERE id = NULL")).isZero();
        assertThat(snapshot("t").version()).isEqualTo(version);

        var delete = depot.prepare("DELETE FROM t WHERE id <= ?");
        assertThat(delete.executeUpdate(List.of(2))).isEqualTo(2);
        assertThat(delete.executeUpdate(List.of(2))).isZero();
        assertThat(delete.executeUpdate(List.of(3))).isEqualTo(1);
        assertThat(update("DELETE FROM t WHERE id > 0")).isEqualTo(1);
        assertThat(query(depot, "SELECT COUNT(*) FROM t")).containsExactly(row(0L));
        update("INSERT INTO t VALUES (7)");
        assertThat(query(depot, "SELECT id FROM t")).containsExactly(row(7));
    }

    @Test
    void aSnapshotPinnedBeforeTheDeleteKeepsItsRows() {
        update("CREATE TABLE t (id INT)");
        update("INSERT INTO t VALUES (1), (2), (3)");
        depot.database().checkpoint("t"); // the rows into a segment of their own, not the write-ahead log
        Snapshot pinned = snapshot("t");
        assertThat(update("DELETE FROM t WHERE id <> 2")).isEqualTo(2);
        assertThat(pinned.rowCount()).isEqualTo(3);
        try (var segment = pinned.openSegment(0)) {
            assertThat(segment.liveRowCount()).isEqualTo(3);
        }
        assertThat(snapshot("t").rowCount()).isEqualTo(1);
        assertThat(query(depot, "SELECT id FROM t")).containsExactly(row(2));
    }

    @Test
    void deletesAcrossBlocksAndSegmentsMatchTheCondition() {
        update("CREATE TABLE digits (x INT)");
        update("INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
        // 100,000 rows: more than one block (65,536 rows) in one segment.
        update("CREATE TABLE t AS SELECT a.x * 10000 + b.x * 1000 + c.x * 100 + d.x * 10 + e.x AS id "
                + "FROM digits a, digits b, digits c, digits d, digits e");
        update("INSERT INTO t SELECT id + 100000 FROM t WHERE id < 1000");
        // ids 0..100,999: 14,429 multiples of 7, and 20,200 of 5 of which 2,886 are of 35.
        assertThat(update("DELETE FROM t WHERE MOD(id, 7) = 0")).isEqualTo(14_429);
        // Rows already deleted are not counted again.
        assertThat(update("DELETE FROM t WHERE MOD(id, 7) = 0 OR MOD(id, 5) = 0")).isEqualTo(20_200 - 2_886);
        assertThat(query(depot, "SELECT COUNT(*), MIN(id), MAX(id) FROM t"))
                .containsExactly(row(101_000L - 14_429L - 17_314L, 1, 100_999));
        assertThat(query(depot, "SELECT COUNT(*) FROM t WHERE MOD(id, 7) = 0 OR MOD(id, 5) = 0"))
                .containsExactly(row(0L));
    }

    @Test
    void aSubqueryConditionStillDeletes() {
        update("CREATE TABLE t (id INT, name TEXT)");
        update("CREATE TABLE gone (id INT)");
        update("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, NULL)");
        update("INSERT INTO gone VALUES (1), (3), (NULL)");
        assertThat(update("DELETE FROM t WHERE id IN (SELECT id FROM gone)")).isEqualTo(2);
        assertThat(query(depot, "SELECT id, name FROM t")).containsExactly(row(2, "b"));
    }
}
