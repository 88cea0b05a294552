package io.depot.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.junit.jupiter.api.Test;

class TestSqlErrors {
    @Test
    void keepsDepotsMessageAndStateThroughAvaticasWrapping() {
        DepotException depot = new DepotException(ErrorCode.USER, "Table[nope] not found");
        AvaticaClientRuntimeException avatica = SqlErrors.toAvatica(depot);
        assertThat(avatica.getMessage()).isEqualTo("Table[nope] not found");
        assertThat(avatica.getSqlState()).isEqualTo("42000");

        SQLException wrapped = new SQLException("Error while executing SQL \"select\": Table[nope] not found", avatica);
        SQLException clean = SqlErrors.clean(wrapped);
        assertThat(clean.getMessage()).isEqualTo("Table[nope] not found");
        assertThat(clean.getSQLState()).isEqualTo("42000");
        assertThat(clean.getCause()).isSameAs(depot);
    }

    @Test
    void namesTheClassOfAFailureThatIsNotDepots() {
        SQLException clean = SqlErrors.toSqlException(new IllegalStateException("broken"));
        assertThat(clean.getMessage()).isEqualTo("java.lang.IllegalStateException: broken");
        assertThat(clean.getSQLState()).isEqualTo("XX000");
    }

    @Test
    void leavesOtherExceptionsAlone() {
        SQLException other = new SQLException("connection is closed", "08003");
        assertThat((Object) SqlErrors.clean(other)).isSameAs(other);
    }
}
