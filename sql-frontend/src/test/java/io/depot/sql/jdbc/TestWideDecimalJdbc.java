package io.depot.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DECIMAL(38,s) through the JDBC driver: DDL, parameters, values and metadata. */
class TestWideDecimalJdbc {
    private static final BigDecimal MAX = new BigDecimal(BigInteger.TEN.pow(38).subtract(BigInteger.ONE), 10);

    @TempDir
    private Path directory;

    @Test
    void storesAndReturns38DigitsWithMetadata() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:depot:" + directory)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE ledger (id INTEGER, v DECIMAL(38,10))");
                statement.execute("INSERT INTO ledger VALUES (1, 1234567890123456789012345678.0123456789), "
                        + "(2, NULL), (3, -0.0000000001)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger VALUES (?, ?)")) {
                insert.setInt(1, 4);
                insert.setBigDecimal(2, MAX);
                insert.executeUpdate();
                insert.setInt(1, 5);
                insert.setBigDecimal(2, MAX.negate());
                insert.executeUpdate();
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT id, v FROM ledger WHERE v = ?")) {
                query.setBigDecimal(1, MAX);
                try (ResultSet result = query.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getInt(1)).isEqualTo(4);
                    assertThat(result.getBigDecimal(2)).isEqualTo(MAX);
                    assertThat(result.next()).isFalse();
                }
            }
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT v FROM ledger WHERE id IN (1, 2, 3) ORDER BY id")) {
                ResultSetMetaData metaData = result.getMetaData();
                assertThat(metaData.getColumnType(1)).isEqualTo(Types.DECIMAL);
                assertThat(metaData.getPrecision(1)).isEqualTo(38);
                assertThat(metaData.getScale(1)).isEqualTo(10);
                assertThat(metaData.getColumnClassName(1)).isEqualTo(BigDecimal.class.getName());
                List<Object> values = new ArrayList<>();
                while (result.next()) {
                    values.add(result.getObject(1));
                }
                assertThat(values).containsExactly(new BigDecimal("1234567890123456789012345678.0123456789"), null,
                        new BigDecimal("-0.0000000001"));
            }
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT v, v * 2, CAST(v AS VARCHAR) FROM ledger "
                            + "WHERE id IN (1, 2, 3) ORDER BY id")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getBigDecimal(1)).isEqualTo(new BigDecimal("1234567890123456789012345678.0123456789"));
                assertThat(result.getObject(2)).isEqualTo(new BigDecimal("2469135780246913578024691356.0246913578"));
                assertThat(result.getString(3)).isEqualTo("1234567890123456789012345678.0123456789");
                assertThat(result.next()).isTrue();
                assertThat(result.getBigDecimal(1)).isNull();
                assertThat(result.wasNull()).isTrue();
                assertThat(result.next()).isTrue();
                assertThat(result.getBigDecimal(1)).isEqualTo(new BigDecimal("-0.0000000001"));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE ledger SET v = v * 10 WHERE id = 3");
                statement.execute("DELETE FROM ledger WHERE v < -1");
                try (ResultSet result = statement.executeQuery("SELECT id, v FROM ledger ORDER BY id")) {
                    List<Object> rows = new ArrayList<>();
                    while (result.next()) {
                        BigDecimal value = result.getBigDecimal(2);
                        rows.add(result.getInt(1) + "=" + (value == null ? null : value.toPlainString()));
                    }
                    assertThat(rows).containsExactly("1=1234567890123456789012345678.0123456789", "2=null",
                            "3=-0.0000000010", "4=" + MAX.toPlainString());
                }
            }
            DatabaseMetaData metaData = connection.getMetaData();
            try (ResultSet columns = metaData.getColumns(null, null, "ledger", "v")) {
                assertThat(columns.next()).isTrue();
                assertThat(columns.getInt("DATA_TYPE")).isEqualTo(Types.DECIMAL);
                assertThat(columns.getInt("COLUMN_SIZE")).isEqualTo(38);
                assertThat(columns.getInt("DECIMAL_DIGITS")).isEqualTo(10);
                assertThat(columns.getString("TYPE_NAME")).isEqualTo("DECIMAL");
            }
            try (ResultSet types = metaData.getTypeInfo()) {
                int decimalPrecision = -1;
                while (types.next()) {
                    if (types.getInt("DATA_TYPE") == Types.DECIMAL) {
                        decimalPrecision = types.getInt("PRECISION");
                        assertThat(types.getInt("MAXIMUM_SCALE")).isEqualTo(38);
                    }
                }
                assertThat(decimalPrecision).isEqualTo(38);
            }
        }
    }

    @Test
    void parametersThatDoNotFitAndOverflowsAreClearErrors() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:depot:" + directory)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE narrow38 (v DECIMAL(38,2))");
                statement.execute("INSERT INTO narrow38 VALUES (" + new BigDecimal(
                        BigInteger.TEN.pow(38).subtract(BigInteger.ONE), 2).toPlainString() + ")");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO narrow38 VALUES (?)")) {
                insert.setBigDecimal(1, new BigDecimal(BigInteger.TEN.pow(38), 2));
                assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class);
            }
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery("SELECT v + 1 FROM narrow38").next())
                        .isInstanceOf(SQLException.class).hasMessageContaining("numeric overflow");
            }
        }
    }
}
