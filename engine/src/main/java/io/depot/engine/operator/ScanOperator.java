package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchDictionaries;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ColumnReader;
import io.depot.engine.batch.ColumnWriter;
import io.depot.engine.batch.LongData;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.plan.ScanNode;
import io.depot.engine.scan.IndexFilter;
import io.depot.engine.scan.ZoneMapPruner;
import io.depot.storage.segment.BlockDictionary;
import io.depot.storage.segment.RowPredicate;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.table.Snapshot;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;
import org.roaringbitmap.RoaringBitmap;

/**
 * Reads a pinned snapshot segment by segment, block by block: skips blocks whose zone maps prove
 * the filter cannot match; answers the indexable part of the filter from the block's bitmap
 * indexes when it has them (skipping the block when no row is selected); leaves out deleted rows;
 * decodes the columns what is left of the filter reads, tests the rows, and decodes the other
 * projected columns only for the rows that passed (row by row when few did). One batch per block. After the segments come the
 * snapshot's write-ahead log rows (small inserts not yet folded into a segment), in batches of up
 * to {@link #DELTA_BATCH_ROWS} with the whole filter applied: they have no zone maps or indexes.
 *
 * <p>Runtime filters that hash joins above publish (see {@link RuntimeFilterSlot}) skip blocks
 * whose zone map on the join key lies outside the build's keys, and drop rows whose key no build
 * row has: the key column is decoded first, and the other columns only for the rows left.
 */
public final class ScanOperator implements Operator {
    private final Snapshot snapshot;
    private final List<Column> columns;
    private final int[] tableColumns;
    /**
     * The system property giving {@link #sparseDivisor}: a block whose selection (from bitmap
     * indexes, deletions, runtime filters or the filter) keeps at most 1/divisor of its rows has its
     * projected columns read at those rows only ({@link SegmentReader#readRows}) rather than
     * decoded whole and selected.
     */
    public static final String SPARSE_DIVISOR_PROPERTY = "depot.scan.sparseDivisor";
    private static final int DEFAULT_SPARSE_DIVISOR = 8;
    /**
     * The system property giving the divisor {@link #rowReadDivisor}: a filter column whose block
     * an earlier condition narrowed to at most 1/divisor of its rows is read at those rows only;
     * 0 turns that off (every filter column decoded whole), for comparisons.
     */
    public static final String ROW_READ_DIVISOR_PROPERTY = "depot.scan.rowReadDivisor";
    /** Reading a bit-packed column at 1/4 of a block's rows costs about half of decoding it whole (ARCHITECTURE.md). */
    private static final int DEFAULT_ROW_READ_DIVISOR = 4;
    /** Delta rows per batch, as many as a segment block. */
    public static final int DELTA_BATCH_ROWS = 65_536;
    private final BatchFilter filter;
    private final ZoneMapPruner pruner;
    private final RowPredicate indexed;
    private final BatchFilter residual;
    private final BufferAllocator allocator;
    private final ScanStatistics statistics = new ScanStatistics();
    /** Where a worker's scan takes its blocks from; null when this scan reads every block itself. */
    private final ScanMorsels morsels;
    /** The runtime filters on this scan's columns, in the order the joins above were planned. */
    private final List<RuntimeFilterCheck> runtimeFilters;
    /** See {@link #ROW_READ_DIVISOR_PROPERTY}; read once per scan. */
    private final int rowReadDivisor = Integer.getInteger(ROW_READ_DIVISOR_PROPERTY, DEFAULT_ROW_READ_DIVISOR);
    /** See {@link #SPARSE_DIVISOR_PROPERTY}; read once per scan. */
    private final int sparseDivisor = Math.max(1, Integer.getInteger(SPARSE_DIVISOR_PROPERTY, DEFAULT_SPARSE_DIVISOR));
    /**
     * Whether DICTIONARY blocks are handed on undecoded with their codes (see {@link Batch#dictionary});
     * {@code -Ddepot.scan.dictionaryCodes=false} (read per scan) decodes them at once and drops
     * the codes, to compare the two.
     */
    private final boolean dictionaryCodes = !"false".equalsIgnoreCase(System.getProperty("depot.scan.dictionaryCodes"));
    private SegmentReader segment;
    private int segmentIndex = -1;
    private int nextSegment;
    private int nextBlock;
    /** The first delta row not yet read (sequential scans). */
    private int nextDeltaRow;
    private boolean finished;

