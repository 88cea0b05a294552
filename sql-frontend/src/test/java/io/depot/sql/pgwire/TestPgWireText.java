package io.depot.sql.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL's text and binary forms of values, statement splitting and placeholders. */
class TestPgWireText {
    @Test
    void doublesPrintAsPostgreSqlDoes() {
        // expected values are PostgreSQL 15's float8 output (extra_float_digits = 1)
        assertThat(TextValues.formatDouble(0.1)).isEqualTo("0.1");
        assertThat(TextValues.formatDouble(1.0)).isEqualTo("1");
        assertThat(TextValues.formatDouble(-2.5)).isEqualTo("-2.5");
        assertThat(TextValues.formatDouble(1e20)).isEqualTo("1e+20");
        assertThat(TextValues.formatDouble(1e15)).isEqualTo("1e+15");
        assertThat(TextValues.formatDouble(123456789012345.0)).isEqualTo("123456789012345");
        assertThat(TextValues.formatDouble(0.0001)).isEqualTo("0.0001");
        assertThat(TextValues.formatDouble(0.001)).isEqualTo("0.001");
        assertThat(TextValues.formatDouble(1234567.5)).isEqualTo("1234567.5");
        assertThat(TextValues.formatDouble(1e7)).isEqualTo("10000000");
        assertThat(TextValues.formatDouble(333333.3333333333)).isEqualTo("333333.3333333333");
        assertThat(TextValues.formatDouble(0.00001)).isEqualTo("1e-05");
        assertThat(TextValues.formatDouble(-1.5e-7)).isEqualTo("-1.5e-07");
        assertThat(TextValues.formatDouble(1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
        assertThat(TextValues.formatDouble(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(TextValues.formatDouble(Double.NaN)).isEqualTo("NaN");
        assertThat(TextValues.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(TextValues.formatDouble(-0.0)).isEqualTo("-0");
    }

    @Test
    void datesTimestampsAndDecimalsPrintAsPostgreSqlDoes() {
        assertThat(TextValues.formatTimestamp(LocalDateTime.of(2024, 1, 31, 12, 0))).isEqualTo("2024-01-31 12:00:00");
        assertThat(TextValues.formatTimestamp(LocalDateTime.of(2024, 1, 31, 12, 0, 0, 250_000_000)))
                .isEqualTo("2024-01-31 12:00:00.25");
        assertThat(TextValues.formatTimestamp(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)))
                .isEqualTo("1969-12-31 23:59:59.999999");
        assertThat(TextValues.formatDate((int) LocalDate.of(1900, 2, 28).toEpochDay())).isEqualTo("1900-02-28");
        assertThat(TextValues.formatDecimal(-5, 2)).isEqualTo("-0.05");
        assertThat(TextValues.formatDecimal(1250, 2)).isEqualTo("12.50");
        assertThat(TextValues.format(true, ColumnType.BOOLEAN)).isEqualTo("t");
        assertThat(TextValues.format(new BigDecimal("3"), ColumnType.decimal(5, 2))).isEqualTo("3.00");
    }

    @Test
    void numericsRoundTripThroughTheBinaryForm() throws Exception {
        for (String text : List.of("0", "0.00", "12.50", "-0.05", "10000", "123456789012.345678", "-99999999.9999", "0.0001")) {
            BigDecimal value = new BigDecimal(text);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            MessageWriter out = new MessageWriter(bytes);
            out.begin('x');
            BinaryValues.numeric(out, value);
            out.end();
            out.flush();
            byte[] body = Arrays.copyOfRange(bytes.toByteArray(), 5, bytes.size());
            assertThat(BinaryValues.decode(PgType.NUMERIC, body)).as(text).isEqualTo(value);
        }
    }

    @Test
    void splitsStatementsOutsideQuotesAndComments() {
        assertThat(SqlText.split("SELECT 1; SELECT ';' AS \"a;b\" -- c;d\n; /* e; */ SELECT 2;;"))
                .containsExactly("SELECT 1", "SELECT ';' AS \"a;b\" -- c;d", "/* e; */ SELECT 2");
        assertThat(SqlText.split(" ; ")).isEmpty();
    }

    @Test
    void turnsDollarPlaceholdersIntoQuestionMarks() {
        SqlText.Placeholders placeholders = SqlText.placeholders("SELECT * FROM t WHERE a = $2 AND b = '$1' AND c = $1 AND d$1 = 1");
        assertThat(placeholders.sql()).isEqualTo("SELECT * FROM t WHERE a = ? AND b = '$1' AND c = ? AND d$1 = 1");
        assertThat(placeholders.order()).containsExactly(2, 1);
        assertThat(placeholders.count()).isEqualTo(2);
    }

    @Test
    void textParametersAcceptPostgreSqlInputForms() {
        SqlText.Placeholders placeholders = SqlText.placeholders("SELECT $1, $2, $3, $4");
        byte[][] values = {"t".getBytes(), "2024-01-31 +02".getBytes(), "2024-01-31 12:00:00.5+01".getBytes(), null};
        List<Object> bound = ParameterValues.decode(values, new short[0], new int[0], placeholders,
                List.of(ColumnType.BOOLEAN, ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.INTEGER));
        assertThat(bound).containsExactly("true", "2024-01-31", "2024-01-31 12:00:00.5", null);
    }

    @Test
    void commandTagsFollowPostgreSql() {
        assertThat(QueryRunner.commandTag("insert into t values (1)", 3)).isEqualTo("INSERT 0 3");
        assertThat(QueryRunner.commandTag("DELETE FROM t", 2)).isEqualTo("DELETE 2");
        assertThat(QueryRunner.commandTag("create table t (a int)", 0)).isEqualTo("CREATE TABLE");
        assertThat(QueryRunner.commandTag("CREATE OR REPLACE VIEW v AS SELECT 1", 0)).isEqualTo("CREATE VIEW");
        assertThat(QueryRunner.commandTag("DROP TABLE IF EXISTS t", 0)).isEqualTo("DROP TABLE");
    }

    @Test
    void rewritesSupersetsTimeFiltersAndSimpleCasts() {
        assertThat(PgDialect.rewrite("SELECT * FROM t WHERE ts >= TO_TIMESTAMP('2024-01-01 00:00:00.000000', "
                + "'YYYY-MM-DD HH24:MI:SS.US') AND d < TO_DATE('2024-02-01', 'YYYY-MM-DD')"))
                .isEqualTo("SELECT * FROM t WHERE ts >= TIMESTAMP '2024-01-01 00:00:00.000000' AND d < DATE '2024-02-01'");
        assertThat(PgDialect.rewrite("SELECT a::text, '2024-01-01'::date, (a + 1)::numeric(10,2), t.b::double precision, "
                + "count(*)::int8, ':: kept' FROM t"))
                .isEqualTo("SELECT CAST(a AS VARCHAR), CAST('2024-01-01' AS date), CAST((a + 1) AS DECIMAL(10,2)), "
                        + "CAST(t.b AS DOUBLE), CAST(count(*) AS BIGINT), ':: kept' FROM t");
        assertThat(PgDialect.rewrite("SELECT TO_TIMESTAMP('x', 'YYYY') FROM t")).isEqualTo("SELECT TO_TIMESTAMP('x', 'YYYY') FROM t");
    }
}
