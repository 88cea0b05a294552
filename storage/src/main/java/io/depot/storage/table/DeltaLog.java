package io.depot.storage.table;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A table's write-ahead log file ({@code wal-<version>.dwal}, docs/storage-format.md): an 8-byte
 * header, then records. Format 2 (written): {@code int length, int sequence, int payload CRC32C,
 * int header CRC32C (of the 12 bytes before it)}, then the payload: one or more chunks of
 * {@code int length, DeltaCodec rows}, one chunk per statement that shared the record (group
 * commit). Format 1 (read only): {@code int length, int CRC32C (of the length and the payload)},
 * then one DeltaCodec payload. Appended by one writer at a time (under the table lock) and synced
 * once per record, so only the last record can be torn by a crash.
 *
 * <p>Torn tail or corruption: a record that is incomplete or fails a checksum is accepted as the
 * torn tail of a crashed writer only when no valid record header starts anywhere after it (a
 * torn write can only hit the last record); readers ignore it and the next append cuts it off.
 * Otherwise committed records follow the damage, and reading fails with CORRUPTION naming the
 * table, the file and the offset, rather than silently dropping them. The length is covered by
 * the header checksum, so a flipped length cannot send the reader past the records that follow.
 */
final class DeltaLog {
    static final int HEADER_BYTES = 8;
    /** Format 2: length, sequence, payload checksum, header checksum. */
    static final int RECORD_HEADER_BYTES = 16;
    /** Format 1: length, checksum of length and payload. */
    static final int LEGACY_RECORD_HEADER_BYTES = 8;
    /** Larger records are refused when writing and treated as damage when reading. */
    static final int MAX_PAYLOAD_BYTES = 1 << 28;
    static final int FORMAT_VERSION = 2;
    static final int LEGACY_FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "DWAL".getBytes(StandardCharsets.US_ASCII);
    /** The smallest DeltaCodec payload: row and column counts. */
    private static final int MIN_ROWS_BYTES = 8;

    /**
     * Where a read stopped.
     *
     * @param end where the last whole record ends (0: not even the header is whole)
     * @param records the whole records before {@code end}: the sequence number of the next one
     * @param formatVersion the file's format version (0 until its header is whole)
     */
    record Position(long end, int records, int formatVersion) {
        static final Position START = new Position(0, 0, 0);
    }

    private DeltaLog() {}

