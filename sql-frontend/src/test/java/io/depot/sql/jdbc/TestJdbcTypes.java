package io.depot.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.calcite.avatica.ColumnMetaData;
import org.junit.jupiter.api.Test;

class TestJdbcTypes {
    @Test
    void mapsEveryKindToItsJdbcType() {
        assertThat(JdbcTypes.sqlType(ColumnType.BOOLEAN)).isEqualTo(Types.BOOLEAN);
        assertThat(JdbcTypes.sqlType(ColumnType.INTEGER)).isEqualTo(Types.INTEGER);
        assertThat(JdbcTypes.sqlType(ColumnType.BIGINT)).isEqualTo(Types.BIGINT);
        assertThat(JdbcTypes.sqlType(ColumnType.DOUBLE)).isEqualTo(Types.DOUBLE);
        assertThat(JdbcTypes.sqlType(ColumnType.decimal(15, 2))).isEqualTo(Types.DECIMAL);
        assertThat(JdbcTypes.sqlType(ColumnType.DATE)).isEqualTo(Types.DATE);
        assertThat(JdbcTypes.sqlType(ColumnType.TIMESTAMP)).isEqualTo(Types.TIMESTAMP);
        assertThat(JdbcTypes.sqlType(ColumnType.VARCHAR)).isEqualTo(Types.VARCHAR);
    }

    @Test
    void describesADecimalColumnWithItsPrecisionAndScale() {
        ColumnMetaData metaData = JdbcTypes.columnMetaData(new Column("amount", ColumnType.decimal(15, 2), false), 3);
        assertThat(metaData.ordinal).isEqualTo(3);
        assertThat(metaData.label).isEqualTo("amount");
        assertThat(metaData.type.id).isEqualTo(Types.DECIMAL);
        assertThat(metaData.type.name).isEqualTo("DECIMAL");
        assertThat(metaData.precision).isEqualTo(15);
        assertThat(metaData.scale).isEqualTo(2);
        assertThat(metaData.nullable).isEqualTo(DatabaseMetaData.columnNoNulls);
        assertThat(metaData.signed).isTrue();
        assertThat(metaData.columnClassName).isEqualTo(BigDecimal.class.getName());
        assertThat(metaData.displaySize).isEqualTo(17);
    }

    @Test
    void describesDatesAndTimestampsAsTheirJavaSqlClasses() {
        ColumnMetaData day = JdbcTypes.columnMetaData(Column.nullable("day", ColumnType.DATE), 0);
        ColumnMetaData moment = JdbcTypes.columnMetaData(Column.nullable("moment", ColumnType.TIMESTAMP), 1);
        assertThat(day.columnClassName).isEqualTo(java.sql.Date.class.getName());
        assertThat(day.nullable).isEqualTo(DatabaseMetaData.columnNullable);
        assertThat(moment.columnClassName).isEqualTo(java.sql.Timestamp.class.getName());
        assertThat(moment.scale).isEqualTo(6);
    }

    @Test
    void wireValuesFollowCalcitesConventions() {
        assertThat(JdbcTypes.wireValue(LocalDate.of(1970, 1, 3))).isEqualTo(2);
        assertThat(JdbcTypes.wireValue(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 500_000_000))).isEqualTo(1500L);
        assertThat(JdbcTypes.wireValue("text")).isEqualTo("text");
        assertThat(JdbcTypes.wireValue(null)).isNull();
    }
}
