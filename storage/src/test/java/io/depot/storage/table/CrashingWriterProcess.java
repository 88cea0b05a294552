package io.depot.storage.table;

import io.depot.storage.segment.SegmentReader;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.roaringbitmap.RoaringBitmap;

/**
 * The victim of {@link TestCrashSafety}: commits loads, deletes and compactions to table
 * {@code crash} of database {@code args[0]} in a loop until it is killed. Before each commit it
 * prints {@code intent <version> <rows> <checksum>} (the state the commit will make), after it
 * {@code committed <version>}; the parent checks that the table it finds after the kill is one of
 * those states.
 */
public final class CrashingWriterProcess {
    static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("city", ColumnType.VARCHAR),
            Column.nullable("amount", ColumnType.decimal(12, 2)));
    private static final String[] CITIES = {"서울", "", "부산", "Daejeon"};

    private CrashingWriterProcess() {}

    public static void main(String[] args) {
        Random random = new Random(Long.parseLong(args[1]));
        try (Database database = Database.open(Path.of(args[0]))) {
            database.setSegmentRowLimit(700);
            BufferAllocator allocator = database.allocator();
            List<List<Object>> model = database.table("crash")
                    .map(table -> Batches.readAll(table.snapshot(), allocator))
                    .orElseGet(ArrayList::new);
            long nextId = model.stream().mapToLong(row -> (Long) row.get(0) + 1).max().orElse(0);
            System.out.println("ready");
            System.out.flush();
            while (true) {
                try (TableWriter writer = database.beginWrite("crash", SCHEMA)) {
                    Optional<Snapshot> base = writer.baseSnapshot();
                    int action = random.nextInt(6);
                    if (action == 0 && base.isPresent() && base.get().segmentCount() > 0) {
                        deleteSome(writer, base.get(), random, model, allocator);
                    } else if (action == 1) {
                        writer.compactSmallSegments(500, allocator);
                    } else {
                        List<List<Object>> rows = newRows(nextId, 1 + random.nextInt(1500), random);
                        nextId += rows.size();
                        try (VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, rows)) {
                            writer.append(batch);
                        }
                        model.addAll(rows);
                    }
                    long version = base.map(Snapshot::version).orElse(0L) + 1;
                    System.out.println("intent " + version + " " + model.size() + " " + checksum(model));
                    System.out.flush();
                    writer.commit();
                    System.out.println("committed " + version);
                    System.out.flush();
                }
            }
        }
    }

    /** Deletes random rows of one segment, and the same rows (by id) from the model. */
    private static void deleteSome(TableWriter writer, Snapshot base, Random random, List<List<Object>> model,
            BufferAllocator allocator) {
        int segment = random.nextInt(base.segmentCount());
        Set<Object> ids = new HashSet<>();
        try (SegmentReader reader = base.openSegment(segment)) {
            int start = 0;
            RoaringBitmap rows = new RoaringBitmap();
            for (int block = 0; block < reader.blockCount(); block++) {
                RoaringBitmap deleted = reader.deletedRows(block).orElse(new RoaringBitmap());
                try (VectorSchemaRoot root = reader.readBlock(block, new int[] {0}, allocator)) {
                    List<List<Object>> values = Batches.rows(root, TableSchema.of(SCHEMA.column(0)));
                    for (int row = 0; row < root.getRowCount(); row++) {
                        if (!deleted.contains(row) && random.nextInt(4) == 0) {
                            rows.add(start + row);
                            ids.add(values.get(row).get(0));
                        }
                    }
                    start += root.getRowCount();
                }
            }
            writer.delete(base.segmentId(segment), rows);
        }
        model.removeIf(row -> ids.contains(row.get(0)));
    }

    private static List<List<Object>> newRows(long firstId, int count, Random random) {
        List<List<Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String city = random.nextInt(9) == 0 ? null : CITIES[random.nextInt(CITIES.length)];
            BigDecimal amount = random.nextInt(7) == 0 ? null : BigDecimal.valueOf(random.nextInt(1_000_000), 2);
            rows.add(Batches.row(firstId + i, city, amount));
        }
        return rows;
    }

    /** Order-independent: compaction moves rows between segments. */
    static long checksum(List<List<Object>> rows) {
        long sum = 0;
        for (List<Object> row : rows) {
            long hash = 1;
            for (Object value : row) {
                hash = hash * 1_000_003 + (value == null ? 7 : value.hashCode());
            }
            sum += hash * 0x9E3779B97F4A7C15L;
        }
        return sum;
    }
}
