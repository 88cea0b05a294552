package io.depot.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.exec.ResultStream;
import io.depot.sql.DepotSql;
import io.depot.sql.FileAccess;
import io.depot.sql.PreparedSql;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session rules that hold whatever statements Depot's SQL gains. */
class TestSession {
    /** A data change as DDL and DML will be: not a query, an update count. */
    private static final class Change implements PreparedSql {
        private int runs;

        @Override
        public boolean isQuery() {
            return false;
        }

        @Override
        public List<Column> columns() {
            return List.of();
        }

        @Override
        public List<ColumnType> parameterTypes() {
            return List.of();
        }

        @Override
        public ResultStream executeQuery(List<Object> parameters) {
            throw new UnsupportedOperationException("not a query");
        }

        @Override
        public long executeUpdate(List<Object> parameters) {
            runs++;
            return 3;
        }
    }

    @Test
    void aReadOnlySessionRefusesChangesWithoutRunningThem() {
        try (DepotSql sql = DepotSql.temporary()) {
            Session readOnly = new Session(sql, new SessionPolicy(true, FileAccess.NONE, 0));
            Change change = new Change();
            assertThatThrownBy(() -> readOnly.update(change, List.of()))
                    .hasMessage("This connection is read-only: only queries are allowed, not data or schema changes");
            assertThat(change.runs).isZero();
            // VACUUM returns rows but deletes files: a change all the same
            assertThatThrownBy(() -> readOnly.plan("VACUUM RETAIN 0 HOURS"))
                    .hasMessage("This connection is read-only: only queries are allowed, not data or schema changes");

            Session readWrite = new Session(sql, new SessionPolicy(false, FileAccess.NONE, 0));
            assertThat(readWrite.update(change, List.of())).isEqualTo(3);
            assertThat(change.runs).isEqualTo(1);
            // queries stay allowed
            assertThat(readOnly.plan("SELECT 1").isQuery()).isTrue();
        }
    }

    @Test
    void theShorterOfTheSessionAndStatementTimeoutsApplies() {
        SessionPolicy limited = new SessionPolicy(false, FileAccess.NONE, 5_000);
        assertThat(limited.effectiveTimeoutMillis(0)).isEqualTo(5_000);
        assertThat(limited.effectiveTimeoutMillis(1_000)).isEqualTo(1_000);
        assertThat(limited.effectiveTimeoutMillis(9_000)).isEqualTo(5_000);
        assertThat(SessionPolicy.EMBEDDED.effectiveTimeoutMillis(0)).isZero();
        assertThat(SessionPolicy.EMBEDDED.effectiveTimeoutMillis(2_000)).isEqualTo(2_000);
    }

    @Test
    void remoteUrlsBecomeThinDriverUrlsWithDepotsDefaults() {
        assertThat(RemoteUrl.avaticaUrl("jdbc:depot:remote:url=http://db:8765"))
                .isEqualTo("jdbc:avatica:remote:url=http://db:8765;serialization=protobuf;authentication=BASIC");
        assertThat(RemoteUrl.avaticaUrl("jdbc:depot:remote:url=http://db:8765;serialization=json;authentication=DIGEST"))
                .isEqualTo("jdbc:avatica:remote:url=http://db:8765;serialization=json;authentication=DIGEST");
    }
}
