package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
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
        boolean[] result = new boolean[size];
        byte[] bytes = strings.bytes();
        if (constantPattern != null) {
            for (int i = 0; i < size; i++) {
                result[i] = constantPattern.matches(bytes, strings.start(i), strings.start(i) + strings.length(i));
            }
            return new BooleanData(result, strings.nulls(), size);
        }
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
}
