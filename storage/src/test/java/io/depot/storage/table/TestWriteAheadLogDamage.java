package io.depot.storage.table;

import static io.depot.storage.table.TestWriteAheadLog.SCHEMA;
import static io.depot.storage.table.TestWriteAheadLog.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torn tails against corruption in the write-ahead log: a crash can only cut the last record, so
 * that is forgiven at any byte; damage anywhere before committed records is an error naming the
 * table, file and offset, and never yields rows the writer did not write.
 */
class TestWriteAheadLogDamage extends AllocatorTest {
    @TempDir
    Path directory;

    @Test
    void aLastRecordCutAtAnyByteLosesOnlyItselfAndTheNextInsertRepairsTheLog() throws IOException {
        Path log = logWithThreeInserts();
        byte[] whole = Files.readAllBytes(log);
        int[] starts = recordStarts(whole);
        for (int cut = starts[2]; cut < whole.length; cut++) {
            Files.write(log, Arrays.copyOf(whole, cut));
            try (Database database = Database.open(directory)) {
                assertThat(rows(database)).as("cut at %d", cut).containsExactly(row(0), row(1));
                insert(database, List.of(row(9)));
                assertThat(rows(database)).as("cut at %d", cut).containsExactly(row(0), row(1), row(9));
            }
            try (Database database = Database.open(directory)) {
                assertThat(rows(database)).containsExactly(row(0), row(1), row(9));
            }
        }
    }

    @Test
    void aLastRecordWhoseEndNeverReachedTheDiskIsTornToo() throws IOException {
        Path log = logWithThreeInserts();
        byte[] whole = Files.readAllBytes(log);
        int[] starts = recordStarts(whole);
        // The file got its size but not all of its data: zeros from some byte of the last record on.
        for (int from = starts[2]; from < whole.length; from++) {
            byte[] damaged = whole.clone();
            Arrays.fill(damaged, from, damaged.length, (byte) 0);
            Files.write(log, damaged);
            try (Database database = Database.open(directory)) {
                assertThat(rows(database)).as("zeros from %d", from).containsExactly(row(0), row(1));
            }
        }
    }

