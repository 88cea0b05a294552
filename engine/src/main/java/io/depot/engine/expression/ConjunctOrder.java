package io.depot.engine.expression;

import io.depot.storage.type.TypeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders an AND's compiled arguments so the cheap tests run first: AND narrows the rows each
 * argument sees to those every earlier one left TRUE or NULL, so a string test written first
 * (TPC-H Q12's {@code l_shipmode IN ('MAIL', 'SHIP')} before its date range) otherwise decodes and
 * compares every row's string, where after the range it sees a seventh of them. Only arguments
 * that never fail move, and only past each other: an argument that can fail (a division, a cast)
 * stays where it was written and sees exactly the rows it did, so no error appears or vanishes.
 */
final class ConjunctOrder {
    private ConjunctOrder() {}

    /** Where a test that never fails sorts: cheaper first; -1 for one that may fail (never moved). */
    private static int cost(Kernel kernel) {
        if (kernel instanceof RangeKernel) {
            return 0;
        }
        if (kernel instanceof ComparisonKernel comparison && comparison.left() instanceof ColumnKernel column) {
            if (comparison.right() instanceof LiteralKernel) {
                return fixedWidth(column) ? 0 : 2;
            }
            if (comparison.right() instanceof ColumnKernel) {
                return fixedWidth(column) ? 1 : 2;
            }
        }
        if (kernel instanceof InKernel in && in.testsColumnAgainstConstants()) {
            return fixedWidth((ColumnKernel) in.value()) ? 1 : 2;
        }
        return -1;
    }

    /**
     * Whether a test cannot fail on any row: a comparison or IN list of a column with constants or
     * columns, or an AND or OR of such tests.
     */
    static boolean neverFails(Kernel kernel) {
        return cost(kernel) >= 0 || kernel instanceof LogicKernel logic
                && logic.arguments().stream().allMatch(ConjunctOrder::neverFails);
    }

    private static boolean fixedWidth(ColumnKernel column) {
        TypeKind kind = column.type().kind();
        return kind != TypeKind.VARCHAR && !column.type().isWideDecimal();
    }

    /** The arguments, each run of tests that never fail sorted by cost (stable: ties keep their order). */
    static List<Kernel> order(List<Kernel> kernels) {
        List<Kernel> ordered = new ArrayList<>(kernels.size());
        List<Kernel> run = new ArrayList<>();
        for (Kernel kernel : kernels) {
            if (cost(kernel) < 0) {
                flush(run, ordered);
                ordered.add(kernel);
            } else {
                run.add(kernel);
            }
        }
        flush(run, ordered);
        return ordered;
    }

    private static void flush(List<Kernel> run, List<Kernel> ordered) {
        run.sort(Comparator.comparingInt(ConjunctOrder::cost));
        ordered.addAll(run);
        run.clear();
    }
}
