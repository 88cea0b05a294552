package io.depot.storage.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Flags a load whose row count departs from the table's recent loads: more than a fraction
 * (e.g. ±50%) away from the median row count of the last {@value #RECENT_LOADS} successful loads
 * of the same table. A table without earlier successful loads is never flagged.
 */
final class RowCountCheck {
    static final int RECENT_LOADS = 5;

    private RowCountCheck() {}

    /** The finding, as a sentence, or empty when the count is within the threshold. */
    static Optional<String> check(List<LoadRecord> history, String table, long rows, double maxChange) {
        List<Long> recent = new ArrayList<>(RECENT_LOADS);
        for (int i = history.size() - 1; i >= 0 && recent.size() < RECENT_LOADS; i--) {
            LoadRecord record = history.get(i);
            if (record.succeeded() && record.tableName().equalsIgnoreCase(table)) {
                recent.add(record.rowsLoaded());
            }
        }
        if (recent.isEmpty()) {
            return Optional.empty();
        }
        double median = median(recent);
        double change = median == 0 ? (rows == 0 ? 0 : Double.POSITIVE_INFINITY) : (rows - median) / median;
        if (Math.abs(change) <= maxChange) {
            return Optional.empty();
        }
        String changeText = Double.isInfinite(change) ? "from 0" : String.format(Locale.ROOT, "%+.0f%%", change * 100);
        return Optional.of(String.format(Locale.ROOT,
                "Row count anomaly: %,d rows is %s against the median of %s rows of the last %d successful loads of "
                        + "table[%s] (threshold ±%.0f%%)",
                rows, changeText, formatMedian(median), recent.size(), table, maxChange * 100));
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    private static String formatMedian(double median) {
        return median == Math.rint(median) ? String.format(Locale.ROOT, "%,d", (long) median)
                : String.format(Locale.ROOT, "%,.1f", median);
    }
}