    /**
     * Reads the records of {@code file} from {@code from} ({@link Position#START}: the start,
     * header included) up to {@code size}, handing each statement's rows (a DeltaCodec payload)
     * to {@code rows}, and returns where the last whole record ends.
     *
     * @param tableName for messages
     */
    static Position read(Path file, String tableName, Position from, long size, Consumer<ByteBuffer> rows)
            throws IOException {
        if (size < HEADER_BYTES) {
            return Position.START;
        }
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            bytes = new byte[Math.toIntExact(size - from.end())];
            ByteBuffer target = ByteBuffer.wrap(bytes);
            while (target.hasRemaining()) {
                if (channel.read(target, from.end() + target.position()) < 0) {
                    // Shorter than a moment ago: replaced or cut by a writer repairing a torn tail.
                    return read(file, tableName, from, Files.size(file), rows);
                }
            }
        }
        Reader reader = new Reader(file, tableName, bytes, from.end());
        int position = 0;
        int version = from.formatVersion();
        if (from.end() == 0) {
            if (zerosFrom(bytes, 0)) {
                // A file created and sized by a crashed writer whose data never reached the disk.
                return Position.START;
            }
            version = reader.checkHeader();
            position = HEADER_BYTES;
        }
        int records = from.records();
        while (position < bytes.length) {
            int end = version == LEGACY_FORMAT_VERSION
                    ? reader.legacyRecordEnd(position, records)
                    : reader.recordEnd(position, records);
            if (end < 0) {
                break;
            }
            if (version == LEGACY_FORMAT_VERSION) {
                rows.accept(ByteBuffer.wrap(bytes, position + LEGACY_RECORD_HEADER_BYTES,
                        end - position - LEGACY_RECORD_HEADER_BYTES).slice());
            } else {
                reader.chunks(position, end, records, rows);
            }
            records++;
            position = end;
        }
        return new Position(from.end() + position, records, version);
    }

    /** The checks over one read of a log: {@code bytes} starts at file offset {@code base}. */
    private record Reader(Path file, String tableName, byte[] bytes, long base) {
        int checkHeader() {
            ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_BYTES);
            byte[] magic = new byte[MAGIC.length];
            header.get(magic);
            int version = header.getInt();
            if (!Arrays.equals(magic, MAGIC) || (version != FORMAT_VERSION && version != LEGACY_FORMAT_VERSION)) {
                throw new DepotException(ErrorCode.CORRUPTION, "Write-ahead log[" + file + "] of table[" + tableName
                        + "] does not start with a DWAL header of format version " + LEGACY_FORMAT_VERSION
                        + " or " + FORMAT_VERSION);
            }
            return version;
        }

        /** The end of the format-2 record at {@code position}, or -1 when it is a torn tail. */
        int recordEnd(int position, int sequence) {
            int remaining = bytes.length - position;
            if (remaining < RECORD_HEADER_BYTES) {
                return -1;
            }
            ByteBuffer header = ByteBuffer.wrap(bytes, position, RECORD_HEADER_BYTES);
            int length = header.getInt();
            int recordSequence = header.getInt();
            int payloadChecksum = header.getInt();
            if (!validHeader(position)) {
                return tornUnlessFollowed(position, sequence, "has a damaged header");
            }
            if (recordSequence != sequence) {
                // A checked header with the wrong number: records were lost or repeated, never torn.
                throw corrupt(position, sequence, "has sequence number " + recordSequence);
            }
            if (length > remaining - RECORD_HEADER_BYTES) {
                // The length is checked, so the record really is incomplete: the last write was cut.
                return -1;
            }
            int end = position + RECORD_HEADER_BYTES + length;
            if (checksum(bytes, position + RECORD_HEADER_BYTES, length) != payloadChecksum) {
                return tornUnlessFollowed(position, sequence, "fails its payload checksum");
            }
            return end;
        }

        /** Whether a format-2 record header with a matching checksum and a possible length starts here. */
        private boolean validHeader(int position) {
            if (bytes.length - position < RECORD_HEADER_BYTES) {
                return false;
            }
            ByteBuffer header = ByteBuffer.wrap(bytes, position, RECORD_HEADER_BYTES);
            int length = header.getInt();
            header.getInt();
            header.getInt();
            int headerChecksum = header.getInt();
            return length >= 0 && length <= MAX_PAYLOAD_BYTES
                    && checksum(bytes, position, RECORD_HEADER_BYTES - 4) == headerChecksum;
        }

        /**
         * -1 (a torn tail) when no valid record header with a later sequence number starts after
         * {@code position}; otherwise committed records follow the damage: CORRUPTION.
         */
        private int tornUnlessFollowed(int position, int sequence, String what) {
            for (int next = position + 1; next <= bytes.length - RECORD_HEADER_BYTES; next++) {
                if (validHeader(next) && ByteBuffer.wrap(bytes, next + 4, 4).getInt() > sequence) {
                    throw corrupt(position, sequence, what + ", and a valid record starts at offset[" + (base + next)
                            + "] after it, so it is not a torn last write");
                }
            }
            return -1;
        }

        /** Hands each chunk of the checked record {@code [position, end)} to {@code rows}. */
        void chunks(int position, int end, int sequence, Consumer<ByteBuffer> rows) {
            int at = position + RECORD_HEADER_BYTES;
            while (at < end) {
                int length = end - at < 4 ? -1 : ByteBuffer.wrap(bytes, at, 4).getInt();
                if (length < MIN_ROWS_BYTES || length > end - at - 4) {
                    throw corrupt(position, sequence, "passes its checksums but holds a chunk of impossible length "
                            + length + " at offset[" + (base + at) + "]");
                }
                rows.accept(ByteBuffer.wrap(bytes, at + 4, length).slice());
                at += 4 + length;
            }
        }

        /** The end of the format-1 record at {@code position}, or -1 when it is a torn tail. */
        int legacyRecordEnd(int position, int sequence) {
            int remaining = bytes.length - position;
            if (remaining < LEGACY_RECORD_HEADER_BYTES) {
                return -1;
            }
            ByteBuffer header = ByteBuffer.wrap(bytes, position, LEGACY_RECORD_HEADER_BYTES);
            int length = header.getInt();
            int checksum = header.getInt();
            if (length < 0 || length > MAX_PAYLOAD_BYTES) {
                if (zerosFrom(bytes, position)) {
                    return -1;
                }
                throw corrupt(position, sequence, "has an impossible length " + length);
            }
            if (length > remaining - LEGACY_RECORD_HEADER_BYTES) {
                // The length is not checked in format 1: cut only if no whole record follows.
                for (int next = position + 1; next < bytes.length; next++) {
                    if (validLegacyRecord(next)) {
                        throw corrupt(position, sequence, "has a length " + length
                                + " past the end of the file, and a valid record starts at offset[" + (base + next)
                                + "] after it, so it is not a torn last write");
                    }
                }
                return -1;
            }
            int end = position + LEGACY_RECORD_HEADER_BYTES + length;
            if (legacyChecksum(position, length) != checksum) {
                if (end == bytes.length || zerosFrom(bytes, position)) {
                    return -1;
                }
                throw corrupt(position, sequence, "fails its checksum and is followed by "
                        + (bytes.length - end) + " more bytes, so it is not a torn last write");
            }
            return end;
        }

        private boolean validLegacyRecord(int position) {
            if (bytes.length - position < LEGACY_RECORD_HEADER_BYTES + MIN_ROWS_BYTES) {
                return false;
            }
            ByteBuffer header = ByteBuffer.wrap(bytes, position, LEGACY_RECORD_HEADER_BYTES);
            int length = header.getInt();
            return length >= MIN_ROWS_BYTES && length <= bytes.length - position - LEGACY_RECORD_HEADER_BYTES
                    && legacyChecksum(position, length) == header.getInt();
        }

        /** CRC32C of a format-1 record's length field and its payload. */
        private int legacyChecksum(int position, int length) {
            CRC32C crc = new CRC32C();
            crc.update(bytes, position, 4);
            crc.update(bytes, position + LEGACY_RECORD_HEADER_BYTES, length);
            return (int) crc.getValue();
        }

        private DepotException corrupt(int position, int sequence, String what) {
            return new DepotException(ErrorCode.CORRUPTION, "Write-ahead log[" + file + "] of table[" + tableName
                    + "] is damaged: record " + sequence + " at offset[" + (base + position) + "] " + what
                    + "; the table cannot be read until the file is repaired or restored");
        }
    }

    private static boolean zerosFrom(byte[] bytes, int position) {
        for (int i = position; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int checksum(byte[] bytes, int position, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, position, length);
        return (int) crc.getValue();
    }

    /** The bytes of one format-2 record holding {@code chunks} (DeltaCodec payloads), numbered {@code sequence}. */
    static byte[] record(int sequence, List<byte[]> chunks) {
        long payloadBytes = 0;
        for (byte[] chunk : chunks) {
            payloadBytes += 4 + chunk.length;
        }
        if (payloadBytes > MAX_PAYLOAD_BYTES) {
            throw new DepotException(ErrorCode.INTERNAL, "A write-ahead log record of " + payloadBytes
                    + " bytes is over the limit of " + MAX_PAYLOAD_BYTES);
        }
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + (int) payloadBytes);
        record.position(RECORD_HEADER_BYTES);
        for (byte[] chunk : chunks) {
            record.putInt(chunk.length).put(chunk);
        }
        record.putInt(0, (int) payloadBytes).putInt(4, sequence)
                .putInt(8, checksum(record.array(), RECORD_HEADER_BYTES, (int) payloadBytes));
        record.putInt(12, checksum(record.array(), 0, RECORD_HEADER_BYTES - 4));
        return record.array();
    }

    /**
     * Appends one record holding {@code chunks} after {@code validEnd} (where the last whole
     * record ends, {@link Position#START} for a new file), cutting off a torn tail first, and
     * syncs it. Call only holding the table's lock, with a format-2 log (fold a format-1 one first).
     *
     * @return the new end of the log
     */
    static Position append(Path file, Position validEnd, List<byte[]> chunks) throws IOException {
        if (validEnd.end() >= HEADER_BYTES && validEnd.formatVersion() != FORMAT_VERSION) {
            // Not rewritten in place: a reader that cached its header would misread the new records.
            throw new IllegalStateException("Write-ahead log[" + file + "] has format version "
                    + validEnd.formatVersion() + "; fold it into a fresh log before appending");
        }
        boolean created = !Files.exists(file);
        Position start = validEnd.end() < HEADER_BYTES ? new Position(HEADER_BYTES, 0, FORMAT_VERSION) : validEnd;
        byte[] record = record(start.records(), chunks);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (validEnd.end() < HEADER_BYTES) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(FORMAT_VERSION).flip();
                channel.truncate(0);
                writeFully(channel, header, 0);
            } else if (channel.size() > start.end()) {
                channel.truncate(start.end());
            }
            try {
                writeFully(channel, ByteBuffer.wrap(record), start.end());
                channel.force(false);
            } catch (IOException e) {
                // Leave no record that was not acknowledged; if this fails too, readers see a torn tail.
                try {
                    channel.truncate(start.end());
                } catch (IOException cut) {
                    e.addSuppressed(cut);
                }
                throw e;
            }
        }
        if (created) {
            FileSync.syncDirectory(file.getParent());
        }
        return new Position(start.end() + record.length, start.records() + 1, FORMAT_VERSION);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }
}
