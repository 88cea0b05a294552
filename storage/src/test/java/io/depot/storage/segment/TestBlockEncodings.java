package io.depot.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.segment.ColumnData.Shape;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import io.depot.storage.type.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class TestBlockEncodings extends AllocatorTest {
    private static final BlockLocation LOCATION = new BlockLocation(Path.of("test.dseg"), "value", 0);
    private static final double[] NULL_FRACTIONS = {0.0, 0.2, 1.0};
    /** Small blocks, and blocks that end just past, at and just before a decoding chunk's end. */
    private static final int[] ROW_COUNTS = {1, 7, 8, 1_000, FixedWidthWriter.CHUNK_ROWS + 1,
        2 * FixedWidthWriter.CHUNK_ROWS, 3 * FixedWidthWriter.CHUNK_ROWS - 1};


    @Test
    void everyEncodingRoundTripsEveryTypeItAppliesTo() {
        Set<String> covered = new HashSet<>();
        long seed = 1;
        for (ColumnType type : ColumnData.TYPES) {
            for (Shape shape : Shape.values()) {
                for (double nullFraction : NULL_FRACTIONS) {
                    for (int rows : ROW_COUNTS) {
                        List<Object> values = ColumnData.generate(type, shape, rows, nullFraction, seed++);
                        for (Encoding encoding : Encoding.values()) {
                            EncodedBlock block = encodeWith(encoding, type, values);
                            if (block != null) {
                                assertThat(decode(block, type, values)).as("%s %s %s", encoding, type, shape)
                                        .isEqualTo(values);
                                covered.add(encoding + " " + label(type));
                            }
                        }
                    }
                }
            }
        }
        Set<String> expected = new HashSet<>();
        for (ColumnType type : ColumnData.TYPES) {
            if (type.isWideDecimal()) {
                expected.add("PLAIN " + label(type));
                expected.add("DECIMAL128_FRAME " + label(type));
                continue;
            }
            TypeKind kind = type.kind();
            expected.add("PLAIN " + kind);
            if (kind != TypeKind.VARCHAR) {
                expected.add("RUN_LENGTH " + kind);
            }
            if (EnumSet.of(TypeKind.INTEGER, TypeKind.BIGINT, TypeKind.DECIMAL, TypeKind.DATE, TypeKind.TIMESTAMP)
                    .contains(kind)) {
                expected.add("FRAME_OF_REFERENCE " + kind);
                expected.add("DELTA " + kind);
            }
        }
        expected.add("DICTIONARY VARCHAR");
        expected.add("LENGTHS VARCHAR");
        assertThat(covered).isEqualTo(expected);
    }

    /**
     * Gathering rows straight from a block (what {@code SegmentReader.readRows} does for sparse
     * selections) gives exactly the rows of the whole decode, for every encoding and type it
     * applies to, over empty, single-row, full, first/last-row and random selections of every
     * density, with and without NULLs, and on blocks that end around a decoding chunk.
     */
    @Test
    void gatheredRowsEqualTheWholeDecodesRows() {
        Set<String> covered = new HashSet<>();
        java.util.Random random = new java.util.Random(23);
        long seed = 100;
        for (ColumnType type : ColumnData.TYPES) {
            for (Shape shape : Shape.values()) {
                for (double nullFraction : NULL_FRACTIONS) {
                    for (int rows : ROW_COUNTS) {
                        List<Object> values = ColumnData.generate(type, shape, rows, nullFraction, seed++);
                        long nullCount = values.stream().filter(value -> value == null).count();
                        for (Encoding encoding : Encoding.values()) {
                            if (!RowGather.gathers(encoding, type)) {
                                continue;
                            }
                            EncodedBlock block = encodeWith(encoding, type, values);
                            if (block == null) {
                                continue;
                            }
                            covered.add(encoding + " " + label(type));
                            List<Object> whole = decode(block, type, values);
                            for (int[] positions : selections(rows, random)) {
                                List<Object> expected = new ArrayList<>(positions.length);
                                for (int position : positions) {
                                    expected.add(whole.get(position));
                                }
                                assertThat(gather(block, type, rows, nullCount, positions))
                                        .as("%s %s %s nulls %s rows %d positions %s", encoding, type, shape,
                                                nullFraction, rows, Arrays.toString(positions))
                                        .isEqualTo(expected);
                            }
                        }
                    }
                }
            }
        }
        assertThat(covered).contains("FRAME_OF_REFERENCE DATE", "FRAME_OF_REFERENCE DECIMAL", "DELTA BIGINT",
                "DELTA INTEGER", "RUN_LENGTH BIGINT", "RUN_LENGTH DOUBLE", "RUN_LENGTH BOOLEAN", "PLAIN BOOLEAN",
                "PLAIN DOUBLE", "PLAIN WIDE_DECIMAL", "PLAIN INTEGER", "DICTIONARY VARCHAR", "LENGTHS VARCHAR",
                "PLAIN VARCHAR");
    }

    @Test
    void gatheringDamagedBlocksIsCorruption() {
        List<Object> values = new ArrayList<>();
        for (int row = 0; row < 1_000; row++) {
            values.add((long) row * 3 + (row % 5));
        }
        int[] positions = {0, 500, 999};
        for (Encoding encoding : List.of(Encoding.DELTA, Encoding.FRAME_OF_REFERENCE, Encoding.PLAIN)) {
            EncodedBlock block = encodeWith(encoding, ColumnType.BIGINT, values);
            EncodedBlock shorter = new EncodedBlock(encoding, Arrays.copyOf(block.raw(), block.raw().length - 1));
            assertThatThrownBy(() -> gather(shorter, ColumnType.BIGINT, values.size(), 0, positions))
                    .as("%s", encoding).isInstanceOf(DepotException.class)
                    .hasMessageStartingWith("Segment[test.dseg] column[value] block[0] ");
        }
        List<Object> text = new ArrayList<>();
        for (int row = 0; row < 1_000; row++) {
            text.add("row " + row);
        }
        for (Encoding encoding : List.of(Encoding.LENGTHS, Encoding.PLAIN)) {
            EncodedBlock block = encodeWith(encoding, ColumnType.VARCHAR, text);
            EncodedBlock shorter = new EncodedBlock(encoding, Arrays.copyOf(block.raw(), block.raw().length - 1));
            assertThatThrownBy(() -> gather(shorter, ColumnType.VARCHAR, text.size(), 0, positions))
                    .as("%s", encoding).isInstanceOf(DepotException.class)
                    .hasMessageStartingWith("Segment[test.dseg] column[value] block[0] ");
        }
        List<Object> runs = new ArrayList<>();
        for (int row = 0; row < 1_000; row++) {
            runs.add((long) row / 10);
        }
        EncodedBlock block = encodeWith(Encoding.RUN_LENGTH, ColumnType.BIGINT, runs);
        EncodedBlock longer = new EncodedBlock(Encoding.RUN_LENGTH, Arrays.copyOf(block.raw(), block.raw().length + 1));
        assertThatThrownBy(() -> gather(longer, ColumnType.BIGINT, runs.size(), 0, positions))
                .hasMessage("Segment[test.dseg] column[value] block[0] has 1 bytes after its RUN_LENGTH values");
        // one row fewer than the runs cover
        assertThatThrownBy(() -> gather(block, ColumnType.BIGINT, runs.size() - 1, 0, positions))
                .isInstanceOf(DepotException.class);
    }

    /** Selections of a block: none, each end, all rows, and random ones from very sparse to dense. */
    private static List<int[]> selections(int rows, java.util.Random random) {
        List<int[]> selections = new ArrayList<>();
        selections.add(new int[0]);
        selections.add(new int[] {0});
        selections.add(new int[] {rows - 1});
        int[] all = new int[rows];
        for (int row = 0; row < rows; row++) {
            all[row] = row;
        }
        selections.add(all);
        for (int divisor : new int[] {100, 32, 8, 3}) {
            List<Integer> chosen = new ArrayList<>();
            for (int row = 0; row < rows; row++) {
                if (random.nextInt(divisor) == 0) {
                    chosen.add(row);
                }
            }
            selections.add(chosen.stream().mapToInt(Integer::intValue).toArray());
        }
        return selections;
    }

    /** Gathers the rows through {@link RowGather} from a longer array, as the reader's scratch arrays are. */
    private List<Object> gather(EncodedBlock block, ColumnType type, int rows, long nullCount, int[] positions) {
        byte[] padded = Arrays.copyOf(block.raw(), block.raw().length + 13);
        try (FieldVector vector = ArrowTypes.createVector(Column.nullable("value", type), allocator)) {
            RowGather.gather(padded, block.raw().length, block.encoding(), type, rows, nullCount, positions,
                    positions.length, vector, LOCATION);
            assertThat(vector.getValueCount()).isEqualTo(positions.length);
            List<Object> gathered = new ArrayList<>(positions.length);
            for (int row = 0; row < vector.getValueCount(); row++) {
                gathered.add(ArrowValues.get(vector, type, row));
            }
            return gathered;
        }
    }

    /** The kind, with wide (128-bit) decimals told apart from 64-bit ones. */
    private static String label(ColumnType type) {
        return type.isWideDecimal() ? "WIDE_DECIMAL" : type.kind().toString();
    }

    @Test
    void estimatesAreExactSizes() {
        for (ColumnType type : ColumnData.TYPES) {
            for (Shape shape : Shape.values()) {
                List<Object> values = ColumnData.generate(type, shape, 500, 0.1, shape.ordinal());
                try (VectorSchemaRoot root = root(type, values)) {
                    ColumnBlockBuilder builder = builder(type, root, values.size());
                    for (Encoding encoding : Encoding.values()) {
                        BlockValues blockValues = builder.values();
                        long estimate = encoding.implementation().estimateSize(blockValues);
                        if (estimate != BlockEncoding.NOT_APPLICABLE) {
                            LittleEndianOutput output = new LittleEndianOutput();
                            encoding.implementation().encode(blockValues, output);
                            assertThat((long) output.length()).as("%s %s %s", encoding, type, shape).isEqualTo(estimate);
                        }
                    }
                }
            }
        }
    }

    @Test
    void choosesTheEncodingThatFitsTheData() {
        List<Object> sortedIds = new ArrayList<>();
        List<Object> smallRange = new ArrayList<>();
        List<Object> flags = new ArrayList<>();
        List<Object> cities = new ArrayList<>();
        List<Object> uniqueNames = new ArrayList<>();
        for (int i = 0; i < 65_536; i++) {
            sortedIds.add(1_000_000_000_000L + i * 3L);
            smallRange.add((long) ((i * 7919) % 1_000));
            flags.add(i < 40_000);
            cities.add(i % 3 == 0 ? "서울" : i % 3 == 1 ? "부산" : "대구");
            uniqueNames.add("name-" + i);
        }
        List<Object> randomDoubles = ColumnData.generate(ColumnType.DOUBLE, Shape.RANDOM, 65_536, 0.0, 7);
        List<Object> eventTimes = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        long micros = 1_700_000_000_000_000L;
        for (int i = 0; i < 65_536; i++) {
            micros += 1_000_000 + random.nextInt(1_000);
            eventTimes.add(ArrowValues.timestampFromMicros(micros));
        }

        assertThat(chosen(ColumnType.BIGINT, sortedIds)).isEqualTo(Encoding.DELTA);
        assertThat(chosen(ColumnType.TIMESTAMP, eventTimes)).isEqualTo(Encoding.DELTA);
        assertThat(chosen(ColumnType.BIGINT, smallRange)).isEqualTo(Encoding.FRAME_OF_REFERENCE);
        assertThat(chosen(ColumnType.BOOLEAN, flags)).isEqualTo(Encoding.RUN_LENGTH);
        assertThat(chosen(ColumnType.VARCHAR, cities)).isEqualTo(Encoding.DICTIONARY);
        assertThat(chosen(ColumnType.VARCHAR, uniqueNames)).isEqualTo(Encoding.LENGTHS);
        assertThat(chosen(ColumnType.DOUBLE, randomDoubles)).isEqualTo(Encoding.PLAIN);
        assertThat(chosen(ColumnType.BIGINT, ColumnData.generate(ColumnType.BIGINT, Shape.RANDOM, 1_000, 0.0, 9)))
                .isEqualTo(Encoding.PLAIN);
    }

    @Test
    void dictionaryIsSortedByCodePoint() {
        List<Object> values = Arrays.asList("b", "\uD83D\uDE00", "a", null, "\uFFFF", "a", "b", "b");
        try (VectorSchemaRoot root = root(ColumnType.VARCHAR, values)) {
            VarCharValues text = (VarCharValues) builder(ColumnType.VARCHAR, root, values.size()).values();
            SortedDictionary dictionary = text.dictionary();
            List<String> entries = new ArrayList<>();
            for (int code = 0; code < dictionary.entryCount(); code++) {
                int start = dictionary.entryOffsets()[code];
                entries.add(new String(dictionary.entryBytes(), start, dictionary.entryOffsets()[code + 1] - start,
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(entries).containsExactly("a", "b", "\uFFFF", "\uD83D\uDE00");
            assertThat(dictionary.codes()).containsExactly(1, 3, 0, 0, 2, 0, 1, 1);
        }
    }

    @Test
    void damagedPayloadsAreCorruptionNeverGarbage() {
        long seed = 100;
        for (ColumnType type : ColumnData.TYPES) {
            for (Shape shape : List.of(Shape.SORTED, Shape.RUNS, Shape.LOW_CARDINALITY, Shape.RANDOM)) {
                List<Object> values = ColumnData.generate(type, shape, 40, 0.25, seed++);
                for (Encoding encoding : Encoding.values()) {
                    EncodedBlock block = encodeWith(encoding, type, values);
                    if (block == null) {
                        continue;
                    }
                    byte[] raw = block.raw();
                    for (int position = 0; position < raw.length; position++) {
                        for (int pattern : new int[] {0x01, 0x10, 0x80, 0xFF}) {
                            byte[] damaged = raw.clone();
                            damaged[position] ^= (byte) pattern;
                            decodeOrCorruption(new EncodedBlock(encoding, damaged), type, values);
                        }
                    }
                    for (int length = 0; length < raw.length; length++) {
                        EncodedBlock truncated = new EncodedBlock(encoding, Arrays.copyOf(raw, length));
                        assertThatThrownBy(() -> decode(truncated, type, values))
                                .as("%s %s truncated to %d", encoding, type, length)
                                .isInstanceOfSatisfying(DepotException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION));
                    }
                }
            }
        }
    }

    @Test
    void damageIsReportedWithFileColumnAndBlock() {
        List<Object> values = Arrays.asList("x", "y", "x", "x");
        EncodedBlock block = encodeWith(Encoding.DICTIONARY, ColumnType.VARCHAR, values);
        byte[] raw = block.raw();
        // The last byte holds the packed codes (width 1): set a code beyond the two entries.
        raw[raw.length - 8] = (byte) 0xFF;
        byte[] widened = raw.clone();
        widened[raw.length - 9] = 2;
        assertThatThrownBy(() -> decode(new EncodedBlock(Encoding.DICTIONARY, widened), ColumnType.VARCHAR, values))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                .hasMessage("Segment[test.dseg] column[value] block[0] has dictionary code[3] beyond its 2 entries");
        byte[] badWidth = block.raw().clone();
        badWidth[raw.length - 9] = 65;
        assertThatThrownBy(() -> decode(new EncodedBlock(Encoding.DICTIONARY, badWidth), ColumnType.VARCHAR, values))
                .hasMessage("Segment[test.dseg] column[value] block[0] has an impossible code bit width[65]");
    }

    @Test
    void lengthsThatDoNotMatchTheTextAreCorruption() {
        List<Object> values = Arrays.asList("서울", "", "abc", "x");
        EncodedBlock block = encodeWith(Encoding.LENGTHS, ColumnType.VARCHAR, values);
        assertThat(decode(block, ColumnType.VARCHAR, values)).isEqualTo(values);
        // Frame: int64 reference (the shortest length, 0), int8 width, one packed word; then 10 text bytes.
        byte[] longer = block.raw().clone();
        longer[0] = 1;
        assertThatThrownBy(() -> decode(new EncodedBlock(Encoding.LENGTHS, longer), ColumnType.VARCHAR, values))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                .hasMessage("Segment[test.dseg] column[value] block[0] has length[4] at row 2 past its 10 data bytes");
        byte[] extraText = Arrays.copyOf(block.raw(), block.raw().length + 1);
        assertThatThrownBy(() -> decode(new EncodedBlock(Encoding.LENGTHS, extraText), ColumnType.VARCHAR, values))
                .hasMessage("Segment[test.dseg] column[value] block[0] has lengths summing to 10 but holds 11 data bytes");
        byte[] negative = block.raw().clone();
        Arrays.fill(negative, 0, 8, (byte) 0xFF);
        assertThatThrownBy(() -> decode(new EncodedBlock(Encoding.LENGTHS, negative), ColumnType.VARCHAR, values))
                .hasMessageContaining("has length[18446744073709551615] at row 1 past its 10 data bytes");
    }

    @Test
    void frameValuesOutsideTheColumnAreCorruptionWhereverTheyAre() {
        int rows = 2 * FixedWidthWriter.CHUNK_ROWS + 100;
        // A frame whose bit width reaches past the largest INTEGER: checked value by value.
        long nearTop = Integer.MAX_VALUE - 2;
        long[] fitting = new long[rows];
        Arrays.fill(fitting, nearTop + 2);
        fitting[0] = nearTop;
        List<Object> expected = new ArrayList<>();
        for (long value : fitting) {
            expected.add((int) value);
        }
        assertThat(decode(frame(nearTop, 2, fitting), ColumnType.INTEGER, expected)).isEqualTo(expected);
        for (int row : new int[] {0, FixedWidthWriter.CHUNK_ROWS, rows - 1}) {
            long[] outside = fitting.clone();
            outside[row] = nearTop + 3;
            assertThatThrownBy(() -> decode(frame(nearTop, 2, outside), ColumnType.INTEGER, expected))
                    .as("row %d", row)
                    .hasMessage("Segment[test.dseg] column[value] block[0] decodes to values outside its INT32 column");
        }
        // A reference below the smallest INTEGER: every value is outside, whatever the width.
        long[] zeros = new long[rows];
        long belowBottom = Integer.MIN_VALUE - 1L;
        assertThatThrownBy(() -> decode(frame(belowBottom, 0, zeros), ColumnType.INTEGER, expected))
                .hasMessage("Segment[test.dseg] column[value] block[0] decodes to values outside its INT32 column");
        // A frame for a BOOLEAN column (the writer never makes one; a damaged footer may name one).
        long[] bits = new long[rows];
        List<Object> booleans = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            bits[row] = row % 3 == 0 ? 1 : 0;
            booleans.add(bits[row] == 1);
        }
        assertThat(decode(frame(0, 1, bits), ColumnType.BOOLEAN, booleans)).isEqualTo(booleans);
        long[] two = bits.clone();
        two[rows - 1] = 2;
        assertThatThrownBy(() -> decode(frame(0, 2, two), ColumnType.BOOLEAN, booleans))
                .hasMessage("Segment[test.dseg] column[value] block[0] decodes to values outside its BIT column");
    }

    @Test
    void runValuesOutsideTheColumnAreCorruption() {
        int rows = 2 * FixedWidthWriter.CHUNK_ROWS + 100;
        long[] lengths = {1, FixedWidthWriter.CHUNK_ROWS, rows - 1 - FixedWidthWriter.CHUNK_ROWS};
        long top = Integer.MAX_VALUE;
        List<Object> expected = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            expected.add(row == 0 ? Integer.MIN_VALUE : row <= FixedWidthWriter.CHUNK_ROWS ? Integer.MAX_VALUE : 0);
        }
        assertThat(decode(runs(new long[] {Integer.MIN_VALUE, top, 0}, lengths), ColumnType.INTEGER, expected))
                .isEqualTo(expected);
        for (int run = 0; run < lengths.length; run++) {
            long[] values = {Integer.MIN_VALUE, top, 0};
            values[run] = run == 0 ? Integer.MIN_VALUE - 1L : top + 1;
            assertThatThrownBy(() -> decode(runs(values, lengths), ColumnType.INTEGER, expected))
                    .as("run %d", run)
                    .hasMessage("Segment[test.dseg] column[value] block[0] decodes to values outside its INT32 column");
        }
        assertThatThrownBy(() -> decode(runs(new long[] {0, 1, 2}, lengths), ColumnType.BOOLEAN, expected))
                .hasMessage("Segment[test.dseg] column[value] block[0] decodes to values outside its BIT column");
    }

    /** A RUN_LENGTH block of the given runs. */
    private static EncodedBlock runs(long[] values, long[] lengths) {
        LittleEndianOutput output = new LittleEndianOutput();
        output.writeInt(values.length);
        long min = Arrays.stream(values).min().orElseThrow();
        PackedFrame.write(values, 0, values.length, min, Arrays.stream(values).max().orElseThrow(), output);
        PackedFrame.write(lengths, 0, lengths.length, 1, Arrays.stream(lengths).max().orElseThrow(), output);
        return new EncodedBlock(Encoding.RUN_LENGTH, output.toByteArray());
    }

    /** A FRAME_OF_REFERENCE block of the given values, packed at {@code width} bits from {@code reference}. */
    private static EncodedBlock frame(long reference, int width, long[] values) {
        LittleEndianOutput output = new LittleEndianOutput();
        output.writeLong(reference);
        output.writeByte(width);
        BitPacking.pack(values, 0, values.length, reference, width, output);
        return new EncodedBlock(Encoding.FRAME_OF_REFERENCE, output.toByteArray());
    }

    private void decodeOrCorruption(EncodedBlock block, ColumnType type, List<Object> values) {
        try {
            decode(block, type, values);
        } catch (DepotException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION);
        }
    }

    private Encoding chosen(ColumnType type, List<Object> values) {
        try (VectorSchemaRoot root = root(type, values)) {
            return BlockEncoder.choose(builder(type, root, values.size()).values());
        }
    }

    /** The block in the given encoding, or null when it does not apply to these values. */
    private EncodedBlock encodeWith(Encoding encoding, ColumnType type, List<Object> values) {
        try (VectorSchemaRoot root = root(type, values)) {
            ColumnBlockBuilder builder = builder(type, root, values.size());
            BlockValues blockValues = builder.values();
            if (encoding.implementation().estimateSize(blockValues) == BlockEncoding.NOT_APPLICABLE) {
                return null;
            }
            LittleEndianOutput output = new LittleEndianOutput();
            if (builder.nullCount() > 0) {
                output.writeRaw(builder.validity, 0, ColumnBlockBuilder.validityLength(values.size()));
            }
            encoding.implementation().encode(blockValues, output);
            return new EncodedBlock(encoding, output.toByteArray());
        }
    }

    /** Decodes through the reader's path and returns the values boxed. */
    private List<Object> decode(EncodedBlock block, ColumnType type, List<Object> values) {
        long nullCount = values.stream().filter(value -> value == null).count();
        try (FieldVector vector = ArrowTypes.createVector(Column.nullable("value", type), allocator)) {
            BlockDecoder.decode(block.raw(), block.raw().length, block.encoding(), type, values.size(), nullCount, vector, LOCATION);
            List<Object> decoded = new ArrayList<>(values.size());
            for (int row = 0; row < vector.getValueCount(); row++) {
                decoded.add(ArrowValues.get(vector, type, row));
            }
            return decoded;
        }
    }

    private VectorSchemaRoot root(ColumnType type, List<Object> values) {
        return Batches.root(TableSchema.of(Column.nullable("value", type)), allocator, ColumnData.rows(values));
    }

    private static ColumnBlockBuilder builder(ColumnType type, VectorSchemaRoot root, int rows) {
        ColumnBlockBuilder builder = ColumnBlockBuilder.create(type, (rows + 7) / 8 * 8);
        builder.append(root.getVector(0), 0, rows);
        return builder;
    }
}
