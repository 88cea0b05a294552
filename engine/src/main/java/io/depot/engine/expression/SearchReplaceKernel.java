package io.depot.engine.expression;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;

/**
 * POSITION(needle IN haystack) (1-based character position of the first match, 0 when absent,
 * 1 for an empty needle) and REPLACE(string, from, to) (every non-overlapping match, left to
 * right; an empty {@code from} changes nothing). Byte-wise matching is exact for UTF-8.
 */
final class SearchReplaceKernel implements Kernel {
    private final Function function;
    private final Kernel first;
    private final Kernel second;
    private final Kernel third;

    /** POSITION(needle, haystack) or REPLACE(string, from, to). */
    SearchReplaceKernel(Function function, Kernel first, Kernel second, Kernel third) {
        this.function = function;
        this.first = first;
        this.second = second;
        this.third = third;
    }

    @Override
    public ColumnData evaluate(EvaluationContext context) {
        StringData firstData = (StringData) first.evaluate(context);
        StringData secondData = (StringData) second.evaluate(context);
        if (function == Function.POSITION) {
            return position(firstData, secondData);
        }
        return replace(firstData, secondData, (StringData) third.evaluate(context));
    }

    private static LongData position(StringData needles, StringData haystacks) {
        int size = needles.size();
        long[] result = new long[size];
        boolean[] nulls = Nulls.union(needles.nulls(), haystacks.nulls(), size);
        for (int row = 0; row < size; row++) {
            if (Nulls.isNull(nulls, row)) {
                continue;
            }
            int match = indexOf(haystacks.bytes(), haystacks.start(row), haystacks.start(row) + haystacks.length(row),
                    needles.bytes(), needles.start(row), needles.length(row));
            if (match < 0) {
                result[row] = 0;
            } else {
                long characters = 1;
                for (int b = haystacks.start(row); b < match; b++) {
                    characters += (haystacks.bytes()[b] & 0xC0) == 0x80 ? 0 : 1;
                }
                result[row] = characters;
            }
        }
        return new LongData(result, nulls, size);
    }

    private static StringData replace(StringData strings, StringData from, StringData to) {
        int size = strings.size();
        StringData.Builder builder = new StringData.Builder(size, strings.offsets()[size] - strings.offsets()[0]);
        byte[] out = new byte[64];
        for (int row = 0; row < size; row++) {
            if (strings.isNull(row) || from.isNull(row) || to.isNull(row)) {
                builder.appendNull();
                continue;
            }
            byte[] bytes = strings.bytes();
            int position = strings.start(row);
            int end = position + strings.length(row);
            int patternLength = from.length(row);
            if (patternLength == 0) {
                builder.append(bytes, position, end - position);
                continue;
            }
            int length = 0;
            while (true) {
                int match = indexOf(bytes, position, end, from.bytes(), from.start(row), patternLength);
                int copyEnd = match < 0 ? end : match;
                out = ensure(out, length + (copyEnd - position) + to.length(row));
                System.arraycopy(bytes, position, out, length, copyEnd - position);
                length += copyEnd - position;
                if (match < 0) {
                    break;
                }
                System.arraycopy(to.bytes(), to.start(row), out, length, to.length(row));
                length += to.length(row);
                position = match + patternLength;
            }
            builder.append(out, 0, length);
        }
        return builder.build();
    }

    private static byte[] ensure(byte[] buffer, int needed) {
        return buffer.length >= needed ? buffer : java.util.Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }

    /** The first byte index in [from, to) where the pattern starts, or -1. */
    private static int indexOf(byte[] bytes, int from, int to, byte[] pattern, int patternStart, int patternLength) {
        outer:
        for (int i = from; i + patternLength <= to; i++) {
            for (int j = 0; j < patternLength; j++) {
                if (bytes[i + j] != pattern[patternStart + j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