    @Test
    void aFlippedByteInAMiddleRecordIsCorruptionNamingTableFileAndOffset() throws IOException {
        Path log = logWithThreeInserts();
        byte[] whole = Files.readAllBytes(log);
        int[] starts = recordStarts(whole);
        // Every byte of the second record (of three): header (length, sequence, checksums) and payload.
        for (int at = starts[1]; at < starts[2]; at++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] damaged = whole.clone();
                damaged[at] ^= (byte) bit;
                Files.write(log, damaged);
                try (Database database = Database.open(directory)) {
                    assertThatThrownBy(() -> rows(database))
                            .as("byte %d bit %d", at, bit)
                            .isInstanceOfSatisfying(DepotException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                            .hasMessageStartingWith("Write-ahead log[" + log + "] of table[t] is damaged: record 1 at offset["
                                    + starts[1] + "]")
                            .hasMessageContaining("valid record starts at offset[" + starts[2] + "]");
                }
            }
        }
    }

    @Test
    void aLengthFlippedToPointPastTheEndIsNotMistakenForATornTail() throws IOException {
        Path log = logWithThreeInserts();
        byte[] whole = Files.readAllBytes(log);
        int[] starts = recordStarts(whole);
        byte[] damaged = whole.clone();
        damaged[starts[1] + 2] ^= 0x40; // the length now runs far past the end of the file
        Files.write(log, damaged);
        try (Database database = Database.open(directory)) {
            assertThatThrownBy(() -> rows(database))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                    .hasMessage("Write-ahead log[" + log + "] of table[t] is damaged: record 1 at offset[" + starts[1]
                            + "] has a damaged header, and a valid record starts at offset[" + starts[2]
                            + "] after it, so it is not a torn last write; the table cannot be read until the file"
                            + " is repaired or restored");
            // An insert must not cut the committed records off either.
            assertThatThrownBy(() -> insert(database, List.of(row(9))))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION));
        }
        assertThat(Files.readAllBytes(log)).isEqualTo(damaged);
    }

    @Test
    void aFormatOneLogIsReadAndFoldedIntoAFormatTwoLogByTheNextInsert() throws IOException {
        Path log = logWithThreeInserts();
        Files.write(log, legacyLog(List.of(List.of(row(0)), List.of(row(1), row(2)))));
        try (Database database = Database.open(directory)) {
            assertThat(rows(database)).containsExactly(row(0), row(1), row(2));
            insert(database, List.of(row(3)));
            assertThat(rows(database)).containsExactly(row(0), row(1), row(2), row(3));
            Snapshot snapshot = database.table("t").orElseThrow().snapshot();
            assertThat(snapshot.segmentCount()).as("the format-1 rows went to a segment").isEqualTo(1);
            assertThat(snapshot.deltaRowCount()).isEqualTo(1);
        }
        assertThat(log).doesNotExist();
        try (Stream<Path> files = Files.list(directory.resolve("tables/t"))) {
            Path live = files.filter(file -> file.toString().endsWith(".dwal")).findFirst().orElseThrow();
            assertThat(ByteBuffer.wrap(Files.readAllBytes(live), 4, 4).getInt()).isEqualTo(DeltaLog.FORMAT_VERSION);
        }
    }

    @Test
    void aFormatOneLengthPastTheEndWithARecordAfterItIsCorruption() throws IOException {
        Path log = logWithThreeInserts();
        byte[] legacy = legacyLog(List.of(List.of(row(0)), List.of(row(1)), List.of(row(2))));
        int second = DeltaLog.HEADER_BYTES + DeltaLog.LEGACY_RECORD_HEADER_BYTES
                + ByteBuffer.wrap(legacy, DeltaLog.HEADER_BYTES, 4).getInt();
        legacy[second + 1] ^= 0x10;
        Files.write(log, legacy);
        try (Database database = Database.open(directory)) {
            assertThatThrownBy(() -> rows(database))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                    .hasMessageContaining("record 1 at offset[" + second + "] has a length")
                    .hasMessageContaining("past the end of the file, and a valid record starts at offset[");
        }
        // Cut inside its last record, a format-1 log is torn as before.
        byte[] torn = legacyLog(List.of(List.of(row(0)), List.of(row(1))));
        Files.write(log, Arrays.copyOf(torn, torn.length - 3));
        try (Database database = Database.open(directory)) {
            assertThat(rows(database)).containsExactly(row(0));
        }
    }

    /** A table whose log holds three one-row inserts (ids 0, 1, 2), one record each. */
    private Path logWithThreeInserts() throws IOException {
        try (Database database = Database.open(directory)) {
            TestWriteAheadLog.createEmpty(database);
            for (int id = 0; id < 3; id++) {
                insert(database, List.of(row(id)));
            }
        }
        try (Stream<Path> files = Files.list(directory.resolve("tables/t"))) {
            return files.filter(file -> file.toString().endsWith(".dwal")).findFirst().orElseThrow();
        }
    }

    /** Where each format-2 record starts ({@code [i]}: the record with sequence number i), read from the headers. */
    private static int[] recordStarts(byte[] log) {
        List<Integer> starts = new ArrayList<>();
        int at = DeltaLog.HEADER_BYTES;
        while (at < log.length) {
            starts.add(at);
            at += DeltaLog.RECORD_HEADER_BYTES + ByteBuffer.wrap(log, at, 4).getInt();
        }
        assertThat(at).isEqualTo(log.length);
        int[] result = new int[starts.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = starts.get(i);
        }
        return result;
    }

    /** A format-1 log (as written before records had a checked header) with one record per insert. */
    private byte[] legacyLog(List<List<List<Object>>> inserts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("DWAL".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).putInt(DeltaLog.LEGACY_FORMAT_VERSION).array());
        for (List<List<Object>> rows : inserts) {
            DeltaStore store = new DeltaStore(SCHEMA);
            try (VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, rows)) {
                store.append(batch, 0, batch.getRowCount());
            }
            byte[] payload = DeltaCodec.encode(store.view());
            byte[] length = ByteBuffer.allocate(4).putInt(payload.length).array();
            CRC32C crc = new CRC32C();
            crc.update(length);
            crc.update(payload);
            out.writeBytes(length);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    private List<List<Object>> rows(Database database) {
        return Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator);
    }

    private void insert(Database database, List<List<Object>> rows) {
        try (TableWriter writer = database.beginInsert("t", null);
                VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, rows)) {
            writer.append(batch);
            writer.commit();
        }
    }
}
