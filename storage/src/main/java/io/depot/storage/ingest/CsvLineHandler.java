package io.depot.storage.ingest;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.Arrays;

/** Builds {@link CsvLine}s from FastCSV's callbacks, keeping the quoted flag it reports. */
final class CsvLineHandler extends AbstractBaseCsvCallbackHandler<CsvLine> {
    private String[] fields = new String[32];
    private boolean[] quoted = new boolean[32];
    private final long lineOffset;
    private boolean[] ignoredFields = new boolean[0];
    private int count;

    /** Numbers lines from the file's start. */
    CsvLineHandler() {
        this(0);
    }

    /** @param lineOffset added to every line number: the lines before the chunk being read */
    CsvLineHandler(long lineOffset) {
        this.lineOffset = lineOffset;
    }

    /** Fields (by index) whose text nobody reads: they come as null, saving a String each. */
    void ignoreFields(boolean[] ignored) {
        this.ignoredFields = ignored;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        count = 0;
    }

    @Override
    protected void handleField(int fieldIndex, char[] buffer, int offset, int length, boolean isQuoted) {
        if (count == fields.length) {
            fields = Arrays.copyOf(fields, count * 2);
            quoted = Arrays.copyOf(quoted, count * 2);
        }
        fields[count] = count < ignoredFields.length && ignoredFields[count] ? null : new String(buffer, offset, length);
        quoted[count] = isQuoted;
        count++;
    }

    @Override
    protected CsvLine buildRecord() {
        return new CsvLine(getStartingLineNumber() + lineOffset, Arrays.copyOf(fields, count), Arrays.copyOf(quoted, count));
    }
}
