package io.depot.engine.join;

/**
 * Per row of one join input whether it found a match, for the joins that emit the rows that did
 * not (outer joins) or only those that did (SEMI, ANTI).
 */
public final class MatchFlags {
    private final boolean[] matched;
    private int nextUnmatchedCandidate;

    public MatchFlags(int rowCount) {
        this.matched = new boolean[rowCount];
    }

    /** Records that rows {@code rows[0..count)} found a match. */
    public void mark(int[] rows, int count) {
        for (int i = 0; i < count; i++) {
            matched[rows[i]] = true;
        }
    }

    /**
     * Writes the next rows that found no match into {@code rows}, at most {@code capacity},
     * continuing where the previous call stopped; call only once every match is known.
     *
     * @return how many rows were written
     */
    public int nextUnmatched(int[] rows, int capacity) {
        return nextWhere(false, rows, capacity);
    }

    /**
     * Writes the next rows whose flag is {@code wanted} into {@code rows}, at most
     * {@code capacity}, continuing where the previous call (of this or {@link #nextUnmatched})
     * stopped; call only once every match is known.
     *
     * @return how many rows were written
     */
    public int nextWhere(boolean wanted, int[] rows, int capacity) {
        int count = 0;
        int row = nextUnmatchedCandidate;
        while (row < matched.length && count < capacity) {
            rows[count] = row;
            count += matched[row] == wanted ? 1 : 0;
            row++;
        }
        nextUnmatchedCandidate = row;
        return count;
    }

    /** Whether {@link #nextUnmatched} or {@link #nextWhere} may still write rows. */
    public boolean hasMoreUnmatched() {
        return nextUnmatchedCandidate < matched.length;
    }

    /**
     * Writes every row whose flag is {@code wanted} into {@code rows}, ascending.
     *
     * @return how many rows were written
     */
    public int rowsWhere(boolean wanted, int[] rows) {
        int count = 0;
        for (int row = 0; row < matched.length; row++) {
            rows[count] = row;
            count += matched[row] == wanted ? 1 : 0;
        }
        return count;
    }
}
