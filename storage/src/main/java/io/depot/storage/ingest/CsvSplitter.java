package io.depot.storage.ingest;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a CSV file into chunks of about {@code chunkBytes} that start at record boundaries, so
 * they can be parsed in parallel with exact line numbers.
 *
 * <p>One byte scan follows RFC 4180 quoting: a quote opens a field only at the field's start, and
 * inside quotes a line break belongs to the field. It looks at eight bytes at a time and only
 * stops at quotes and line breaks. A boundary is a line feed outside quotes. When
 * the file's quoting is anything but regular (a quote inside an unquoted field, text after a
 * closing quote, an unclosed quote), the scan cannot be sure where the tokenizer's records end,
 * so the file stays one chunk and is read sequentially: the result, and every error message, is
 * then exactly what a sequential read gives. Gzip files and charsets whose multi-byte characters
 * may contain ASCII bytes are one chunk too.
 */
final class CsvSplitter {
    /** Charsets in which a byte below 0x80 is always that ASCII character, never part of another. */
    private static final Set<Charset> ASCII_SAFE = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
            StandardCharsets.ISO_8859_1, Charset.forName("EUC-KR"));
    private static final int SCAN_BUFFER = 1 << 20;

    private static final int OUTSIDE = 0;
    private static final int QUOTED = 1;
    private static final int QUOTE_IN_QUOTED = 2;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LINE_FEEDS = broadcast((byte) '\n');
    private static final long CARRIAGE_RETURNS = broadcast((byte) '\r');

    private CsvSplitter() {}

    static List<CsvChunk> split(Path file, CsvOptions options, long chunkBytes) {
        if (!splittable(file, options)) {
            return List.of(CsvChunk.WHOLE_FILE);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= chunkBytes) {
                return List.of(CsvChunk.WHOLE_FILE);
            }
            return scan(channel, size, (byte) options.delimiter(), (byte) options.quote(), chunkBytes);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.USER, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean splittable(Path file, CsvOptions options) {
        return !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                && ASCII_SAFE.contains(options.charset())
                && options.delimiter() < 0x80 && options.quote() < 0x80;
    }

    private static List<CsvChunk> scan(FileChannel channel, long size, byte delimiter, byte quote, long chunkBytes)
            throws IOException {
        List<CsvChunk> chunks = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(SCAN_BUFFER);
        byte[] bytes = buffer.array();
        long quotes = broadcast(quote);
        int state = OUTSIDE;
        long lines = 0; // line breaks seen so far
        boolean afterCarriageReturn = false;
        byte previous = '\n'; // the file's start counts as a line start
        long chunkStart = 0;
        long chunkFirstLine = 1;
        long position = 0;
        while (position < size) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            int i = 0;
            while (i < read) {
                // Fast path: eight bytes with no quote and no line break change nothing.
                if (i + Long.BYTES <= read && state != QUOTE_IN_QUOTED && !afterCarriageReturn) {
                    long word = (long) LONGS.get(bytes, i);
                    if ((hasByte(word, quotes) | hasByte(word, CARRIAGE_RETURNS)) == 0) {
                        long lineFeeds = hasByte(word, LINE_FEEDS);
                        if (lineFeeds == 0) {
                            i += Long.BYTES;
                            previous = bytes[i - 1];
                            continue;
                        }
                        // Line feeds outside quotes, none of which can end a chunk: count them all.
                        if (state == OUTSIDE && position + i + Long.BYTES - chunkStart < chunkBytes) {
                            lines += Long.bitCount(bytesEqual(word, LINE_FEEDS));
                            i += Long.BYTES;
                            previous = bytes[i - 1];
                            continue;
                        }
                    }
                }
                byte b = bytes[i];
                if (afterCarriageReturn && b != '\n') {
                    lines++; // a lone CR ended a line
                }
                afterCarriageReturn = b == '\r';
                if (b == '\n') {
                    lines++;
                }
                if (state == OUTSIDE) {
                    if (b == quote) {
                        if (previous != delimiter && previous != '\n' && previous != '\r') {
                            return List.of(CsvChunk.WHOLE_FILE); // a quote inside an unquoted field
                        }
                        state = QUOTED;
                    }
                } else if (state == QUOTED) {
                    if (b == quote) {
                        state = QUOTE_IN_QUOTED;
                    }
                } else if (b == quote) { // QUOTE_IN_QUOTED: an escaped quote, or the field's end
                    state = QUOTED;
                } else if (b == delimiter || b == '\n' || b == '\r') {
                    state = OUTSIDE;
                } else {
                    return List.of(CsvChunk.WHOLE_FILE); // text after a closing quote
                }
                previous = b;
                i++;
                long next = position + i;
                if (b == '\n' && state == OUTSIDE && next - chunkStart >= chunkBytes && next < size) {
                    chunks.add(new CsvChunk(chunkStart, next, chunkFirstLine));
                    chunkStart = next;
                    chunkFirstLine = lines + 1;
                }
            }
            position += read;
        }
        if (state == QUOTED || chunks.isEmpty()) {
            return List.of(CsvChunk.WHOLE_FILE);
        }
        chunks.add(new CsvChunk(chunkStart, size, chunkFirstLine));
        return chunks;
    }

    private static long broadcast(byte b) {
        return (b & 0xFFL) * 0x0101010101010101L;
    }

    /** The high bit of each byte of {@code word} that equals the byte repeated in {@code pattern}, exactly. */
    private static long bytesEqual(long word, long pattern) {
        long x = word ^ pattern;
        return ~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x) & 0x8080808080808080L;
    }

    /** Non-zero when some byte of {@code word} equals the byte repeated in {@code pattern}. */
    private static long hasByte(long word, long pattern) {
        long x = word ^ pattern;
        return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
    }
}
