package io.depot.engine.sort;

/** Orders two rows of the same data by their indexes. */
@FunctionalInterface
public interface RowComparator {
    /** Negative, zero or positive as row {@code left} sorts before, with, or after row {@code right}. */
    int compare(int left, int right);
}
