package io.depot.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.Batch;
import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.ScanNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Zone maps of 128-bit decimals prune blocks; the filter still decides rows exactly. */
class TestWideDecimalScan extends AllocatorTest {
    private static final ColumnType BALANCE = ColumnType.decimal(38, 4);
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT), Column.nullable("balance", BALANCE));
    private static final int ROWS = 200_000;
    /** 10^30: balances need more than 64 bits, and each block's range still fits 64. */
    private static final BigDecimal BASE = new BigDecimal(BigInteger.TEN.pow(30), 4);

    private Database database;
    private Snapshot snapshot;

    @BeforeEach
    void writeTable() {
        database = Database.temporary();
        try (TableWriter writer = database.beginWrite("accounts", SCHEMA);
                VectorSchemaRoot root = ArrowTypes.createRoot(SCHEMA, database.allocator())) {
            root.allocateNew();
            for (int id = 0; id < ROWS; id++) {
                ArrowValues.set(root.getVector(0), ColumnType.BIGINT, id, (long) id);
                ArrowValues.set(root.getVector(1), BALANCE, id, id % 10 == 9 ? null : balance(id));
            }
            root.setRowCount(ROWS);
            writer.append(root);
            writer.commit();
        }
        snapshot = database.table("accounts").orElseThrow().snapshot();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private static BigDecimal balance(long id) {
        return BASE.add(BigDecimal.valueOf(id * 12_345L, 4));
    }

    @Test
    void rangeOnAWideDecimalReadsOnlyTheBlockThatCanMatch() {
        ColumnReference column = new ColumnReference(1, BALANCE, true);
        Expression filter = Call.of(Function.AND, ColumnType.BOOLEAN,
                Call.of(Function.GREATER_THAN_OR_EQUAL, ColumnType.BOOLEAN, column, new Literal(balance(150_000), BALANCE)),
                Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, column, new Literal(balance(160_000), BALANCE)));
        long rows = 0;
        try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(0, 1), Optional.of(filter)), allocator)) {
            Batch batch;
            while ((batch = scan.next()) != null) {
                rows += batch.rowCount();
                batch.close();
            }
            assertThat(scan.statistics().blocksTotal()).isEqualTo(4);
            assertThat(scan.statistics().blocksRead()).isEqualTo(1);
            assertThat(scan.statistics().blocksSkipped()).isEqualTo(3);
        }
        // ids 150,000..159,999 without the NULL balances (every tenth id).
        assertThat(rows).isEqualTo(9_000);
    }
}
