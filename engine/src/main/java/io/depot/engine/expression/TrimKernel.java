package io.depot.engine.expression;

import io.depot.engine.batch.StringData;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;

/**
 * TRIM, LTRIM and RTRIM of a constant set of ASCII characters (a space by default). Bytes of a
 * multi-byte UTF-8 character are never ASCII, so trimming bytes never splits a character; the
 * result is a view of the input's bytes range per row, copied once.
 */
final class TrimKernel implements Kernel {
    private final Kernel argument;
    private final boolean leading;
    private final boolean trailing;
    private final boolean[] trimmed = new boolean[128];

    TrimKernel(Kernel argument, boolean leading, boolean trailing, String characters) {
        this.argument = argument;
        this.leading = leading;
        this.trailing = trailing;
        for (int i = 0; i < characters.length(); i++) {
            char c = characters.charAt(i);
            if (c >= 128) {
                throw new DepotException(ErrorCode.USER, "TRIM of non-ASCII characters is not supported yet");
            }
            trimmed[c] = true;
        }
    }

    @Override
    public StringData evaluate(EvaluationContext context) {
        StringData strings = (StringData) argument.evaluate(context);
        int size = strings.size();
        byte[] bytes = strings.bytes();
        StringData.Builder builder = new StringData.Builder(size, strings.offsets()[size] - strings.offsets()[0]);
        for (int row = 0; row < size; row++) {
            if (strings.isNull(row)) {
                builder.appendNull();
                continue;
            }
            int start = strings.start(row);
            int end = start + strings.length(row);
            while (leading && start < end && isTrimmed(bytes[start])) {
                start++;
            }
            while (trailing && end > start && isTrimmed(bytes[end - 1])) {
                end--;
            }
            builder.append(bytes, start, end - start);
        }
        return builder.build();
    }

    private boolean isTrimmed(byte b) {
        return b >= 0 && trimmed[b];
    }
}
