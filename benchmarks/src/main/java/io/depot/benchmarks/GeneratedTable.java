package io.depot.benchmarks;

import io.depot.storage.table.Database;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.util.SplittableRandom;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Writes a benchmark table {@code (id BIGINT, amount BIGINT, category VARCHAR)} of random rows. */
public final class GeneratedTable {
    public static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("amount", ColumnType.BIGINT),
            Column.nullable("category", ColumnType.VARCHAR));

    private static final int BATCH_ROWS = 65_536;
    private static final byte[][] CATEGORIES = {
        "books".getBytes(), "games".getBytes(), "music".getBytes(), "garden".getBytes(), "tools".getBytes()
    };

    private GeneratedTable() {}

    /** Writes {@code rows} rows into table {@code name} in one commit; the same seed gives the same rows. */
    public static void write(Database database, String name, long rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (TableWriter writer = database.beginWrite(name, SCHEMA);
                VectorSchemaRoot batch = ArrowTypes.createRoot(SCHEMA, database.allocator())) {
            BigIntVector id = (BigIntVector) batch.getVector(0);
            BigIntVector amount = (BigIntVector) batch.getVector(1);
            VarCharVector category = (VarCharVector) batch.getVector(2);
            batch.getFieldVectors().forEach(vector -> vector.setInitialCapacity(BATCH_ROWS));
            long written = 0;
            while (written < rows) {
                int count = (int) Math.min(BATCH_ROWS, rows - written);
                batch.allocateNew();
                for (int i = 0; i < count; i++) {
                    id.set(i, written + i);
                    amount.set(i, random.nextLong(1_000_000));
                    category.setSafe(i, CATEGORIES[random.nextInt(CATEGORIES.length)]);
                }
                batch.setRowCount(count);
                writer.append(batch);
                written += count;
            }
            writer.commit();
        }
    }
}
