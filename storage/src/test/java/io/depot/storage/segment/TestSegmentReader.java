package io.depot.storage.segment;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSegmentReader extends AllocatorTest {
    private static final TableSchema ALL_TYPES = TableSchema.of(
            Column.nullable("flag", ColumnType.BOOLEAN),
            Column.nullable("small", ColumnType.INTEGER),
            Column.nullable("big", ColumnType.BIGINT),
            Column.nullable("ratio", ColumnType.DOUBLE),
            Column.nullable("amount", ColumnType.decimal(10, 2)),
            Column.nullable("day", ColumnType.DATE),
            Column.nullable("moment", ColumnType.TIMESTAMP),
            Column.nullable("city", ColumnType.VARCHAR));

    @TempDir
    Path directory;


    @Test
    void roundTripsEveryTypeWithNullsAndBounds() {
        List<List<Object>> rows = List.of(
                row(true, 1, Long.MIN_VALUE, 1.5, new BigDecimal("12.50"), LocalDate.of(2024, 1, 31),
                        LocalDateTime.of(2024, 1, 31, 12, 30, 15, 123_456_000), "서울"),
                row(null, null, null, null, null, null, null, null),
                row(false, Integer.MIN_VALUE, Long.MAX_VALUE, -0.25, new BigDecimal("-99999999.99"),
                        LocalDate.of(1969, 12, 31), LocalDateTime.of(1900, 1, 1, 0, 0), ""),
                row(true, Integer.MAX_VALUE, 0L, Double.MAX_VALUE, new BigDecimal("0.01"),
                        LocalDate.of(9999, 12, 31), LocalDateTime.of(2038, 1, 19, 3, 14, 8), "Busan"));
        Path file = directory.resolve("all.dseg");
        write(file, ALL_TYPES, rows, 65_536);

        try (SegmentReader reader = SegmentReader.open(file)) {
            assertThat(reader.schema()).isEqualTo(ALL_TYPES);
            assertThat(reader.rowCount()).isEqualTo(4);
            assertThat(reader.blockCount()).isEqualTo(1);
            assertThat(reader.blockRowCount(0)).isEqualTo(4);
            try (VectorSchemaRoot root = reader.readBlock(0, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, allocator)) {
                assertThat(Batches.rows(root, ALL_TYPES)).isEqualTo(rows);
            }
            assertThat(reader.zoneMap(0, 0)).isEqualTo(new ZoneMap(false, true, 1));
            assertThat(reader.zoneMap(1, 0)).isEqualTo(new ZoneMap(Integer.MIN_VALUE, Integer.MAX_VALUE, 1));
            assertThat(reader.zoneMap(2, 0)).isEqualTo(new ZoneMap(Long.MIN_VALUE, Long.MAX_VALUE, 1));
            assertThat(reader.zoneMap(3, 0)).isEqualTo(new ZoneMap(-0.25, Double.MAX_VALUE, 1));
            assertThat(reader.zoneMap(4, 0))
                    .isEqualTo(new ZoneMap(new BigDecimal("-99999999.99"), new BigDecimal("12.50"), 1));
            assertThat(reader.zoneMap(5, 0))
                    .isEqualTo(new ZoneMap(LocalDate.of(1969, 12, 31), LocalDate.of(9999, 12, 31), 1));
            assertThat(reader.zoneMap(6, 0)).isEqualTo(new ZoneMap(
                    LocalDateTime.of(1900, 1, 1, 0, 0), LocalDateTime.of(2038, 1, 19, 3, 14, 8), 1));
            assertThat(reader.zoneMap(7, 0)).isEqualTo(new ZoneMap("", "서울", 1));
        }
    }

    @Test
    void readsChosenColumnsInTheGivenOrder() {
        Path file = directory.resolve("projection.dseg");
        write(file, ALL_TYPES, List.of(row(true, 7, 8L, 9.0, new BigDecimal("1.00"), null, null, "x")), 64);

        try (SegmentReader reader = SegmentReader.open(file);
                VectorSchemaRoot root = reader.readBlock(0, new int[] {7, 2}, allocator)) {
            assertThat(root.getSchema().getFields()).extracting(field -> field.getName()).containsExactly("city", "big");
            assertThat(root.getRowCount()).isEqualTo(1);
            assertThat(new String(((VarCharVector) root.getVector(0)).get(0), StandardCharsets.UTF_8))
                    .isEqualTo("x");
            assertThat(((BigIntVector) root.getVector(1)).get(0)).isEqualTo(8L);
        }
        try (SegmentReader reader = SegmentReader.open(file);
                VectorSchemaRoot root = reader.readBlock(0, new int[0], allocator)) {
            assertThat(root.getRowCount()).isEqualTo(1);
            assertThat(root.getFieldVectors()).isEmpty();
        }
    }

    @Test
    void splitsRowsIntoBlocksWithTheirOwnZoneMaps() {
        TableSchema schema = TableSchema.of(Column.nullable("id", ColumnType.BIGINT), Column.nullable("name", ColumnType.VARCHAR));
        int rowCount = 150_000;
        Path file = directory.resolve("blocks.dseg");
        try (SegmentWriter writer = SegmentWriter.create(file, schema);
                VectorSchemaRoot batch = ArrowTypes.createRoot(schema, allocator)) {
            BigIntVector ids = (BigIntVector) batch.getVector(0);
            VarCharVector names = (VarCharVector) batch.getVector(1);
            int batchSize = 10_000;
            for (int start = 0; start < rowCount; start += batchSize) {
                batch.allocateNew();
                for (int i = 0; i < batchSize; i++) {
                    ids.setSafe(i, start + i);
                    if ((start + i) % 10 == 0) {
                        names.setNull(i);
                    } else {
                        names.setSafe(i, ("name-" + (start + i)).getBytes(StandardCharsets.UTF_8));
                    }
                }
                batch.setRowCount(batchSize);
                // Uneven slices cross block boundaries in the middle of a batch.
                writer.append(batch, 0, 3_333);
                writer.append(batch, 3_333, batchSize - 3_333);
            }
            writer.finish();
        }

        try (SegmentReader reader = SegmentReader.open(file)) {
            assertThat(reader.blockCount()).isEqualTo(3);
            assertThat(reader.blockRowCount(0)).isEqualTo(65_536);
            assertThat(reader.blockRowCount(2)).isEqualTo(rowCount - 2 * 65_536);
            assertThat(reader.zoneMap(0, 1)).isEqualTo(new ZoneMap(65_536L, 131_071L, 0));
            assertThat(reader.zoneMap(1, 1).nullCount()).isEqualTo(6_554);
            long expected = 0;
            for (int block = 0; block < reader.blockCount(); block++) {
                try (VectorSchemaRoot root = reader.readBlock(block, new int[] {0, 1}, allocator)) {
                    BigIntVector ids = (BigIntVector) root.getVector(0);
                    VarCharVector names = (VarCharVector) root.getVector(1);
                    for (int i = 0; i < root.getRowCount(); i++, expected++) {
                        assertThat(ids.get(i)).isEqualTo(expected);
                        if (expected % 10 == 0) {
                            assertThat(names.isNull(i)).isTrue();
                        } else {
                            assertThat(new String(names.get(i), StandardCharsets.UTF_8))
                                    .isEqualTo("name-" + expected);
                        }
                    }
                }
            }
            assertThat(expected).isEqualTo(rowCount);
        }
    }

    /**
     * A DICTIONARY block is handed over as entries and codes, its vector left empty; decoded
     * later, the codes name row for row the string the vector holds, NULL rows the code past the
     * entries; with more than 255 entries the codes are wider; a PLAIN block and a non-VARCHAR
     * column give no dictionary and are decoded as usual.
     */
    @Test
    void dictionaryBlocksGiveTheirEntriesAndCodes() {
        TableSchema schema = TableSchema.of(Column.nullable("id", ColumnType.BIGINT), Column.nullable("few", ColumnType.VARCHAR),
                Column.nullable("many", ColumnType.VARCHAR), Column.nullable("unique", ColumnType.VARCHAR));
        int rowCount = 4_000;
        Path file = directory.resolve("dictionaries.dseg");
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < rowCount; i++) {
            rows.add(row((long) i, i % 5 == 0 ? null : "f" + (i % 3), i % 11 == 0 ? null : "m" + (i % 700), "u" + i));
        }
        write(file, schema, rows, 10_000);
        try (SegmentReader reader = SegmentReader.open(file)) {
            BlockDictionary[] dictionaries = new BlockDictionary[4];
            try (VectorSchemaRoot root = reader.readBlock(0, new int[] {0, 1, 2, 3}, allocator, dictionaries)) {
                assertThat(dictionaries[0]).isNull();
                assertThat(dictionaries[3]).as("a block of distinct strings is PLAIN").isNull();
                assertThat(dictionaries[1].entryCount()).isEqualTo(3);
                assertThat(dictionaries[2].entryCount()).isEqualTo(700);
                for (int column : new int[] {1, 2}) {
                    BlockDictionary dictionary = dictionaries[column];
                    assertThat(dictionary.rowCount()).isEqualTo(rowCount);
                    int[] codes = new int[rowCount];
                    dictionary.codes(null, rowCount, codes);
                    VarCharVector strings = (VarCharVector) root.getVector(column);
                    assertThat(strings.getValueCount()).as("left to the caller to decode").isZero();
                    dictionary.decodeInto(strings);
                    assertThat(strings.getValueCount()).isEqualTo(rowCount);
                    assertThat(strings.getNullCount()).isEqualTo(column == 1 ? rowCount / 5 : rowCount / 11 + 1);
                    for (int i = 0; i < rowCount; i++) {
                        if (strings.isNull(i)) {
                            assertThat(codes[i]).as("row %d of column %d", i, column).isEqualTo(dictionary.entryCount());
                        } else {
                            int start = dictionary.entryOffsets()[codes[i]];
                            int end = dictionary.entryOffsets()[codes[i] + 1];
                            assertThat(Arrays.copyOfRange(dictionary.entryBytes(), start, end))
                                    .as("row %d of column %d", i, column).isEqualTo(strings.get(i));
                        }
                    }
                    int[] positions = {3, 5, 3_999};
                    int[] selected = new int[positions.length];
                    dictionary.codes(positions, positions.length, selected);
                    assertThat(selected).containsExactly(codes[3], codes[5], codes[3_999]);
                }
            }
        }
    }

    @Test
    void doubleBoundsCoverBothZerosAndNaN() {
        TableSchema schema = TableSchema.of(Column.nullable("ratio", ColumnType.DOUBLE));
        Path zeros = directory.resolve("zeros.dseg");
        write(zeros, schema, List.of(row(0.0), row(-0.0)), 8);
        Path positiveZero = directory.resolve("positive-zero.dseg");
        write(positiveZero, schema, List.of(row(0.0), row(-1.5)), 8);
        Path nan = directory.resolve("nan.dseg");
        write(nan, schema, List.of(row(Double.NaN), row(2.0)), 8);

        try (SegmentReader reader = SegmentReader.open(zeros)) {
            assertThat(reader.zoneMap(0, 0)).isEqualTo(new ZoneMap(-0.0, 0.0, 0));
        }
        try (SegmentReader reader = SegmentReader.open(positiveZero)) {
            assertThat(reader.zoneMap(0, 0)).isEqualTo(new ZoneMap(-1.5, 0.0, 0));
        }
        try (SegmentReader reader = SegmentReader.open(nan)) {
            assertThat(reader.zoneMap(0, 0)).isEqualTo(new ZoneMap(2.0, Double.NaN, 0));
        }
    }

    @Test
    void blockWithOnlyNullsHasNoBounds() {
        Path file = directory.resolve("nulls.dseg");
        write(file, ALL_TYPES, List.of(row(null, null, null, null, null, null, null, null)), 8);

        try (SegmentReader reader = SegmentReader.open(file)) {
            for (int column = 0; column < ALL_TYPES.size(); column++) {
                assertThat(reader.zoneMap(column, 0)).isEqualTo(new ZoneMap(null, null, 1));
            }
        }
    }

    @Test
    void flippedByteInABlockNamesFileColumnAndBlock() throws IOException {
        TableSchema schema = TableSchema.of(Column.nullable("id", ColumnType.BIGINT), Column.nullable("amount", ColumnType.BIGINT));
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 40; i++) {
            rows.add(row(i, i * 31 + 7));
        }
        Path file = directory.resolve("damaged.dseg");
        write(file, schema, rows, 8);
        long offset;
        try (SegmentReader reader = SegmentReader.open(file)) {
            ColumnBlockInfo info = reader.footer().blocks().get(3).columns().get(1);
            offset = info.offset() + info.storedLength() / 2;
        }
        flipByte(file, offset);

        try (SegmentReader reader = SegmentReader.open(file)) {
            try (VectorSchemaRoot root = reader.readBlock(2, new int[] {0, 1}, allocator)) {
                assertThat(root.getRowCount()).isEqualTo(8);
            }
            assertThatThrownBy(() -> reader.readBlock(3, new int[] {0, 1}, allocator))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                    .hasMessage("Segment[" + file + "] column[amount] block[3] failed its checksum");
        }
    }

    @Test
    void everyFlippedByteAndTruncationIsDetected() throws IOException {
        TableSchema schema = TableSchema.of(Column.nullable("id", ColumnType.BIGINT), Column.nullable("city", ColumnType.VARCHAR));
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 20; i++) {
            rows.add(row(i, i % 3 == 0 ? null : "서울-" + i));
        }
        Path original = directory.resolve("original.dseg");
        write(original, schema, rows, 8);
        byte[] bytes = Files.readAllBytes(original);
        Path damaged = directory.resolve("flipped.dseg");

        assertEveryFlippedByteIsCorruption(bytes, damaged);
        for (int length = 0; length < bytes.length; length++) {
            Files.write(damaged, Arrays.copyOf(bytes, length));
            int truncated = length;
            assertThatThrownBy(() -> readEverything(damaged))
                    .as("truncated to %d of %d bytes", truncated, bytes.length)
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION));
        }
    }

    @Test
    void everyFlippedByteIsDetectedInFilesUsingEveryEncoding() throws IOException {
        TableSchema schema = TableSchema.of(
                Column.nullable("id", ColumnType.BIGINT),
                Column.nullable("bucket", ColumnType.INTEGER),
                Column.nullable("level", ColumnType.DOUBLE),
                Column.nullable("city", ColumnType.VARCHAR),
                Column.nullable("ratio", ColumnType.DOUBLE),
                Column.nullable("name", ColumnType.VARCHAR));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            rows.add(row((long) i * 1_000, i * 7_919 % 8, i / 32 * 0.5, i % 5 == 0 ? null : i % 3 == 0 ? "서울" : "부산",
                    Math.sin(i) * 1e6, "name-" + i));
        }
        Path original = directory.resolve("encodings.dseg");
        write(original, schema, rows, 64);
        try (SegmentReader reader = SegmentReader.open(original)) {
            assertThat(reader.footer().blocks().get(0).columns()).extracting(ColumnBlockInfo::encoding).containsExactly(
                    Encoding.DELTA, Encoding.FRAME_OF_REFERENCE, Encoding.RUN_LENGTH, Encoding.DICTIONARY,
                    Encoding.PLAIN, Encoding.LENGTHS);
            try (VectorSchemaRoot first = reader.readBlock(0, new int[] {0, 1, 2, 3, 4, 5}, allocator);
                    VectorSchemaRoot second = reader.readBlock(1, new int[] {0, 1, 2, 3, 4, 5}, allocator)) {
                List<List<Object>> read = new ArrayList<>(Batches.rows(first, schema));
                read.addAll(Batches.rows(second, schema));
                assertThat(read).isEqualTo(rows);
            }
        }
        assertEveryFlippedByteIsCorruption(Files.readAllBytes(original), directory.resolve("flipped-encodings.dseg"));
    }

    @Test
    void randomizedColumnsOfEveryShapeRoundTrip() {
        for (long seed = 1; seed <= 2; seed++) {
            List<Column> columns = new ArrayList<>();
            List<List<Object>> values = new ArrayList<>();
            int rowCount = 140_000;
            for (int column = 0; column < ColumnData.TYPES.size(); column++) {
                ColumnType type = ColumnData.TYPES.get(column);
                ColumnData.Shape shape = ColumnData.Shape.values()[(int) ((seed + column) % ColumnData.Shape.values().length)];
                columns.add(Column.nullable("c" + column, type));
                values.add(ColumnData.generate(type, shape, rowCount, column % 3 * 0.1, seed * 31 + column));
            }
            TableSchema schema = new TableSchema(columns);
            List<List<Object>> rows = transpose(values, rowCount);
            Path file = directory.resolve("random-" + seed + ".dseg");
            write(file, schema, rows, SegmentFormat.DEFAULT_BLOCK_ROWS);
            List<List<Object>> read = new ArrayList<>();
            int[] all = java.util.stream.IntStream.range(0, columns.size()).toArray();
            try (SegmentReader reader = SegmentReader.open(file)) {
                for (int block = 0; block < reader.blockCount(); block++) {
                    try (VectorSchemaRoot root = reader.readBlock(block, all, allocator)) {
                        read.addAll(Batches.rows(root, schema));
                    }
                }
            }
            assertThat(read).as("seed %d", seed).isEqualTo(rows);
        }
    }

    @Test
    void readRowsGivesExactlyTheSelectedRowsOfEveryTypeAndEncoding() {
        Set<Encoding> gatheredFrom = EnumSet.noneOf(Encoding.class);
        for (long seed = 1; seed <= 3; seed++) {
            List<Column> columns = new ArrayList<>();
            List<List<Object>> values = new ArrayList<>();
            int rowCount = 3_000;
            for (ColumnData.Shape shape : ColumnData.Shape.values()) {
                for (ColumnType type : ColumnData.TYPES) {
                    columns.add(Column.nullable("c" + columns.size(), type));
                    values.add(ColumnData.generate(type, shape, rowCount, seed % 2 * 0.2, seed * 101 + columns.size()));
                }
            }
            TableSchema schema = new TableSchema(columns);
            List<List<Object>> rows = transpose(values, rowCount);
            Path file = directory.resolve("gather-" + seed + ".dseg");
            write(file, schema, rows, 1_024);
            int[] all = new int[columns.size()];
            for (int column = 0; column < all.length; column++) {
                all[column] = column;
            }
            java.util.Random random = new java.util.Random(seed);
            try (SegmentReader reader = SegmentReader.open(file)) {
                for (int block = 0; block < reader.blockCount(); block++) {
                    int blockRows = reader.blockRowCount(block);
                    for (ColumnBlockInfo info : reader.footer().blocks().get(block).columns()) {
                        gatheredFrom.add(info.encoding());
                    }
                    for (double density : new double[] {0.0, 0.001, 0.05, 1.0}) {
                        int[] positions = new int[blockRows];
                        int count = 0;
                        for (int row = 0; row < blockRows; row++) {
                            if (density == 1.0 || random.nextDouble() < density) {
                                positions[count++] = row;
                            }
                        }
                        List<List<Object>> expected = new ArrayList<>();
                        for (int i = 0; i < count; i++) {
                            expected.add(rows.get(block * 1_024 + positions[i]));
                        }
                        try (VectorSchemaRoot root = reader.readRows(block, all, positions, count, allocator)) {
                            assertThat(root.getRowCount()).isEqualTo(count);
                            assertThat(Batches.rows(root, schema)).as("seed %d block %d density %s", seed, block, density)
                                    .isEqualTo(expected);
                        }
                    }
                }
            }
        }
        assertThat(gatheredFrom).contains(Encoding.FRAME_OF_REFERENCE, Encoding.PLAIN, Encoding.DICTIONARY,
                Encoding.LENGTHS, Encoding.RUN_LENGTH, Encoding.DELTA, Encoding.DECIMAL128_FRAME);
    }

    @Test
    void readRowsChecksTheBlockAndItsPositions() throws IOException {
        TableSchema schema = TableSchema.of(Column.nullable("bucket", ColumnType.INTEGER));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            rows.add(row(i % 5 == 0 ? null : i * 7_919 % 8));
        }
        Path file = directory.resolve("gather-damaged.dseg");
        write(file, schema, rows, 64);
        long offset;
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertThat(reader.footer().blocks().get(0).columns().get(0).encoding()).isEqualTo(Encoding.FRAME_OF_REFERENCE);
            offset = reader.footer().blocks().get(0).columns().get(0).offset();
            assertThatThrownBy(() -> reader.readRows(0, new int[] {0}, new int[] {3, 2}, 2, allocator))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> reader.readRows(0, new int[] {0}, new int[] {64}, 1, allocator))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        flipByte(file, offset + 20);
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertThatThrownBy(() -> reader.readRows(0, new int[] {0}, new int[] {1, 2}, 2, allocator))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                    .hasMessageContaining("column[bucket] block[0] failed its checksum");
        }
    }

    /** Rows from per-column value lists. */
    private static List<List<Object>> transpose(List<List<Object>> columnValues, int rowCount) {
        List<List<Object>> rows = new ArrayList<>(rowCount);
        for (int row = 0; row < rowCount; row++) {
            Object[] rowValues = new Object[columnValues.size()];
            for (int column = 0; column < columnValues.size(); column++) {
                rowValues[column] = columnValues.get(column).get(row);
            }
            rows.add(Arrays.asList(rowValues));
        }
        return rows;
    }

    private void assertEveryFlippedByteIsCorruption(byte[] bytes, Path damaged) throws IOException {
        for (int position = 0; position < bytes.length; position++) {
            byte[] copy = bytes.clone();
            copy[position] ^= 0x01;
            Files.write(damaged, copy);
            int flipped = position;
            assertThatThrownBy(() -> readEverything(damaged))
                    .as("byte %d of %d", flipped, bytes.length)
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION));
        }
    }

    private void readEverything(Path file) {
        try (SegmentReader reader = SegmentReader.open(file)) {
            int[] columns = new int[reader.schema().size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = i;
            }
            for (int block = 0; block < reader.blockCount(); block++) {
                reader.readBlock(block, columns, allocator).close();
                for (int column : columns) {
                    if (reader.hasBitmapIndex(block, column)) {
                        // Reads the index of the column and every bitmap in it.
                        reader.selectRows(block, RowPredicate.isNotNull(column));
                        reader.selectRows(block, new RowPredicate.Compare(column, RowPredicate.Comparison.NOT_EQUAL,
                                reader.zoneMap(column, block).min()));
                    }
                }
            }
        }
    }

    @Test
    void flippedByteInTheFooterIsCorruption() throws IOException {
        Path file = directory.resolve("footer.dseg");
        write(file, ALL_TYPES, List.of(row(true, 1, 2L, 3.0, new BigDecimal("4.00"), null, null, "five")), 8);
        flipByte(file, Files.size(file) - SegmentFormat.TRAILER_LENGTH - 5);

        assertThatThrownBy(() -> SegmentReader.open(file))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                .hasMessage("Segment[" + file + "] footer failed its checksum");
    }

    @Test
    void segmentZoneMapsAreTheUnionOfTheBlocks() {
        TableSchema schema = TableSchema.of(Column.nullable("id", ColumnType.BIGINT), Column.nullable("city", ColumnType.VARCHAR));
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 20; i++) {
            rows.add(row(100 - i, i < 8 ? null : i % 2 == 0 ? "서울" : "Busan"));
        }
        Path file = directory.resolve("zones.dseg");
        write(file, schema, rows, 8);

        try (SegmentReader reader = SegmentReader.open(file)) {
            assertThat(reader.zoneMap(1, 0)).isEqualTo(new ZoneMap(null, null, 8));
            assertThat(reader.segmentZoneMap(0)).isEqualTo(new ZoneMap(81L, 100L, 0));
            assertThat(reader.segmentZoneMap(1)).isEqualTo(new ZoneMap("Busan", "서울", 8));
        }
    }

    @Test
    void footerThatContradictsItselfIsCorruption() throws IOException {
        TableSchema schema = TableSchema.of(Column.nullable("id", ColumnType.BIGINT));
        Path file = directory.resolve("contradiction.dseg");
        write(file, schema, List.of(row(1L), row((Object) null), row(3L)), 8);

        Path widened = directory.resolve("widened.dseg");
        rewriteFooter(file, widened, footer -> new SegmentFooter(footer.schema(), footer.rowCount(), footer.blocks(),
                List.of(new ZoneMap(0L, 3L, 1))));
        assertThatThrownBy(() -> SegmentReader.open(widened))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                .hasMessage("Segment[" + widened + "] has a zone map for column[id] that disagrees with its blocks");

        Path moreNulls = directory.resolve("more-nulls.dseg");
        rewriteFooter(file, moreNulls, footer -> {
            ColumnBlockInfo info = footer.blocks().get(0).columns().get(0);
            ZoneMap zoneMap = new ZoneMap(1L, 3L, 2);
            ColumnBlockInfo changed = new ColumnBlockInfo(info.offset(), info.storedLength(), info.rawLength(),
                    info.encoding(), info.compressed(), info.checksum(), zoneMap);
            return new SegmentFooter(footer.schema(), footer.rowCount(), List.of(new BlockInfo(3, List.of(changed))),
                    List.of(zoneMap));
        });
        try (SegmentReader reader = SegmentReader.open(moreNulls)) {
            assertThatThrownBy(() -> reader.readBlock(0, new int[] {0}, allocator))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                    .hasMessage("Segment[" + moreNulls + "] column[id] block[0] has 1 NULLs in its bitmap but 2 in the footer");
        }
    }

    /** Copies a segment with its footer changed, trailer and footer checksum recomputed. */
    private static void rewriteFooter(Path source, Path target, java.util.function.UnaryOperator<SegmentFooter> change)
            throws IOException {
        SegmentFooter footer;
        try (SegmentReader reader = SegmentReader.open(source)) {
            footer = reader.footer();
        }
        byte[] bytes = Files.readAllBytes(source);
        ByteBuffer trailer = ByteBuffer.wrap(bytes, bytes.length - SegmentFormat.TRAILER_LENGTH, Integer.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        int footerStart = bytes.length - SegmentFormat.TRAILER_LENGTH - trailer.getInt();
        byte[] newFooter = FooterCodec.encode(change.apply(footer));
        ByteBuffer out = ByteBuffer.allocate(footerStart + newFooter.length + SegmentFormat.TRAILER_LENGTH)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(bytes, 0, footerStart).put(newFooter).putInt(newFooter.length)
                .putInt(BlockCompression.checksum(newFooter)).put(SegmentFormat.MAGIC);
        Files.write(target, out.array());
    }

    @Test
    void refusesUnknownFormatVersion() throws IOException {
        Path file = directory.resolve("future.dseg");
        write(file, ALL_TYPES, List.of(row(true, 1, 2L, 3.0, new BigDecimal("4.00"), null, null, "five")), 8);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(SegmentFormat.MAGIC.length);
            raw.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(5).array());
        }

        assertThatThrownBy(() -> SegmentReader.open(file))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                .hasMessage("Segment[" + file + "] has format version[5], this Depot reads only versions[2, 3, 4]");
    }

    @Test
    void refusesFilesThatAreNotSegments() throws IOException {
        Path truncated = directory.resolve("short.dseg");
        Files.write(truncated, new byte[] {'D', 'S'});
        Path foreign = directory.resolve("foreign.dseg");
        Files.write(foreign, new byte[64]);

        assertThatThrownBy(() -> SegmentReader.open(truncated))
                .hasMessageContaining("is too short");
        assertThatThrownBy(() -> SegmentReader.open(foreign))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                .hasMessage("Segment[" + foreign + "] has no segment magic in its header");
    }

    @Test
    void compressesRepetitiveBlocks() {
        // A short cycle of doubles has no runs, so it stays PLAIN, and LZ4 finds the repetition.
        TableSchema schema = TableSchema.of(Column.nullable("cycle", ColumnType.DOUBLE));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 4_096; i++) {
            rows.add(row(i % 4 * 0.5));
        }
        Path file = directory.resolve("compressed.dseg");
        write(file, schema, rows, 4_096);

        try (SegmentReader reader = SegmentReader.open(file)) {
            ColumnBlockInfo info = reader.footer().blocks().get(0).columns().get(0);
            assertThat(info.encoding()).isEqualTo(Encoding.PLAIN);
            assertThat(info.compressed()).isTrue();
            assertThat(info.storedLength()).isLessThan(info.rawLength() / 10);
            try (VectorSchemaRoot root = reader.readBlock(0, new int[] {0}, allocator)) {
                assertThat(((Float8Vector) root.getVector(0)).get(4_095)).isEqualTo(1.5);
            }
        }
    }

    @Test
    void unfinishedWriterLeavesNoFile() {
        Path file = directory.resolve("aborted.dseg");
        try (SegmentWriter writer = SegmentWriter.create(file, ALL_TYPES);
                VectorSchemaRoot batch = Batches.root(ALL_TYPES, allocator,
                        List.of(row(true, 1, 2L, 3.0, new BigDecimal("4.00"), null, null, "five")))) {
            writer.append(batch);
        }
        assertThat(file).doesNotExist();
    }

    private void write(Path file, TableSchema schema, List<List<Object>> rows, int blockRows) {
        try (SegmentWriter writer = SegmentWriter.create(file, schema, blockRows);
                VectorSchemaRoot batch = Batches.root(schema, allocator, rows)) {
            writer.append(batch);
            writer.finish();
        }
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(offset);
            int value = raw.read();
            raw.seek(offset);
            raw.write(value ^ 0x40);
        }
    }
}
