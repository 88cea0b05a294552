package io.depot.storage.ingest;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The records of one CSV file, tokenized by FastCSV. Reading errors (bad encoding, broken
 * quoting) become USER errors naming the file and the line.
 */
final class CsvSource implements AutoCloseable {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final CsvOptions options;
    private final CsvReader<CsvLine> reader;
    private final CsvLineHandler handler;
    private final CloseableIterator<CsvLine> lines;
    private long lastLine;

    private CsvSource(Path file, CsvOptions options, CsvReader<CsvLine> reader, CsvLineHandler handler, long linesBefore) {
        this.handler = handler;
        this.file = file;
        this.lastLine = linesBefore;
        this.options = options;
        this.reader = reader;
        this.lines = reader.iterator();
    }

    static CsvSource open(Path file, CsvOptions options) {
        return open(file, options, CsvChunk.WHOLE_FILE);
    }

    /** The records of one chunk of the file, numbered by the file's lines. */
    static CsvSource open(Path file, CsvOptions options, CsvChunk chunk) {
        return open(file, options, chunk, LoadProgress.NONE);
    }

    /** As above, telling {@code progress} the file's bytes as they are read. */
    static CsvSource open(Path file, CsvOptions options, CsvChunk chunk, LoadProgress progress) {
        try {
            InputStream input = InputFiles.openRange(file, chunk.start(), chunk.length(), progress);
            if (chunk.isFileStart() && options.charset().equals(StandardCharsets.UTF_8)) {
                skipByteOrderMark(input);
            }
            // Report undecodable bytes instead of silently replacing them with U+FFFD.
            InputStreamReader text = new InputStreamReader(input, options.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            CsvLineHandler handler = new CsvLineHandler(chunk.firstLine() - 1);
            CsvReader<CsvLine> reader = CsvReader.builder()
                    .fieldSeparator(options.delimiter())
                    .quoteCharacter(options.quote())
                    .skipEmptyLines(true)
                    .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .build(handler, text);
            return new CsvSource(file, options, reader, handler, chunk.firstLine() - 1);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.USER, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void skipByteOrderMark(InputStream input) throws IOException {
        input.mark(UTF8_BOM.length);
        byte[] start = input.readNBytes(UTF8_BOM.length);
        if (start.length < UTF8_BOM.length || start[0] != UTF8_BOM[0] || start[1] != UTF8_BOM[1]
                || start[2] != UTF8_BOM[2]) {
            input.reset();
        }
    }

    /** The file name as messages show it. */
    String name() {
        return file.getFileName().toString();
    }

    /**
     * Fields (by index) whose text the caller no longer needs: from the next record on they come
     * as null (their quoted flag stays). The array is read as it changes.
     */
    void ignoreFields(boolean[] ignored) {
        handler.ignoreFields(ignored);
    }

    /** The next record, or null at the end of the file. */
    CsvLine next() {
        try {
            if (!lines.hasNext()) {
                return null;
            }
            CsvLine line = lines.next();
            lastLine = line.lineNumber();
            return line;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new DepotException(ErrorCode.USER, UndecodableBytes.describe(file, name(), options.charset()), e);
            }
            throw new DepotException(ErrorCode.USER, "Cannot read " + file + ": " + e.getMessage(), e);
        } catch (CsvParseException e) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "%s after line %d: malformed CSV: %s", name(), lastLine, e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
