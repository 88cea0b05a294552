package io.depot.storage.segment;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DECIMAL wider than 18 digits: 128-bit blocks, bounds, encodings and the version-4 header. */
class TestWideDecimalSegments extends AllocatorTest {
    private static final ColumnType WIDE = ColumnType.decimal(38, 2);
    private static final BigDecimal MAX = new BigDecimal(BigInteger.TEN.pow(38).subtract(BigInteger.ONE), 2);
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT), Column.nullable("amount", WIDE));

    @TempDir
    Path directory;

    @Test
    void roundTripsExtremesAndNullsWithDecimalVectorAndBounds() {
        List<List<Object>> rows = List.of(
                row(1L, MAX),
                row(2L, null),
                row(3L, MAX.negate()),
                row(4L, new BigDecimal("0.00")),
                row(5L, new BigDecimal("-0.01")),
                row(6L, new BigDecimal("92233720368547758.08")),
                row(7L, new BigDecimal("-92233720368547758.09")));
        Path file = directory.resolve("extremes.dseg");
        write(file, rows, 65_536);

        try (SegmentReader reader = SegmentReader.open(file);
                VectorSchemaRoot root = reader.readBlock(0, new int[] {0, 1}, allocator)) {
            assertThat(root.getVector(1)).isInstanceOf(DecimalVector.class);
            assertThat(((DecimalVector) root.getVector(1)).getPrecision()).isEqualTo(38);
            assertThat(Batches.rows(root, SCHEMA)).isEqualTo(rows);
            assertThat(reader.zoneMap(1, 0)).isEqualTo(new ZoneMap(MAX.negate(), MAX, 1));
            assertThat(reader.footer().blocks().get(0).columns().get(1).encoding()).isEqualTo(Encoding.PLAIN);
        }
        assertThat(version(file)).isEqualTo(SegmentFormat.FORMAT_VERSION_WIDE_DECIMAL);
    }

    @Test
    void narrowRangeBlocksUseTheFrameOfReferenceAndRoundTrip() {
        BigDecimal base = new BigDecimal("12345678901234567890123456.78");
        List<List<Object>> rows = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 3_000; i++) {
            rows.add(row((long) i, i % 11 == 0 ? null
                    : base.add(BigDecimal.valueOf(random.nextLong(0, 1_000_000_000_000L), 2))));
        }
        Path file = directory.resolve("frame.dseg");
        write(file, rows, 1_024);

        try (SegmentReader reader = SegmentReader.open(file)) {
            List<List<Object>> read = new ArrayList<>();
            for (int block = 0; block < reader.blockCount(); block++) {
                assertThat(reader.footer().blocks().get(block).columns().get(1).encoding())
                        .isEqualTo(Encoding.DECIMAL128_FRAME);
                try (VectorSchemaRoot root = reader.readBlock(block, new int[] {0, 1}, allocator)) {
                    read.addAll(Batches.rows(root, SCHEMA));
                }
            }
            assertThat(read).isEqualTo(rows);
            // 40 bits per row instead of 128, plus the validity bitmap.
            assertThat(reader.footer().blocks().get(0).columns().get(1).rawLength()).isLessThan(1_024 * 6 + 200);
        }
    }

    @Test
    void rangesWiderThan64BitsFallBackToPlain() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            rows.add(row((long) i, i % 2 == 0 ? MAX.subtract(BigDecimal.valueOf(i)) : BigDecimal.valueOf(i, 2)));
        }
        Path file = directory.resolve("wide-range.dseg");
        write(file, rows, 64);
        try (SegmentReader reader = SegmentReader.open(file);
                VectorSchemaRoot root = reader.readBlock(0, new int[] {0, 1}, allocator)) {
            assertThat(reader.footer().blocks().get(0).columns().get(1).encoding()).isEqualTo(Encoding.PLAIN);
            assertThat(Batches.rows(root, SCHEMA)).isEqualTo(rows);
        }
    }

    @Test
    void segmentsWithoutWideDecimalsStayVersion3() {
        TableSchema narrow = TableSchema.of(Column.nullable("amount", ColumnType.decimal(18, 2)));
        Path file = directory.resolve("narrow.dseg");
        try (SegmentWriter writer = SegmentWriter.create(file, narrow, 64);
                VectorSchemaRoot batch = Batches.root(narrow, allocator, List.of(row(new BigDecimal("1.00"))))) {
            writer.append(batch);
            writer.finish();
        }
        assertThat(version(file)).isEqualTo(SegmentFormat.FORMAT_VERSION);
    }

    @Test
    void wideDecimalFileLabelledVersion3IsCorruption() throws IOException {
        Path file = directory.resolve("mislabelled.dseg");
        write(file, List.of(row(1L, MAX)), 64);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(SegmentFormat.MAGIC.length);
            raw.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(3).array());
        }
        assertThatThrownBy(() -> SegmentReader.open(file))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                .hasMessage("Segment[" + file + "] has format version[3], which does not match its columns' types");
    }

    @Test
    void everyFlippedByteOfAFrameBlockIsCorruption() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(row((long) i, i % 7 == 0 ? null : MAX.subtract(BigDecimal.valueOf(i * 37L, 2))));
        }
        Path file = directory.resolve("flip.dseg");
        write(file, rows, 64);
        byte[] bytes = Files.readAllBytes(file);
        Path damaged = directory.resolve("damaged.dseg");
        for (int position = 0; position < bytes.length; position++) {
            byte[] copy = bytes.clone();
            copy[position] ^= 0x01;
            Files.write(damaged, copy);
            int flipped = position;
            assertThatThrownBy(() -> {
                try (SegmentReader reader = SegmentReader.open(damaged)) {
                    reader.readBlock(0, new int[] {0, 1}, allocator).close();
                }
            }).as("byte %d", flipped).isInstanceOfSatisfying(DepotException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION));
        }
    }

    private void write(Path file, List<List<Object>> rows, int blockRows) {
        try (SegmentWriter writer = SegmentWriter.create(file, SCHEMA, blockRows);
                VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, rows)) {
            writer.append(batch);
            writer.finish();
        }
    }

    private static int version(Path file) {
        try {
            byte[] header = new byte[SegmentFormat.HEADER_LENGTH];
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "r")) {
                raw.readFully(header);
            }
            return ByteBuffer.wrap(header, SegmentFormat.MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
