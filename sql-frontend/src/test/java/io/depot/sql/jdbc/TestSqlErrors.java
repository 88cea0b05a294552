package io.depot.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TestSqlErrors {
    @Test
    void keepsDepotsMessageAndStateThroughAvaticasWrapping() {
        DepotException depot = new DepotException(ErrorCode.USER, "Table[nope] not found");
        assertThat(SqlErrors.forMeta(depot)).isSameAs(depot);

        SQLException wrapped = new SQLException("while preparing SQL: select * from nope", depot);
        SQLException clean = SqlErrors.clean(wrapped);
        assertThat(clean.getMessage()).isEqualTo("Table[nope] not found");
        assertThat(clean.getSQLState()).isEqualTo("42000");
        assertThat(clean.getCause()).isSameAs(depot);
    }

    @Test
    void namesTheClassOfAFailureThatIsNotDepots() {
        IllegalStateException bug = new IllegalStateException("broken");
        DepotException internal = SqlErrors.forMeta(bug);
        assertThat(internal.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(internal.getCause()).isSameAs(bug);
        SQLException clean = SqlErrors.clean(new SQLException("while preparing SQL: select", internal));
        assertThat(clean.getMessage()).isEqualTo("java.lang.IllegalStateException: broken");
        assertThat(clean.getSQLState()).isEqualTo("XX000");
    }

    @Test
    void leavesOtherExceptionsAlone() {
        SQLException other = new SQLException("connection is closed", "08003");
        assertThat((Object) SqlErrors.clean(other)).isSameAs(other);
    }
}
