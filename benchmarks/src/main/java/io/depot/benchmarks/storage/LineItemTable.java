package io.depot.benchmarks.storage;

import io.depot.storage.table.Database;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import io.trino.tpch.LineItem;
import io.trino.tpch.TpchTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** TPC-H lineitem (io.trino.tpch) as a Depot table and as the generator's '|'-separated text. */
final class LineItemTable {
    static final ColumnType MONEY = ColumnType.decimal(15, 2);
    static final TableSchema SCHEMA = TableSchema.of(
            new Column("l_orderkey", ColumnType.BIGINT, false),
            new Column("l_partkey", ColumnType.BIGINT, false),
            new Column("l_suppkey", ColumnType.BIGINT, false),
            new Column("l_linenumber", ColumnType.INTEGER, false),
            new Column("l_quantity", MONEY, false),
            new Column("l_extendedprice", MONEY, false),
            new Column("l_discount", MONEY, false),
            new Column("l_tax", MONEY, false),
            new Column("l_returnflag", ColumnType.VARCHAR, false),
            new Column("l_linestatus", ColumnType.VARCHAR, false),
            new Column("l_shipdate", ColumnType.DATE, false),
            new Column("l_commitdate", ColumnType.DATE, false),
            new Column("l_receiptdate", ColumnType.DATE, false),
            new Column("l_shipinstruct", ColumnType.VARCHAR, false),
            new Column("l_shipmode", ColumnType.VARCHAR, false),
            new Column("l_comment", ColumnType.VARCHAR, false));
    private static final int BATCH_ROWS = 65_536;

    private LineItemTable() {}

    /**
     * Writes lineitem at {@code scaleFactor} as table {@code lineitem} in one commit, with bitmap
     * indexes on the VARCHAR columns and {@code extraIndexedColumns}; returns its rows.
     */
    static long write(Database database, double scaleFactor, List<String> extraIndexedColumns) {
        long rows = 0;
        try (TableWriter writer = database.beginWrite("lineitem", SCHEMA);
                VectorSchemaRoot batch = ArrowTypes.createRoot(SCHEMA, database.allocator())) {
            List<String> indexed = new ArrayList<>(writer.indexedColumns());
            indexed.addAll(extraIndexedColumns);
            writer.setIndexedColumns(indexed);
            Iterator<LineItem> items = TpchTable.LINE_ITEM.createGenerator(scaleFactor, 1, 1).iterator();
            while (items.hasNext()) {
                batch.allocateNew();
                int count = 0;
                while (count < BATCH_ROWS && items.hasNext()) {
                    set(batch, count++, items.next());
                }
                batch.setRowCount(count);
                writer.append(batch);
                rows += count;
            }
            writer.commit();
        }
        return rows;
    }

    private static void set(VectorSchemaRoot batch, int row, LineItem item) {
        ((BigIntVector) batch.getVector(0)).setSafe(row, item.getOrderKey());
        ((BigIntVector) batch.getVector(1)).setSafe(row, item.getPartKey());
        ((BigIntVector) batch.getVector(2)).setSafe(row, item.getSupplierKey());
        ((IntVector) batch.getVector(3)).setSafe(row, item.getLineNumber());
        ((BigIntVector) batch.getVector(4)).setSafe(row, item.getQuantity() * 100);
        ((BigIntVector) batch.getVector(5)).setSafe(row, item.getExtendedPriceInCents());
        ((BigIntVector) batch.getVector(6)).setSafe(row, item.getDiscountPercent());
        ((BigIntVector) batch.getVector(7)).setSafe(row, item.getTaxPercent());
        text(batch, 8, row, item.getReturnFlag());
        text(batch, 9, row, item.getStatus());
        ((DateDayVector) batch.getVector(10)).setSafe(row, item.getShipDate());
        ((DateDayVector) batch.getVector(11)).setSafe(row, item.getCommitDate());
        ((DateDayVector) batch.getVector(12)).setSafe(row, item.getReceiptDate());
        text(batch, 13, row, item.getShipInstructions());
        text(batch, 14, row, item.getShipMode());
        text(batch, 15, row, item.getComment());
    }

    private static void text(VectorSchemaRoot batch, int column, int row, String value) {
        ((VarCharVector) batch.getVector(column)).setSafe(row, value.getBytes(StandardCharsets.UTF_8));
    }
}
