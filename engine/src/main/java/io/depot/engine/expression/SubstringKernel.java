package io.depot.engine.expression;

import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;

/**
 * SUBSTRING(string FROM start [FOR length]) on UTF-8 bytes: positions count characters (code
 * points), found by skipping continuation bytes, so no row is decoded to a Java string.
 */
final class SubstringKernel implements Kernel {
    private final Kernel string;
    private final Kernel start;
    private final Kernel length;

    /** @param length null for SUBSTRING without FOR */
    SubstringKernel(Kernel string, Kernel start, Kernel length) {
        this.string = string;
        this.start = start;
        this.length = length;
    }

    @Override
    public StringData evaluate(EvaluationContext context) {
        StringData strings = (StringData) string.evaluate(context);
        LongData starts = (LongData) start.evaluate(context);
        LongData lengths = length == null ? null : (LongData) length.evaluate(context);
        int size = strings.size();
        boolean[] nulls = new boolean[size];
        int[] offsets = new int[size + 1];
        byte[] source = strings.bytes();
        // A substring is never longer than its string, so the input's byte count bounds the output.
        byte[] bytes = new byte[strings.offsets()[size] - strings.offsets()[0]];
        int written = 0;
        for (int row = 0; row < size; row++) {
            offsets[row] = written;
            if (strings.isNull(row) || starts.isNull(row) || (lengths != null && lengths.isNull(row))) {
                nulls[row] = true;
                continue;
            }
            long first = starts.values()[row];
            long end = Long.MAX_VALUE;
            if (lengths != null) {
                long count = lengths.values()[row];
                if (count < 0) {
                    throw new DepotException(ErrorCode.USER, "SUBSTRING length must not be negative: " + count);
                }
                end = first + count > first ? first + count : Long.MAX_VALUE;
            }
            int from = strings.start(row);
            int to = from + strings.length(row);
            int startByte = skipCharacters(source, from, to, Math.max(first, 1) - 1);
            int endByte = end <= 1 ? startByte : skipCharacters(source, startByte, to, end - Math.max(first, 1));
            int count = Math.max(0, endByte - startByte);
            System.arraycopy(source, startByte, bytes, written, count);
            written += count;
        }
        offsets[size] = written;
        return new StringData(offsets, bytes, nulls, size);
    }

    /** The byte index {@code characters} code points after {@code from}, at most {@code to}. */
    private static int skipCharacters(byte[] bytes, int from, int to, long characters) {
        int position = from;
        for (long skipped = 0; skipped < characters && position < to; skipped++) {
            position++;
            while (position < to && (bytes[position] & 0xC0) == 0x80) {
                position++;
            }
        }
        return position;
    }
}
