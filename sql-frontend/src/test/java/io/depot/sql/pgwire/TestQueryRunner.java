package io.depot.sql.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.DepotSql;
import io.depot.sql.FileAccess;
import io.depot.sql.PreparedSql;
import io.depot.sql.jdbc.SessionPolicy;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a CancelRequest applies: to the request being served, also before its query has started. */
class TestQueryRunner {
    @Test
    void aCancelDuringPlanningStopsTheQueryWhenItStarts() throws Exception {
        try (DepotSql sql = DepotSql.temporary()) {
            QueryRunner runner = new QueryRunner(sql, new SessionPolicy(false, FileAccess.NONE, 0));
            PreparedSql prepared = runner.plan("SELECT 1 AS x");

            runner.beginRequest();
            runner.cancel();
            assertThatThrownBy(() -> runner.query(prepared, List.of(), 0)).hasMessage("Query was cancelled");
            runner.endRequest();

            // a cancel between requests is forgotten, as in PostgreSQL
            runner.cancel();
            runner.beginRequest();
            try (PgResult result = runner.query(prepared, List.of(), 0)) {
                MessageWriter out = new MessageWriter(new ByteArrayOutputStream());
                assertThat(result.writeRows(out, 0, new int[] {0})).isFalse();
                assertThat(result.commandTag()).isEqualTo("SELECT 1");
            } finally {
                runner.endRequest();
            }
        }
    }

    @Test
    void aReadOnlySessionRefusesChanges() {
        try (DepotSql sql = DepotSql.temporary()) {
            QueryRunner runner = new QueryRunner(sql, new SessionPolicy(true, FileAccess.NONE, 0));
            assertThatThrownBy(() -> runner.plan("CREATE TABLE t (a INTEGER)")).hasMessageContaining("read-only");
        }
    }
}
