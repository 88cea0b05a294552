package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.StringData;
import java.util.Objects;

/**
 * LIKE (string, pattern[, escape]). A literal pattern is compiled once with the kernel; a
 * computed one is compiled per row, reusing the previous compilation while the pattern repeats.
 */
final class LikeKernel implements Kernel {
    private final Kernel string;
    private final Kernel pattern;
    private final Kernel escape;
    private final LikePattern constantPattern;

    /**
     * @param escape null when there is no ESCAPE clause
     * @param constantPattern the compiled pattern when pattern and escape are constants, else null
     */
    LikeKernel(Kernel string, Kernel pattern, Kernel escape, LikePattern constantPattern) {
        this.string = string;
        this.pattern = pattern;
        this.escape = escape;
        this.constantPattern = constantPattern;
    }

    @Override
    public BooleanData evaluate(EvaluationContext context) {
        StringData strings = (StringData) string.evaluate(context);
        int size = context.size();
        if (constantPattern != null) {
            return matchConstantPattern(strings, null, size);
        }
        boolean[] result = new boolean[size];
        byte[] bytes = strings.bytes();
        StringData patterns = (StringData) pattern.evaluate(context);
        StringData escapes = escape == null ? null : (StringData) escape.evaluate(context);
        boolean[] nulls = Nulls.union(strings.nulls(), patterns.nulls(), size);
        if (escapes != null) {
            nulls = Nulls.union(nulls, escapes.nulls(), size);
        }
        String lastPattern = null;
        String lastEscape = null;
        LikePattern compiled = null;
        for (int i = 0; i < size; i++) {
            if (Nulls.isNull(nulls, i)) {
                continue;
            }
            String patternText = patterns.string(i);
            String escapeText = escapes == null ? null : escapes.string(i);
            if (compiled == null || !patternText.equals(lastPattern) || !Objects.equals(escapeText, lastEscape)) {
                compiled = LikePattern.compile(patternText, escapeText);
                lastPattern = patternText;
                lastEscape = escapeText;
            }
            result[i] = compiled.matches(bytes, strings.start(i), strings.start(i) + strings.length(i));
        }
        return new BooleanData(result, nulls, size);
    }

    /** A column against a constant pattern is matched at the rows where it is, without a gathered copy. */
    @Override
    public BooleanData evaluateAt(EvaluationContext context, int[] rows, int count) {
        if (constantPattern != null && string instanceof ColumnKernel column && count < context.size()
                && !context.loadsRows(column.index(), count)) {
            return matchConstantPattern((StringData) string.evaluate(context), rows, count);
        }
        return (BooleanData) Kernel.super.evaluateAt(context, rows, count);
    }

    /** The constant pattern at rows {@code rows[0..count)} of the strings, or at {@code 0..count)} when rows is null. */
    private BooleanData matchConstantPattern(StringData strings, int[] rows, int count) {
        boolean[] result = new boolean[count];
        byte[] bytes = strings.bytes();
        int[] offsets = strings.offsets();
        for (int j = 0; j < count; j++) {
            int row = rows == null ? j : rows[j];
            result[j] = constantPattern.matches(bytes, offsets[row], offsets[row + 1]);
        }
        return new BooleanData(result, rows == null ? strings.nulls() : ColumnData.gatherNulls(strings.nulls(), rows, count),
                count);
    }
}
