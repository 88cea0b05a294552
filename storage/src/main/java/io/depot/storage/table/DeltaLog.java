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
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A table's write-ahead log file ({@code wal-<version>.dwal}, docs/storage-format.md): an 8-byte
 * header, then records of {@code int length, int CRC32C (of the length's 4 bytes and the payload),
 * payload}. Appended by one writer at a time (under the table lock) and synced once per record.
 *
 * <p>A crash can leave the last record torn: it runs past the end of the file, or it fails its
 * checksum and only zero bytes follow it. Such a tail is ignored by readers and cut off by the next
 * append. A record that fails its checksum with other data after it is corruption, reported with
 * the file and offset.
 */
final class DeltaLog {
    static final int HEADER_BYTES = 8;
    static final int RECORD_HEADER_BYTES = 8;
    /** Larger records are refused when writing and treated as damage when reading. */
    static final int MAX_PAYLOAD_BYTES = 1 << 28;
    private static final byte[] MAGIC = "DWAL".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;

    private DeltaLog() {}

    /**
     * Reads the records of {@code file} from byte {@code from} (0: the start, header included) up
     * to {@code size}, handing each payload to {@code records}, and returns where the last whole
     * record ends (0 when not even the header is whole).
     */
    static long read(Path file, long from, long size, Consumer<ByteBuffer> records) throws IOException {
        if (size < HEADER_BYTES) {
            return 0;
        }
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = from;
            bytes = new byte[Math.toIntExact(size - start)];
            ByteBuffer target = ByteBuffer.wrap(bytes);
            while (target.hasRemaining()) {
                if (channel.read(target, start + target.position()) < 0) {
                    // Shorter than a moment ago: replaced or cut by a writer repairing a torn tail.
                    return readShorter(file, from, records);
                }
            }
            int position = 0;
            if (from == 0) {
                checkHeader(file, bytes);
                position = HEADER_BYTES;
            }
            while (position < bytes.length) {
                int end = recordEnd(file, bytes, position, start);
                if (end < 0) {
                    break;
                }
                records.accept(ByteBuffer.wrap(bytes, position + RECORD_HEADER_BYTES,
                        end - position - RECORD_HEADER_BYTES).slice());
                position = end;
            }
            return start + position;
        }
    }

    private static long readShorter(Path file, long from, Consumer<ByteBuffer> records) throws IOException {
        return read(file, from, Files.size(file), records);
    }

    private static void checkHeader(Path file, byte[] bytes) {
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_BYTES);
        byte[] magic = new byte[MAGIC.length];
        header.get(magic);
        int version = header.getInt();
        if (!java.util.Arrays.equals(magic, MAGIC) || version != FORMAT_VERSION) {
            throw new DepotException(ErrorCode.CORRUPTION, "Write-ahead log[" + file
                    + "] does not start with a DWAL header of format version " + FORMAT_VERSION);
        }
    }

    /**
     * The end of the record at {@code position} of {@code bytes}, or -1 when it is a torn tail.
     *
     * @param base the file offset of {@code bytes[0]}, for messages
     */
    private static int recordEnd(Path file, byte[] bytes, int position, long base) {
        int remaining = bytes.length - position;
        if (remaining < RECORD_HEADER_BYTES) {
            return -1;
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, position, RECORD_HEADER_BYTES);
        int length = header.getInt();
        int checksum = header.getInt();
        if (length < 0 || length > MAX_PAYLOAD_BYTES) {
            if (zerosFrom(bytes, position)) {
                return -1;
            }
            throw corrupt(file, base + position, "has an impossible length " + length);
        }
        if (length > remaining - RECORD_HEADER_BYTES) {
            return -1;
        }
        int end = position + RECORD_HEADER_BYTES + length;
        if (checksum(bytes, position, length) != checksum) {
            if (end == bytes.length || zerosFrom(bytes, position)) {
                return -1;
            }
            throw corrupt(file, base + position, "fails its checksum and is followed by "
                    + (bytes.length - end) + " more bytes, so it is not a torn last write");
        }
        return end;
    }

    private static DepotException corrupt(Path file, long offset, String what) {
        return new DepotException(ErrorCode.CORRUPTION, "Write-ahead log[" + file + "] record at offset[" + offset
                + "] " + what);
    }

    private static boolean zerosFrom(byte[] bytes, int position) {
        for (int i = position; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** CRC32C of the record's length field and its payload. */
    private static int checksum(byte[] bytes, int position, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, position, 4);
        crc.update(bytes, position + RECORD_HEADER_BYTES, length);
        return (int) crc.getValue();
    }

    /**
     * Appends one record after byte {@code validEnd} (where the last whole record ends, 0 for a
     * new file), cutting off a torn tail first, and syncs it. Call only holding the table's lock.
     *
     * @return the new end of the log
     */
    static long append(Path file, long validEnd, byte[] payload) throws IOException {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new DepotException(ErrorCode.INTERNAL, "A write-ahead log record of " + payload.length
                    + " bytes is over the limit of " + MAX_PAYLOAD_BYTES);
        }
        boolean created = !Files.exists(file);
        long end;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long start = validEnd;
            if (start < HEADER_BYTES) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(FORMAT_VERSION).flip();
                channel.truncate(0);
                writeFully(channel, header, 0);
                start = HEADER_BYTES;
            } else if (channel.size() > start) {
                channel.truncate(start);
            }
            ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + payload.length);
            record.putInt(payload.length).putInt(0).put(payload);
            record.putInt(4, checksum(record.array(), 0, payload.length));
            record.flip();
            try {
                writeFully(channel, record, start);
                channel.force(false);
            } catch (IOException e) {
                // Leave no record that was not acknowledged; if this fails too, readers see a torn tail.
                try {
                    channel.truncate(start);
                } catch (IOException cut) {
                    e.addSuppressed(cut);
                }
                throw e;
            }
            end = start + record.capacity();
        }
        if (created) {
            FileSync.syncDirectory(file.getParent());
        }
        return end;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }
}
