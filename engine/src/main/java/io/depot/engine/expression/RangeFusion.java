package io.depot.engine.expression;

import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds, among the arguments of an AND, a lower and an upper bound of one column by constants
 * ({@code x >= a} with {@code x < b}, the front end's form of BETWEEN and of date ranges) and
 * compiles each such pair into one {@link RangeKernel} in place of the first of the two, and a
 * bound without a partner into a range open at its other end. Moving
 * the second comparison forward changes no result: AND's value does not depend on its arguments'
 * order, a column compared with a constant never fails, and the comparison only moves past
 * arguments that never fail either (so any other argument sees the same rows as before).
 */
final class RangeFusion {
    private RangeFusion() {}

    /** A comparison of a 64-bit column with a non-NULL constant, as an inclusive bound. */
    private record Bound(int column, ColumnType type, boolean lower, long value, boolean empty) {}

    /** The AND's arguments, compiled, with bound pairs fused. */
    static List<Kernel> fuse(List<Kernel> kernels) {
        int count = kernels.size();
        Bound[] bounds = new Bound[count];
        for (int i = 0; i < count; i++) {
            bounds[i] = bound(kernels.get(i));
        }
        List<Kernel> result = new ArrayList<>(count);
        boolean[] used = new boolean[count];
        for (int i = 0; i < count; i++) {
            if (used[i]) {
                continue;
            }
            Kernel kernel = kernels.get(i);
            Bound first = bounds[i];
            for (int j = i + 1; first != null && j < count && (used[j] || neverFails(kernels.get(j))); j++) {
                Bound second = bounds[j];
                if (!used[j] && second != null && second.column() == first.column() && second.lower() != first.lower()
                        && second.type().equals(first.type())) {
                    Bound lower = first.lower() ? first : second;
                    Bound upper = first.lower() ? second : first;
                    boolean empty = lower.empty() || upper.empty();
                    // an empty range is low 1 > high 0; NULL rows stay NULL either way
                    kernel = new RangeKernel(first.column(), first.type(), empty ? 1 : lower.value(),
                            empty ? 0 : upper.value());
                    used[j] = true;
                    break;
                }
            }
            if (kernel == kernels.get(i) && first != null) {
                // a lone bound: the same test, as a range open at its other end, which filters
                // select rows with directly (RangeKernel#selectTrue)
                kernel = first.empty() ? new RangeKernel(first.column(), first.type(), 1, 0)
                        : first.lower() ? new RangeKernel(first.column(), first.type(), first.value(), Long.MAX_VALUE)
                        : new RangeKernel(first.column(), first.type(), Long.MIN_VALUE, first.value());
            }
            result.add(kernel);
        }
        return result;
    }

    /**
     * Whether a kernel cannot fail on any row: a column compared with a constant or a column. The
     * second bound only moves forward past such kernels, so a kernel that can fail (say {@code 10 /
     * y > 2}) is reached by exactly the rows it was before.
     */
    private static boolean neverFails(Kernel kernel) {
        return kernel instanceof ComparisonKernel comparison && comparison.left() instanceof ColumnKernel
                && (comparison.right() instanceof ColumnKernel || comparison.right() instanceof LiteralKernel);
    }

    /**
     * The bound a compiled comparison of a 64-bit column with a non-NULL constant sets (the
     * compiler has put the column first, and folded constant expressions such as {@code 0.06 -
     * 0.01}), else null.
     */
    private static Bound bound(Kernel kernel) {
        if (!(kernel instanceof ComparisonKernel comparison) || !(comparison.left() instanceof ColumnKernel column)
                || !(comparison.right() instanceof LiteralKernel constant) || constant.isNull()
                || !isLong(column.type()) || !constant.type().equals(column.type())) {
            return null;
        }
        long value = constant.longValue();
        return switch (comparison.function()) {
            case GREATER_THAN_OR_EQUAL -> new Bound(column.index(), column.type(), true, value, false);
            case LESS_THAN_OR_EQUAL -> new Bound(column.index(), column.type(), false, value, false);
            // x > MAX and x < MIN hold for no value
            case GREATER_THAN -> new Bound(column.index(), column.type(), true, value + 1, value == Long.MAX_VALUE);
            case LESS_THAN -> new Bound(column.index(), column.type(), false, value - 1, value == Long.MIN_VALUE);
            default -> null;
        };
    }

    /** Whether the type's values are held in a {@code LongData}. */
    private static boolean isLong(ColumnType type) {
        TypeKind kind = type.kind();
        return kind == TypeKind.INTEGER || kind == TypeKind.BIGINT || kind == TypeKind.DATE || kind == TypeKind.TIMESTAMP
                || (kind == TypeKind.DECIMAL && !type.isWideDecimal());
    }
}
