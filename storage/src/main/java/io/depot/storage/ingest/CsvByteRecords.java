package io.depot.storage.ingest;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The records of one chunk of a UTF-8 CSV file, tokenized on bytes: fields are byte ranges of
 * one buffer, so no String is made for a value that goes straight into a vector. Only for chunks
 * that {@link CsvSplitter} cut, whose quoting it found regular (RFC 4180: a quote opens a field
 * only at its start, {@code ""} inside quotes is a quote, a closing quote ends the field); it then
 * yields what FastCSV yields for the same bytes: the same fields, the same quoted flags, empty
 * lines skipped, lines numbered alike (CR, LF and CRLF each end a line, also inside quotes).
 * Every record's bytes are checked to be UTF-8, as the decoding reader checks them.
 */
final class CsvByteRecords implements AutoCloseable {
    private static final int INITIAL_BUFFER = 1 << 20;
    /** A record must fit one buffer; this keeps it a Java array. */
    private static final int MAX_BUFFER = 1 << 30;
    private static final int NEED_MORE = -1;

    private final Path file;
    private final InputStream input;
    private final byte delimiter;
    private final byte quote;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int position;
    private int limit;
    private boolean endOfInput;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private boolean[] quoted = new boolean[32];
    private boolean[] escaped = new boolean[32];
    private int fieldCount;
    private int linesInRecord;
    /** The line at {@link #position}. */
    private long line;
    private long recordLine;

    private CsvByteRecords(Path file, InputStream input, byte delimiter, byte quote, long firstLine) {
        this.file = file;
        this.input = input;
        this.delimiter = delimiter;
        this.quote = quote;
        this.line = firstLine;
    }

    /** Whether byte tokenizing applies: UTF-8 text with ASCII delimiter and quote. */
    static boolean applies(CsvOptions options) {
        return options.charset().equals(StandardCharsets.UTF_8) && options.delimiter() < 0x80 && options.quote() < 0x80;
    }

