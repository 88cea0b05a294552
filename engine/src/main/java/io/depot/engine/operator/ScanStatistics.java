package io.depot.engine.operator;

/** What a scan did, for EXPLAIN ANALYZE and for tests that check pruning. */
public final class ScanStatistics {
    private int segmentsOpened;
    private long blocksTotal;
    private long blocksSkipped;
    private long blocksRead;
    private long blocksSelectedByIndex;
    private long rowsRead;
    private long deltaRowsRead;
    private int runtimeFilters;
    private long blocksSkippedByRuntimeFilter;
    private long rowsDroppedByRuntimeFilter;
    private long columnsReadAtRows;
    private long rowsReadAtRows;

    void runtimeFiltersAttached(int count) {
        runtimeFilters = count;
    }

    void blockSkippedByRuntimeFilter() {
        blocksSkippedByRuntimeFilter++;
    }

    void rowsDroppedByRuntimeFilter(long rows) {
        rowsDroppedByRuntimeFilter += rows;
    }

    /** How many join runtime filters this scan was given (whether or not they were published). */
    public int runtimeFilters() {
        return runtimeFilters;
    }

    /**
     * Blocks that join runtime filters skipped: by their zone maps, or because no row's key passed
     * (then the other columns were never decoded). Not counted in {@link #blocksSkipped()}.
     */
    public long blocksSkippedByRuntimeFilter() {
        return blocksSkippedByRuntimeFilter;
    }

    /** Rows of blocks read or tested whose key the join runtime filters ruled out. */
    public long rowsDroppedByRuntimeFilter() {
        return rowsDroppedByRuntimeFilter;
    }

    /** A filter column of a block read at the rows still open only, {@code rows} of them. */
    void columnReadAtRows(int rows) {
        columnsReadAtRows++;
        rowsReadAtRows += rows;
    }

    /**
     * Column blocks a filter read only at the rows an earlier condition (or a runtime filter) left
     * open, instead of decoding them whole.
     */
    public long columnsReadAtRows() {
        return columnsReadAtRows;
    }

    /** The rows those column blocks were read at, in total. */
    public long rowsReadAtRows() {
        return rowsReadAtRows;
    }

    void segmentOpened(int blockCount) {
        segmentsOpened++;
        blocksTotal += blockCount;
    }

    void blockSkipped() {
        blocksSkipped++;
    }

    void blockSelectedByIndex() {
        blocksSelectedByIndex++;
    }

    void blockRead(int rows) {
        blocksRead++;
        rowsRead += rows;
    }

    /** Rows read from the snapshot's write-ahead log (they count in {@link #rowsRead()} too). */
    void deltaRowsRead(int rows) {
        deltaRowsRead += rows;
        rowsRead += rows;
    }

    public long deltaRowsRead() {
        return deltaRowsRead;
    }

    public int segmentsOpened() {
        return segmentsOpened;
    }

    /** Blocks in the segments opened so far. */
    public long blocksTotal() {
        return blocksTotal;
    }

    /** Blocks whose zone maps or bitmap indexes proved the filter could not match, or all deleted. */
    public long blocksSkipped() {
        return blocksSkipped;
    }

    /** Blocks whose rows the bitmap indexes selected (read or, when none matched, skipped). */
    public long blocksSelectedByIndex() {
        return blocksSelectedByIndex;
    }

    /** Blocks decoded. */
    public long blocksRead() {
        return blocksRead;
    }

    public long rowsRead() {
        return rowsRead;
    }

    @Override
    public String toString() {
        return "blocks read " + blocksRead + " / " + blocksTotal + " (skipped " + blocksSkipped + ", selected by index "
                + blocksSelectedByIndex + "), rows read " + rowsRead
                + (deltaRowsRead == 0 ? "" : " (" + deltaRowsRead + " from the write-ahead log)")
                + (runtimeFilters == 0 ? "" : ", runtime filters " + runtimeFilters + " (blocks skipped "
                        + blocksSkippedByRuntimeFilter + ", rows dropped " + rowsDroppedByRuntimeFilter + ")")
                + (columnsReadAtRows == 0 ? "" : ", filter columns read at open rows " + columnsReadAtRows + " ("
                        + rowsReadAtRows + " rows)");
    }
}
