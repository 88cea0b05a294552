package io.depot.engine.plan;

/** Sort by input column {@code column}; NULLs placed first or last as told. */
public record SortKey(int column, boolean descending, boolean nullsFirst) {
    public static SortKey ascending(int column) {
        return new SortKey(column, false, false);
    }

    public static SortKey descending(int column) {
        return new SortKey(column, true, true);
    }
}