    /** The records of a chunk (see {@link #applies}), a UTF-8 byte order mark at the file's start skipped. */
    static CsvByteRecords open(Path file, CsvOptions options, CsvChunk chunk) {
        try {
            InputStream input = InputFiles.openRange(file, chunk.start(), chunk.length(), LoadProgress.NONE);
            CsvByteRecords records = new CsvByteRecords(file, input, (byte) options.delimiter(), (byte) options.quote(),
                    chunk.firstLine());
            if (chunk.isFileStart()) {
                records.skipByteOrderMark();
            }
            return records;
        } catch (IOException e) {
            throw new DepotException(ErrorCode.USER, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Moves to the next record; false at the end of the chunk. */
    boolean next() {
        while (true) {
            int end = tokenize();
            if (end == NEED_MORE) {
                if (endOfInput) {
                    return false;
                }
                fill();
                continue;
            }
            if (fieldCount == 0) { // an empty line
                position = end;
                line += 1;
                continue;
            }
            recordLine = line;
            line += 1 + linesInRecord;
            if (!Utf8.isValid(buffer, position, end)) {
                throw new DepotException(ErrorCode.USER,
                        UndecodableBytes.describe(file, file.getFileName().toString(), StandardCharsets.UTF_8));
            }
            position = end;
            unescapeQuotes();
            return true;
        }
    }

    int fieldCount() {
        return fieldCount;
    }

    /** The bytes the fields are ranges of; valid until the next {@link #next()}. */
    byte[] buffer() {
        return buffer;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    boolean quoted(int field) {
        return quoted[field];
    }

    /** The field's text, for messages and for values the byte path leaves to the String path. */
    String text(int field) {
        return new String(buffer, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
    }

    /** The file's line on which the current record starts. */
    long lineNumber() {
        return recordLine;
    }

    /**
     * Finds the record starting at {@link #position}: its fields, and the position after its line
     * break. {@link #NEED_MORE} when the buffered bytes end inside it and more input may follow.
     * A record with no field is an empty line.
     */
    private int tokenize() {
        byte[] bytes = buffer;
        int p = position;
        fieldCount = 0;
        linesInRecord = 0;
        if (p >= limit) {
            return NEED_MORE;
        }
        if (bytes[p] == '\n') {
            return p + 1;
        }
        if (bytes[p] == '\r') {
            return lineBreakEnd(p);
        }
        while (true) {
            int start;
            int end;
            boolean isQuoted = p < limit && bytes[p] == quote;
            boolean hasEscapes = false;
            if (isQuoted) {
                start = ++p;
                while (true) {
                    if (p >= limit) {
                        if (endOfInput) {
                            throw malformed("a quoted field is not closed");
                        }
                        return NEED_MORE;
                    }
                    byte b = bytes[p];
                    if (b == quote) {
                        if (p + 1 >= limit && !endOfInput) {
                            return NEED_MORE;
                        }
                        if (p + 1 < limit && bytes[p + 1] == quote) {
                            hasEscapes = true;
                            p += 2;
                            continue;
                        }
                        end = p++;
                        break;
                    }
                    if (b == '\n') {
                        linesInRecord++;
                    } else if (b == '\r') {
                        if (p + 1 >= limit && !endOfInput) {
                            return NEED_MORE;
                        }
                        if (p + 1 >= limit || bytes[p + 1] != '\n') {
                            linesInRecord++; // a lone CR; a CRLF counts at its LF
                        }
                    }
                    p++;
                }
                if (p < limit && bytes[p] != delimiter && bytes[p] != '\n' && bytes[p] != '\r') {
                    throw malformed("text follows a closing quote");
                }
            } else {
                start = p;
                while (p < limit) {
                    byte b = bytes[p];
                    if (b == delimiter || b == '\n' || b == '\r') {
                        break;
                    }
                    p++;
                }
                end = p;
            }
            addField(start, end, isQuoted, hasEscapes);
            if (p >= limit) {
                return endOfInput ? p : NEED_MORE;
            }
            byte b = bytes[p];
            if (b == delimiter) {
                p++;
                if (p >= limit && endOfInput) {
                    addField(p, p, false, false); // a trailing delimiter ends with an empty field
                    return p;
                }
                continue;
            }
            return b == '\n' ? p + 1 : lineBreakEnd(p);
        }
    }

    /** The position after the line break starting with the CR at {@code p}: CRLF or a lone CR. */
    private int lineBreakEnd(int p) {
        if (p + 1 >= limit) {
            return endOfInput ? p + 1 : NEED_MORE;
        }
        return buffer[p + 1] == '\n' ? p + 2 : p + 1;
    }

    private void addField(int start, int end, boolean isQuoted, boolean hasEscapes) {
        if (fieldCount == starts.length) {
            int length = fieldCount * 2;
            starts = Arrays.copyOf(starts, length);
            ends = Arrays.copyOf(ends, length);
            quoted = Arrays.copyOf(quoted, length);
            escaped = Arrays.copyOf(escaped, length);
        }
        starts[fieldCount] = start;
        ends[fieldCount] = end;
        quoted[fieldCount] = isQuoted;
        escaped[fieldCount] = hasEscapes;
        fieldCount++;
    }

    /** Turns each {@code ""} of the record's quoted fields into one quote, in place. */
    private void unescapeQuotes() {
        for (int field = 0; field < fieldCount; field++) {
            if (!escaped[field]) {
                continue;
            }
            int write = starts[field];
            for (int read = starts[field]; read < ends[field]; read++) {
                buffer[write++] = buffer[read];
                if (buffer[read] == quote) {
                    read++; // the second quote of the pair
                }
            }
            ends[field] = write;
        }
    }

    /** Keeps the unread bytes at the buffer's start (growing it when one record fills it) and reads more. */
    private void fill() {
        int unread = limit - position;
        if (unread == buffer.length) {
            if (buffer.length >= MAX_BUFFER) {
                throw malformed("a record is longer than " + MAX_BUFFER + " bytes");
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        } else if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, unread);
        }
        position = 0;
        limit = unread;
        try {
            int read = input.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        } catch (IOException e) {
            throw new DepotException(ErrorCode.USER, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void skipByteOrderMark() {
        while (limit < 3 && !endOfInput) {
            fill();
        }
        if (limit >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
            position = 3;
        }
    }

    private DepotException malformed(String problem) {
        return new DepotException(ErrorCode.USER,
                String.format("%s after line %d: malformed CSV: %s", file.getFileName(), line, problem));
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
