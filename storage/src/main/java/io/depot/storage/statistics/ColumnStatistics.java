package io.depot.storage.statistics;

/**
 * What the planner knows about one column of a table without reading it.
 *
 * @param nullCount rows holding NULL
 * @param min smallest non-null value in the Java literal form of {@code ZoneMap}, or null when
 *     the column holds no non-null value
 * @param max largest non-null value, likewise
 * @param distinctCount approximate number of distinct non-null values (HyperLogLog)
 */
public record ColumnStatistics(long nullCount, Object min, Object max, long distinctCount) {}
