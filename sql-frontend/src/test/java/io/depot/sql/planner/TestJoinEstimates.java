package io.depot.sql.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.depot.sql.DepotSql;
import io.depot.sql.SqlTestSupport;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Join sizes come from column distinct counts, so the join orderer sees many-to-many joins. */
class TestJoinEstimates {
    private DepotSql depot;

    @BeforeEach
    void createTables() {
        depot = DepotSql.temporary();
        // fact: 10,000 rows; k takes 2 values, id is unique.
        writeKeyTable("fact", 10_000, 2);
        // few: 100 rows; k takes the same 2 values.
        writeKeyTable("few", 100, 2);
        // dim: 2 rows, k unique.
        writeKeyTable("dim", 2, 2);
    }

    @AfterEach
    void close() {
        depot.close();
    }

    @Test
    void manyToManyJoinGrowsByTheDistinctCount() {
        // 10,000 · 100 / 2 = 500,000 rows; Calcite's default guess (selectivity 0.15) says 150,000.
        assertThat(joinRowCount("SELECT * FROM fact f JOIN few w ON f.k = w.k")).isCloseTo(500_000, within(5_000.0));
    }

    @Test
    void keyJoinKeepsTheFactRows() {
        assertThat(joinRowCount("SELECT * FROM fact f JOIN dim d ON f.k = d.k")).isCloseTo(10_000, within(100.0));
    }

    @Test
    void joinOnAUniqueColumnIsAtMostTheOtherSide() {
        // id is unique in fact, so each row of few matches at most one: 10,000 · 100 / 10,000.
        assertThat(joinRowCount("SELECT * FROM fact f JOIN few w ON f.id = w.id")).isCloseTo(100, within(2.0));
    }

    @Test
    void compositeKeyJoinIsJudgedByTheDistinctPairs() {
        // ps: 4,000 unique (pk, sk) pairs, pk with 1,000 values and sk with 400; li: 40,000 rows,
        // ten per pair (TPC-H's lineitem and partsupp in small), so each li row has one partner:
        // 40,000 rows. The smaller side's count of distinct pairs (ps: 4,000, capped by its rows)
        // gives 40,000 · 4,000 / 4,000; li's (1,000 · 400 capped at its 40,000 rows) would say
        // 4,000, and multiplying the two columns' selectivities 40,000 · 4,000 / (1,000 · 400) = 400.
        List<List<Object>> pairs = new ArrayList<>();
        for (long i = 0; i < 4_000; i++) {
            pairs.add(List.of(i % 1_000, (i / 1_000) * 100 + i % 100));
        }
        List<List<Object>> references = new ArrayList<>();
        for (int j = 0; j < 40_000; j++) {
            references.add(pairs.get(j % 4_000));
        }
        TableSchema schema = TableSchema.of(Column.nullable("pk", ColumnType.BIGINT), Column.nullable("sk", ColumnType.BIGINT));
        SqlTestSupport.writeTable(depot, "ps", schema, pairs);
        SqlTestSupport.writeTable(depot, "li", schema, references);
        assertThat(joinRowCount("SELECT * FROM li JOIN ps ON li.pk = ps.pk AND li.sk = ps.sk"))
                .isCloseTo(40_000, within(4_000.0));
    }

    @Test
    void equalityWithAConstantKeepsOneDistinctValue() {
        // few: 100 rows, k takes 2 values; Calcite's guess would be 15 rows.
        assertThat(filterRowCount("SELECT * FROM few WHERE k = 1")).isCloseTo(50, within(2.0));
        // id is unique: one row
        assertThat(filterRowCount("SELECT * FROM fact WHERE id = 17")).isCloseTo(1, within(0.1));
    }

    private double filterRowCount(String sql) {
        RelNode rel = new SqlPlanner(depot.database()).plan(sql).root().rel;
        RelNode filter = findFilter(rel);
        return filter.getCluster().getMetadataQuery().getRowCount(filter);
    }

    private static RelNode findFilter(RelNode rel) {
        if (rel instanceof org.apache.calcite.rel.core.Filter) {
            return rel;
        }
        for (RelNode input : rel.getInputs()) {
            RelNode found = findFilter(input);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private double joinRowCount(String sql) {
        RelNode rel = new SqlPlanner(depot.database()).plan(sql).root().rel;
        Join join = findJoin(rel);
        RelMetadataQuery metadata = join.getCluster().getMetadataQuery();
        return metadata.getRowCount(join);
    }

    private static Join findJoin(RelNode rel) {
        if (rel instanceof Join join) {
            return join;
        }
        for (RelNode input : rel.getInputs()) {
            Join found = findJoin(input);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private void writeKeyTable(String name, int rows, int distinctKeys) {
        List<List<Object>> values = new ArrayList<>();
        for (long i = 0; i < rows; i++) {
            values.add(List.of(i, i % distinctKeys));
        }
        SqlTestSupport.writeTable(depot, name,
                TableSchema.of(Column.nullable("id", ColumnType.BIGINT), Column.nullable("k", ColumnType.BIGINT)),
                values);
    }
}