    public ScanOperator(ScanNode node, BufferAllocator allocator) {
        this(node, allocator, null);
    }

    /**
     * A scan that reads only the blocks it claims from {@code morsels}, shared with the scans of
     * the other workers of a parallel pipeline (null: read every block in order).
     */
    public ScanOperator(ScanNode node, BufferAllocator allocator, ScanMorsels morsels) {
        this(node, allocator, morsels, List.of());
    }

    /**
     * A scan (reading the blocks it claims from {@code morsels}, or every block when it is null)
     * that applies the runtime filters the joins above publish into {@code runtimeFilters}.
     */
    public ScanOperator(ScanNode node, BufferAllocator allocator, ScanMorsels morsels,
            List<RuntimeFilterSlot> runtimeFilters) {
        this.morsels = morsels;
        this.runtimeFilters = new ArrayList<>(runtimeFilters.size());
        for (RuntimeFilterSlot slot : runtimeFilters) {
            if (slot.scanColumn() >= node.projection().size()
                    || node.projection().get(slot.scanColumn()) != slot.tableColumn()) {
                throw new IllegalArgumentException("runtime filter column " + slot.scanColumn() + " is not table column "
                        + slot.tableColumn() + " in this scan");
            }
            this.runtimeFilters.add(new RuntimeFilterCheck(slot));
        }
        statistics.runtimeFiltersAttached(runtimeFilters.size());
        this.snapshot = node.snapshot();
        this.columns = node.columns();
        this.tableColumns = node.projection().stream().mapToInt(Integer::intValue).toArray();
        this.filter = node.filter().map(BatchFilter::new).orElse(null);
        this.pruner = node.filter()
                .map(condition -> ZoneMapPruner.forFilter(condition, node.projection()))
                .orElse(ZoneMapPruner.none());
        IndexFilter indexFilter = node.filter()
                .map(condition -> IndexFilter.forFilter(condition, node.projection()))
                .orElse(null);
        this.indexed = indexFilter == null ? null : indexFilter.indexed().orElse(null);
        this.residual = indexFilter == null ? null : indexFilter.residual().map(BatchFilter::new).orElse(null);
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    /** Counters of segments and blocks opened, skipped and read so far. */
    public ScanStatistics statistics() {
        return statistics;
    }

    @Override
    public Batch next() {
        if (morsels != null) {
            return nextFromMorsels();
        }
        while (!finished) {
            if (segment == null && !openNextSegment()) {
                if (nextDeltaRow < snapshot.deltaRowCount()) {
                    int from = nextDeltaRow;
                    nextDeltaRow = (int) Math.min((long) from + DELTA_BATCH_ROWS, snapshot.deltaRowCount());
                    Batch batch = readDeltaRows(from, nextDeltaRow - from);
                    if (batch != null) {
                        return batch;
                    }
                    continue;
                }
                finished = true;
                return null;
            }
            if (nextBlock >= segment.blockCount()) {
                closeSegment();
                continue;
            }
            Batch batch = readSelectedRows(nextBlock++);
            if (batch != null) {
                return batch;
            }
        }
        return null;
    }

    /** The next batch of the blocks claimed from the shared morsels. */
    private Batch nextFromMorsels() {
        while (!finished) {
            long morsel = morsels.claim();
            if (morsel < 0) {
                finished = true;
                closeSegment();
                return null;
            }
            int segmentOfMorsel = ScanMorsels.segmentOf(morsel);
            if (segmentOfMorsel == snapshot.segmentCount()) {
                // past the segments: a chunk of the delta rows
                closeSegment();
                int from = ScanMorsels.blockOf(morsel) * DELTA_BATCH_ROWS;
                Batch batch = readDeltaRows(from, Math.min(DELTA_BATCH_ROWS, snapshot.deltaRowCount() - from));
                if (batch != null) {
                    return batch;
                }
                continue;
            }
            if (segmentOfMorsel != segmentIndex) {
                closeSegment();
                segment = snapshot.openSegment(segmentOfMorsel);
                segmentIndex = segmentOfMorsel;
                statistics.segmentOpened(segment.blockCount());
            }
            Batch batch = readSelectedRows(ScanMorsels.blockOf(morsel));
            if (batch != null) {
                return batch;
            }
        }
        return null;
    }

    /** Delta rows {@code [from, from + count)} that pass the filter, or null when none does. */
    private Batch readDeltaRows(int from, int count) {
        VectorSchemaRoot root;
        if (tableColumns.length == 0) {
            root = new VectorSchemaRoot(List.of());
            root.setRowCount(count);
        } else {
            root = snapshot.readDeltaRows(tableColumns, from, count, allocator);
        }
        statistics.deltaRowsRead(count);
        Batch batch = Batch.of(root);
        if (!runtimeFilters.isEmpty()) {
            batch = applyRuntimeFilters(batch);
            if (batch == null) {
                return null;
            }
        }
        return filter == null ? batch : filter.apply(batch);
    }

    /** The block's rows that are not deleted and pass the filter, or null when none can. */
    private Batch readSelectedRows(int block) {
        int rows = segment.blockRowCount(block);
        if (rows == 0) {
            return null;
        }
        if (!pruner.mightMatch(segment, block)) {
            statistics.blockSkipped();
            return null;
        }
        for (RuntimeFilterCheck check : runtimeFilters) {
            if (!check.mightMatch(segment, block)) {
                statistics.blockSkippedByRuntimeFilter();
                return null;
            }
        }
        Optional<RoaringBitmap> fromIndex = indexed == null ? Optional.empty() : segment.selectRows(block, indexed);
        BatchFilter remaining = fromIndex.isPresent() ? residual : filter;
        RoaringBitmap selected = fromIndex.orElse(null);
        Optional<RoaringBitmap> deleted = segment.deletedRows(block);
        if (deleted.isPresent()) {
            selected = selected == null ? RoaringBitmap.andNot(RoaringBitmap.bitmapOfRange(0, rows), deleted.get())
                    : RoaringBitmap.andNot(selected, deleted.get());
        }
        if (fromIndex.isPresent()) {
            statistics.blockSelectedByIndex();
        }
        if (selected != null && selected.isEmpty()) {
            statistics.blockSkipped();
            return null;
        }
        int[] positions = selected == null ? null : selected.toArray();
        int count = selected == null ? rows : positions.length;
        // key columns the runtime filters decoded whole, by output column, kept for the batch
        FieldVector[] decodedKeys = runtimeFilters.isEmpty() ? null : new FieldVector[tableColumns.length];
        Batch batch;
        try {
            for (RuntimeFilterCheck check : runtimeFilters) {
                if (check.testsRows()) {
                    int[] kept = check.scratch(count);
                    int keptCount = retainByKeys(check, block, positions, count, rows, decodedKeys, kept);
                    statistics.rowsDroppedByRuntimeFilter(count - keptCount);
                    // exactly the kept positions: the batch holds on to them, the scratch is reused
                    positions = Arrays.copyOf(kept, keptCount);
                    count = keptCount;
                    if (count == 0) {
                        statistics.blockSkippedByRuntimeFilter();
                        closeAll(decodedKeys);
                        return null;
                    }
                }
            }
            if (remaining != null && !isSparse(positions, count, rows)) {
                statistics.blockRead(rows);
                return filterFirst(block, rows, positions, count, remaining,
                        decodedKeys == null ? new FieldVector[tableColumns.length] : decodedKeys);
            }
            if (isSparse(positions, count, rows)) {
                closeAll(decodedKeys);
                batch = Batch.of(segment.readRows(block, tableColumns, positions, count, allocator));
            } else {
                BlockDictionary[] dictionaries = dictionaryCodes ? new BlockDictionary[tableColumns.length] : null;
                batch = select(readBlock(block, rows, decodedKeys, dictionaries), positions, count, rows, dictionaries,
                        null);
            }
        } catch (RuntimeException e) {
            closeAll(decodedKeys);
            throw e;
        }
        statistics.blockRead(rows);
        return remaining == null ? batch : remaining.apply(batch);
    }

    /**
     * Late materialization: decodes only the columns the filter reads (on first use, whole), tests
     * the block's rows {@code positions[0..count)} (null: all), and then reads the other columns
     * only for the rows that passed, row by row when few did (a selective filter on one column of
     * a wide scan, as TPC-H Q14's month of shipments, then decodes little else). Columns already
     * decoded whole are kept in {@code decoded} (by output column) and go into the batch.
     */
    private Batch filterFirst(int block, int rows, int[] positions, int count, BatchFilter condition,
            FieldVector[] decoded) {
        // by output column, the dictionaries of the columns read whole (here or below), and which of
        // those the filter read, so decoded
        BlockDictionary[] dictionaries = dictionaryCodes ? new BlockDictionary[tableColumns.length] : null;
        boolean[] filterDecoded = new boolean[tableColumns.length];
        try {
            EvaluationContext context = EvaluationContext.ofLoader(count, tableColumns.length,
                    new BlockColumnLoader(block, rows, positions, count, decoded, dictionaries, filterDecoded));
            int[] selected = new int[count];
            int selectedCount = condition.select(context, selected);
            if (positions != null) {
                // the context's rows are the block's rows positions[i]
                for (int i = 0; i < selectedCount; i++) {
                    selected[i] = positions[selected[i]];
                }
            }
            if (selectedCount == 0) {
                closeAll(decoded);
                return null;
            }
            if (isSparse(selected, selectedCount, rows)) {
                return Batch.of(readRows(block, selected, selectedCount, decoded));
            }
            return select(readBlock(block, rows, decoded, dictionaries), selected, selectedCount, rows, dictionaries,
                    filterDecoded);
        } catch (RuntimeException e) {
            closeAll(decoded);
            throw e;
        }
    }

    /**
     * Loads the filter's columns of one block for {@link #filterFirst}: whole (kept in
     * {@code decoded} for the batch), or just the rows still open ({@link SegmentReader#readRows})
     * when they are at most 1/{@link #rowReadDivisor} of the block: for a column first read where
     * an earlier conjunct left few rows open, and for every column when deletions or runtime
     * filters left few rows before the filter began.
     */
    private final class BlockColumnLoader implements EvaluationContext.ColumnLoader {
        private final int block;
        private final int rows;
        /** The block's rows the context's rows are (null: row i is row i). */
        private final int[] positions;
        /** The context's rows. */
        private final int size;
        private final FieldVector[] decoded;
        /** By output column, the dictionaries of columns decoded whole (null: codes off). */
        private final BlockDictionary[] dictionaries;
        /** By output column, whether a column with a dictionary was decoded for the filter. */
        private final boolean[] filterDecoded;

        BlockColumnLoader(int block, int rows, int[] positions, int size, FieldVector[] decoded,
                BlockDictionary[] dictionaries, boolean[] filterDecoded) {
            this.block = block;
            this.rows = rows;
            this.positions = positions;
            this.size = size;
            this.decoded = decoded;
            this.dictionaries = dictionaries;
            this.filterDecoded = filterDecoded;
        }

        @Override
        public ColumnData load(int output) {
            if (positions != null && decoded[output] == null && loadsRows(size)) {
                // deletions or runtime filters already left few rows: the context is those rows
                return readAt(output, positions, size);
            }
            if (decoded[output] == null) {
                // the root is only a container: its vector now belongs to decoded
                BlockDictionary[] dictionary = dictionaries != null ? new BlockDictionary[1] : null;
                decoded[output] = segment.readBlock(block, new int[] {tableColumns[output]}, allocator, dictionary)
                        .getVector(0);
                if (dictionary != null && dictionary[0] != null) {
                    // the filter reads the strings; the codes still go along for the consumer
                    dictionary[0].decodeInto(decoded[output]);
                    dictionaries[output] = dictionary[0];
                    filterDecoded[output] = true;
                }
            }
            return ColumnReader.read(decoded[output], columns.get(output).type(), positions, size);
        }

        @Override
        public boolean loadsRows(int count) {
            return rowReadDivisor > 0 && (long) count * rowReadDivisor <= rows;
        }

        @Override
        public ColumnData loadRows(int output, int[] contextRows, int count) {
            int[] blockRows = contextRows;
            if (positions != null) {
                blockRows = new int[count];
                for (int j = 0; j < count; j++) {
                    blockRows[j] = positions[contextRows[j]];
                }
            }
            return readAt(output, blockRows, count);
        }

        /** The output column at the block's rows {@code blockRows[0..count)} only. */
        private ColumnData readAt(int output, int[] blockRows, int count) {
            statistics.columnReadAtRows(count);
            try (VectorSchemaRoot read = segment.readRows(block, new int[] {tableColumns[output]}, blockRows, count,
                    allocator)) {
                return ColumnReader.read(read.getVector(0), columns.get(output).type(), null, count);
            }
        }
    }

    /**
     * Applies one runtime filter to the block's rows {@code positions[0..count)} (null: all
     * {@code rows}), writing the kept positions to {@code kept}. A whole-block decode of a key the
     * scan outputs goes into {@code decodedKeys} (by output column) for the batch. Keys without
     * NULLs are tested straight in the decoded vector's memory; the rest are read into an array.
     *
     * @return how many were kept
     */
    private int retainByKeys(RuntimeFilterCheck check, int block, int[] positions, int count, int rows,
            FieldVector[] decodedKeys, int[] kept) {
        RuntimeFilterSlot slot = check.slot();
        int[] column = {slot.tableColumn()};
        if (isSparse(positions, count, rows)) {
            try (VectorSchemaRoot keys = segment.readRows(block, column, positions, count, allocator)) {
                LongData values = (LongData) ColumnReader.read(keys.getVector(0), slot.type(), null, count);
                return check.retain(values, positions, count, kept);
            }
        }
        int output = onlyOutputOf(slot.tableColumn());
        if (output < 0 || decodedKeys[output] != null) {
            try (VectorSchemaRoot keys = segment.readBlock(block, column, allocator)) {
                return retainByKeys(check, keys.getVector(0), positions, count, kept);
            }
        }
        // the root is only a container: its vector now belongs to decodedKeys
        FieldVector keys = segment.readBlock(block, column, allocator).getVector(0);
        decodedKeys[output] = keys;
        return retainByKeys(check, keys, positions, count, kept);
    }

    private static int retainByKeys(RuntimeFilterCheck check, FieldVector keys, int[] positions, int count,
            int[] kept) {
        if (keys.getNullCount() == 0) {
            return check.retain(keys, positions, count, kept);
        }
        return check.retain((LongData) ColumnReader.read(keys, check.slot().type(), positions, count), positions, count,
                kept);
    }

    /** The output column of a table column the scan outputs exactly once, else -1. */
    private int onlyOutputOf(int tableColumn) {
        int found = -1;
        for (int i = 0; i < tableColumns.length; i++) {
            if (tableColumns[i] == tableColumn) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    private static void closeAll(FieldVector[] vectors) {
        if (vectors == null) {
            return;
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] != null) {
                vectors[i].close();
                vectors[i] = null;
            }
        }
    }

    /**
     * The block's projected columns, taking those already in {@code decoded} (by output column;
     * taken entries are cleared, the root owns them) and decoding the others, whose dictionaries
     * (DICTIONARY blocks' entries and codes) go into {@code dictionaries} by output column.
     */
    private VectorSchemaRoot readBlock(int block, int rows, FieldVector[] decoded, BlockDictionary[] dictionaries) {
        if (decoded == null) {
            return readBlock(block, rows, dictionaries);
        }
        int[] missingColumns = notDecoded(decoded);
        int missing = missingColumns.length;
        if (missing == tableColumns.length) {
            return readBlock(block, rows, dictionaries);
        }
        BlockDictionary[] restDictionaries = dictionaries == null ? null : new BlockDictionary[missing];
        VectorSchemaRoot rest = missing == 0 ? null
                : segment.readBlock(block, missingColumns, allocator, restDictionaries);
        List<FieldVector> vectors = new ArrayList<>(tableColumns.length);
        for (int i = 0, next = 0; i < tableColumns.length; i++) {
            if (decoded[i] != null) {
                vectors.add(decoded[i]);
                decoded[i] = null;
            } else {
                if (dictionaries != null) {
                    dictionaries[i] = restDictionaries[next];
                }
                vectors.add(rest.getVector(next++));
            }
        }
        return Batch.rootOf(vectors, rows);
    }

    /**
     * The block's rows {@code positions[0..count)} of every projected column: copied out of the
     * columns already in {@code decoded} (whose entries are closed and cleared), read row by row
     * from storage for the others, so no column is decoded twice.
     */
    private VectorSchemaRoot readRows(int block, int[] positions, int count, FieldVector[] decoded) {
        int[] missingColumns = notDecoded(decoded);
        int missing = missingColumns.length;
        if (missing == tableColumns.length) {
            return segment.readRows(block, tableColumns, positions, count, allocator);
        }
        List<FieldVector> vectors = new ArrayList<>(tableColumns.length);
        try (VectorSchemaRoot rest = missing == 0 ? null
                : segment.readRows(block, missingColumns, positions, count, allocator)) {
            for (int i = 0, next = 0; i < tableColumns.length; i++) {
                if (decoded[i] == null) {
                    // moved out of rest, which then closes empty
                    FieldVector source = rest.getVector(next++);
                    TransferPair transfer = source.getTransferPair(allocator);
                    transfer.transfer();
                    vectors.add((FieldVector) transfer.getTo());
                } else {
                    FieldVector copy = (FieldVector) decoded[i].getField().createVector(allocator);
                    vectors.add(copy);
                    // typed reads at the positions and bulk writes: no per-row virtual copyFromSafe
                    ColumnType type = columns.get(i).type();
                    ColumnWriter.write(ColumnReader.read(decoded[i], type, positions, count), type, copy);
                }
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        } finally {
            closeAll(decoded);
        }
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(count);
        return root;
    }

    /** The table columns of the projected columns that {@code decoded} (by output column) does not hold yet. */
    private int[] notDecoded(FieldVector[] decoded) {
        int missing = 0;
        for (FieldVector vector : decoded) {
            missing += vector == null ? 1 : 0;
        }
        int[] columns = new int[missing];
        for (int i = 0, next = 0; i < tableColumns.length; i++) {
            if (decoded[i] == null) {
                columns[next++] = tableColumns[i];
            }
        }
        return columns;
    }

    /** The batch's rows (the delta rows' batch: no selection) that pass the runtime filters, or null for none. */
    private Batch applyRuntimeFilters(Batch batch) {
        int[] positions = null;
        int count = batch.rowCount();
        for (RuntimeFilterCheck check : runtimeFilters) {
            if (check.testsRows()) {
                int[] kept = new int[count];
                LongData keys = (LongData) ColumnReader.read(batch.vector(check.slot().scanColumn()), check.slot().type(),
                        positions, count);
                int keptCount = check.retain(keys, positions, count, kept);
                statistics.rowsDroppedByRuntimeFilter(count - keptCount);
                positions = kept;
                count = keptCount;
            }
        }
        if (count == 0) {
            batch.close();
            return null;
        }
        if (positions == null || count == batch.rowCount()) {
            return batch;
        }
        return Batch.selected(batch.root(), positions, count);
    }

    /**
     * Whether so few rows are selected that decoding only them (storage gathers them from
     * bit-packed blocks) beats decoding the block and selecting afterwards.
     */
    private boolean isSparse(int[] positions, int count, int rows) {
        return positions != null && tableColumns.length > 0 && (long) count * sparseDivisor <= rows;
    }

    /**
     * The block as a batch of the rows {@code positions[0..count)} (all rows when {@code positions}
     * is null), its columns carrying their {@code dictionaries} (by output column; null: none),
     * their vectors still empty but where {@code decoded} (may be null) says.
     */
    private static Batch select(VectorSchemaRoot root, int[] positions, int count, int rows,
            BlockDictionary[] dictionaries, boolean[] decoded) {
        if (dictionaries == null) {
            return Batch.withDictionaries(root, positions == null || count == rows ? null : positions, count, null);
        }
        boolean[] undecoded = new boolean[dictionaries.length];
        boolean any = false;
        for (int i = 0; i < dictionaries.length; i++) {
            undecoded[i] = dictionaries[i] != null && (decoded == null || !decoded[i]);
            any |= dictionaries[i] != null;
        }
        return Batch.withDictionaries(root, positions == null || count == rows ? null : positions, count,
                any ? new BatchDictionaries(dictionaries, undecoded) : null);
    }

    private VectorSchemaRoot readBlock(int block, int rows, BlockDictionary[] dictionaries) {
        if (tableColumns.length == 0) {
            // Nothing to decode (e.g. COUNT(*)): only the row count matters.
            VectorSchemaRoot root = new VectorSchemaRoot(List.of());
            root.setRowCount(rows);
            return root;
        }
        return segment.readBlock(block, tableColumns, allocator, dictionaries);
    }

    private boolean openNextSegment() {
        if (nextSegment >= snapshot.segmentCount()) {
            return false;
        }
        segment = snapshot.openSegment(nextSegment++);
        nextBlock = 0;
        statistics.segmentOpened(segment.blockCount());
        return true;
    }

    private void closeSegment() {
        if (segment != null) {
            SegmentReader closing = segment;
            segment = null;
            segmentIndex = -1;
            closing.close();
        }
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        finished = true;
        closeSegment();
    }
}
