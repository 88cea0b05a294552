package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.FieldVector;

/**
 * Runs of equal values, for any fixed-width type. Payload: int32 run count, a {@link
 * PackedFrame} of the run values, a {@link PackedFrame} of the run lengths. Run lengths must be
 * positive and sum to the block's rows.
 * Considered only when runs average two rows or more.
 */
final class RunLengthEncoding implements BlockEncoding {

    @Override
    public long estimateSize(BlockValues values) {
        if (!(values instanceof FixedWidthValues fixed) || fixed.type() == PhysicalType.INT128) {
            return NOT_APPLICABLE;
        }
        LongStatistics statistics = fixed.statistics();
        if (statistics.runCount() > fixed.rowCount() / 2) {
            // Runs averaging under two rows: any saving comes from the bit-packing of values, which
            // is slower to decode here than in PLAIN or FRAME_OF_REFERENCE.
            return NOT_APPLICABLE;
        }
        return Integer.BYTES
                + PackedFrame.length(statistics.runCount(), statistics.max() - statistics.min())
                + PackedFrame.length(statistics.runCount(), statistics.longestRun() - 1);
    }

    @Override
    public void encode(BlockValues values, LittleEndianOutput output) {
        FixedWidthValues fixed = (FixedWidthValues) values;
        LongStatistics statistics = fixed.statistics();
        long[] source = fixed.values();
        int rows = fixed.rowCount();
        long[] runValues = new long[statistics.runCount()];
        long[] runLengths = new long[statistics.runCount()];
        int run = 0;
        int start = 0;
        for (int i = 1; i <= rows; i++) {
            if (i == rows || source[i] != source[start]) {
                runValues[run] = source[start];
                runLengths[run] = i - start;
                run++;
                start = i;
            }
        }
        output.writeInt(run);
        PackedFrame.write(runValues, 0, run, statistics.min(), statistics.max(), output);
        PackedFrame.write(runLengths, 0, run, 1, statistics.longestRun(), output);
    }

    @Override
    public void decode(ByteBuffer payload, int rows, ColumnType type, FieldVector vector, BlockLocation location) {
        int runCount = DecodeChecks.readCount(payload, rows, location, "run count");
        DecodeScratch scratch = DecodeScratch.current();
        // Run values in [0, runCount), run lengths in [runCount, 2 * runCount).
        long[] runs = scratch.runs(2 * runCount);
        PackedFrame.read(payload, runCount, runs, 0, location, "run value");
        PackedFrame.read(payload, runCount, runs, runCount, location, "run length");
        FixedWidthWriter writer = new FixedWidthWriter(vector, PhysicalType.of(type), rows, location);
        long smallest = Long.MAX_VALUE;
        long largest = Long.MIN_VALUE;
        for (int run = 0; run < runCount; run++) {
            smallest = Math.min(smallest, runs[run]);
            largest = Math.max(largest, runs[run]);
        }
        // Every row is a run value: when they all fit the column, no row needs checking.
        writer.knownRange(smallest, largest);
        long[] chunk = scratch.chunk();
        int row = 0;
        int filled = 0;
        for (int run = 0; run < runCount; run++) {
            long length = runs[runCount + run];
            if (length < 1 || length > rows - row) {
                throw location.corruption("has runs longer than its " + rows + " rows");
            }
            row += (int) length;
            long value = runs[run];
            // Plain loops: runs are mostly short (a sorted key repeated a few times), where a
            // call to Arrays.fill per run costs more than the stores.
            for (int left = (int) length; left > 0; ) {
                int end = Math.min(filled + left, FixedWidthWriter.CHUNK_ROWS);
                left -= end - filled;
                for (int i = filled; i < end; i++) {
                    chunk[i] = value;
                }
                filled = end;
                if (filled == FixedWidthWriter.CHUNK_ROWS) {
                    writer.write(chunk, filled);
                    filled = 0;
                }
            }
        }
        if (row != rows) {
            throw location.corruption("has runs of " + row + " rows in total where " + rows + " were expected");
        }
        writer.write(chunk, filled);
    }
}
