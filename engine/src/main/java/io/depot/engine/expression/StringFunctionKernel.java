package io.depot.engine.expression;

import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One-argument string functions on UTF-8 bytes: UPPER and LOWER (ASCII rows byte by byte, other
 * rows through Java's case mapping with the root locale) and CHAR_LENGTH (code points, counted
 * as bytes that do not continue a character). NULL gives NULL.
 */
final class StringFunctionKernel implements Kernel {
    private final Function function;
    private final Kernel argument;

    StringFunctionKernel(Function function, Kernel argument) {
        this.function = function;
        this.argument = argument;
    }

    @Override
    public io.depot.engine.batch.ColumnData evaluate(EvaluationContext context) {
        StringData strings = (StringData) argument.evaluate(context);
        return switch (function) {
            case CHAR_LENGTH -> length(strings);
            case UPPER, LOWER -> changeCase(strings, function == Function.UPPER);
            default -> throw new IllegalStateException("not a string function: " + function);
        };
    }

    private static LongData length(StringData strings) {
        int size = strings.size();
        long[] result = new long[size];
        byte[] bytes = strings.bytes();
        for (int row = 0; row < size; row++) {
            long characters = 0;
            for (int b = strings.start(row), end = b + strings.length(row); b < end; b++) {
                characters += (bytes[b] & 0xC0) == 0x80 ? 0 : 1;
            }
            result[row] = characters;
        }
        return new LongData(result, strings.nulls(), size);
    }

    private static StringData changeCase(StringData strings, boolean upper) {
        int size = strings.size();
        byte[] bytes = strings.bytes();
        StringData.Builder builder = new StringData.Builder(size, strings.offsets()[size] - strings.offsets()[0]);
        byte[] scratch = new byte[64];
        for (int row = 0; row < size; row++) {
            if (strings.isNull(row)) {
                builder.appendNull();
                continue;
            }
            int start = strings.start(row);
            int length = strings.length(row);
            if (!isAscii(bytes, start, length)) {
                String text = new String(bytes, start, length, StandardCharsets.UTF_8);
                builder.append(upper ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT));
                continue;
            }
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            for (int i = 0; i < length; i++) {
                byte b = bytes[start + i];
                if (upper && b >= 'a' && b <= 'z') {
                    b -= 32;
                } else if (!upper && b >= 'A' && b <= 'Z') {
                    b += 32;
                }
                scratch[i] = b;
            }
            builder.append(scratch, 0, length);
        }
        return builder.build();
    }

    private static boolean isAscii(byte[] bytes, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
