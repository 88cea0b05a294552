package io.depot.engine.join;

/**
 * Walks the pairs of one probe batch's rows and the build rows in their hash chains, in probe
 * row order, a bounded number at a time, so a probe row with a long chain (duplicates, a cross
 * join) never needs all of its pairs at once.
 */
public final class CandidatePairs {
    private final int[] heads;
    private final int[] links;
    private int probeRow;
    private int buildRow;

    /**
     * @param heads per probe row the first build row of its chain, or -1
     * @param links per build row the next build row of its chain, or -1
     */
    public CandidatePairs(int[] heads, int[] links) {
        this.heads = heads;
        this.links = links;
        this.probeRow = 0;
        this.buildRow = heads.length == 0 ? -1 : heads[0];
        skipRowsWithoutCandidates();
    }

    /** Whether every pair has been handed out. */
    public boolean isExhausted() {
        return probeRow >= heads.length;
    }

    /**
     * Writes the next pairs, at most {@code capacity}, into {@code probeRows} and
     * {@code buildRows}.
     *
     * @return how many pairs were written
     */
    public int next(int[] probeRows, int[] buildRows, int capacity) {
        int count = 0;
        while (count < capacity && probeRow < heads.length) {
            probeRows[count] = probeRow;
            buildRows[count] = buildRow;
            count++;
            buildRow = links[buildRow];
            skipRowsWithoutCandidates();
        }
        return count;
    }

    private void skipRowsWithoutCandidates() {
        while (buildRow < 0 && probeRow < heads.length) {
            probeRow++;
            if (probeRow < heads.length) {
                buildRow = heads[probeRow];
            }
        }
    }
}
