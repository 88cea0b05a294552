package io.depot.engine.expression;

import io.depot.engine.batch.StringData;
import java.util.List;

/** {@code a || b || ...} on VARCHARs: NULL when any argument is NULL (the front end wraps CONCAT()'s arguments to skip NULLs). */
final class ConcatKernel implements Kernel {
    private final List<Kernel> arguments;

    ConcatKernel(List<Kernel> arguments) {
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public StringData evaluate(EvaluationContext context) {
        int size = context.size();
        StringData[] parts = new StringData[arguments.size()];
        long bytes = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = (StringData) arguments.get(i).evaluate(context);
            bytes += parts[i].offsets()[size] - parts[i].offsets()[0];
        }
        StringData.Builder builder = new StringData.Builder(size, (int) Math.min(Integer.MAX_VALUE - 16, bytes));
        byte[] row = new byte[64];
        for (int r = 0; r < size; r++) {
            boolean isNull = false;
            int length = 0;
            for (StringData part : parts) {
                if (part.isNull(r)) {
                    isNull = true;
                    break;
                }
                int partLength = part.length(r);
                if (row.length < length + partLength) {
                    row = java.util.Arrays.copyOf(row, Math.max(row.length * 2, length + partLength));
                }
                System.arraycopy(part.bytes(), part.start(r), row, length, partLength);
                length += partLength;
            }
            if (isNull) {
                builder.appendNull();
            } else {
                builder.append(row, 0, length);
            }
        }
        return builder.build();
    }
}
