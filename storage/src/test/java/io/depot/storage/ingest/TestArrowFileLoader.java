package io.depot.storage.ingest;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Arrow IPC files and streams written by arrow-vector's own writers, as another tool would. */
class TestArrowFileLoader extends LoaderTestSupport {
    private static final Schema SCHEMA = new Schema(List.of(
            Field.nullable("small", new ArrowType.Int(16, true)),
            Field.nullable("id", new ArrowType.Int(64, true)),
            Field.nullable("qty", new ArrowType.Int(32, true)),
            Field.nullable("ratio", new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)),
            Field.nullable("amount", new ArrowType.Decimal(10, 2, 128)),
            Field.nullable("day", new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY)),
            Field.nullable("at", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
            Field.nullable("name", ArrowType.Utf8.INSTANCE),
            Field.nullable("ok", ArrowType.Bool.INSTANCE)));

    /** Rows 0..count-1; every 7th row is all NULL. */
    private VectorSchemaRoot batch(int first, int count) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        for (int i = 0; i < count; i++) {
            int value = first + i;
            if (value % 7 == 6) {
                for (var vector : root.getFieldVectors()) {
                    vector.setNull(i);
                }
                continue;
            }
            ((SmallIntVector) root.getVector("small")).setSafe(i, (short) (value % 100));
            ((BigIntVector) root.getVector("id")).setSafe(i, value);
            ((IntVector) root.getVector("qty")).setSafe(i, value * 2);
            ((Float8Vector) root.getVector("ratio")).setSafe(i, value / 4.0);
            ((DecimalVector) root.getVector("amount")).setSafe(i, new BigDecimal(value).movePointLeft(2));
            ((DateDayVector) root.getVector("day")).setSafe(i, 19_723 + value);
            ((TimeStampMilliTZVector) root.getVector("at")).setSafe(i, 1_704_067_200_000L + value * 1_000L);
            ((VarCharVector) root.getVector("name")).setSafe(i, ("이름" + value).getBytes(StandardCharsets.UTF_8));
            ((BitVector) root.getVector("ok")).setSafe(i, value % 2);
        }
        root.setRowCount(count);
        return root;
    }

    private Path writeFile(String name, int batches, int rowsPerBatch) throws IOException {
        Path file = directory.resolve(name);
        try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            for (int b = 0; b < batches; b++) {
                try (VectorSchemaRoot data = batch(b * rowsPerBatch, rowsPerBatch)) {
                    new org.apache.arrow.vector.VectorUnloader(data).getRecordBatch().close();
                    copyInto(data, root);
                }
                writer.writeBatch();
            }
            writer.end();
        }
        return file;
    }

    private static void copyInto(VectorSchemaRoot from, VectorSchemaRoot to) {
        org.apache.arrow.vector.VectorUnloader unloader = new org.apache.arrow.vector.VectorUnloader(from);
        try (var record = unloader.getRecordBatch()) {
            new org.apache.arrow.vector.VectorLoader(to).load(record);
        }
    }

    @Test
    void loadsAnArrowFileOfManyBatches() throws IOException {
        Path file = writeFile("data.arrow", 3, 50_000);

        LoadResult result = ArrowFileLoader.load(database, "t", List.of(file), LoadOptions.defaults());

        assertThat(result.rowsLoaded()).isEqualTo(150_000);
        assertThat(snapshot("t").schema()).isEqualTo(TableSchema.of(
                Column.nullable("small", ColumnType.INTEGER),
                Column.nullable("id", ColumnType.BIGINT),
                Column.nullable("qty", ColumnType.INTEGER),
                Column.nullable("ratio", ColumnType.DOUBLE),
                Column.nullable("amount", ColumnType.decimal(10, 2)),
                Column.nullable("day", ColumnType.DATE),
                Column.nullable("at", ColumnType.TIMESTAMP),
                Column.nullable("name", ColumnType.VARCHAR),
                Column.nullable("ok", ColumnType.BOOLEAN)));
        List<List<Object>> rows = rows("t");
        assertThat(rows.get(123_457)).isEqualTo(row(57, 123_457L, 246_914, 123_457 / 4.0, new BigDecimal("1234.57"),
                LocalDate.of(2024, 1, 1).plusDays(123_457), LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(123_457),
                "이름123457", true));
        assertThat(rows.get(6)).containsOnlyNulls();
    }

    @Test
    void loadsAnArrowStreamIntoAPartitionOfAnExistingTable() throws IOException {
        Path stream = directory.resolve("data.arrows");
        try (VectorSchemaRoot root = batch(0, 10); OutputStream out = Files.newOutputStream(stream);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        LoadOptions replace = LoadOptions.defaults().withMode(LoadMode.REPLACE).withPartition(PartitionSpec.parse("src=a"));
        ArrowFileLoader.load(database, "t", List.of(stream), replace);
        ArrowFileLoader.load(database, "t", List.of(stream), replace);

        assertThat(snapshot("t").rowCount()).isEqualTo(10);
        assertThat(rows("t").get(1)).isEqualTo(row(1, 1L, 2, 0.25, new BigDecimal("0.01"), LocalDate.of(2024, 1, 2),
                LocalDateTime.of(2024, 1, 1, 0, 0, 1), "이름1", true, "a"));
    }

    @Test
    void unsupportedTypesAndGarbageFailClearly() throws IOException {
        Path garbage = file("garbage.arrow", "ARROW1 but not really");
        assertThatThrownBy(() -> ArrowFileLoader.load(database, "t", List.of(garbage), LoadOptions.defaults()))
                .hasMessageStartingWith("garbage.arrow is not a readable Arrow IPC file or stream");
        Path text = file("text.arrow", "id,name\n1,a\n");
        assertThatThrownBy(() -> ArrowFileLoader.load(database, "t", List.of(text), LoadOptions.defaults()))
                .hasMessageStartingWith("text.arrow is not a readable Arrow IPC file or stream");

        Schema listSchema = new Schema(List.of(new Field("xs", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(Field.nullable("item", new ArrowType.Int(32, true))))));
        Path lists = directory.resolve("lists.arrows");
        try (VectorSchemaRoot root = VectorSchemaRoot.create(listSchema, allocator); OutputStream out = Files.newOutputStream(lists);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
            writer.start();
            writer.end();
        }
        assertThatThrownBy(() -> ArrowFileLoader.load(database, "t", List.of(lists), LoadOptions.defaults()))
                .hasMessage("lists.arrows column[xs] has type List, which Depot cannot load");
        assertThat(database.table("t")).isEmpty();
    }
}
