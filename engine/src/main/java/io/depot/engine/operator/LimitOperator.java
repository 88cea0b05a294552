package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.plan.LimitNode;
import io.depot.storage.type.Column;
import java.util.List;

/**
 * Skips {@code offset} rows, then passes at most {@code limit} rows (or all with
 * {@link LimitNode#NO_LIMIT}); stops pulling its input as soon as the limit is reached.
 */
public final class LimitOperator implements Operator {
    private final Operator input;
    private final long limit;
    private long rowsToSkip;
    private long rowsProduced;
    private boolean finished;

    public LimitOperator(Operator input, long offset, long limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        if (limit < LimitNode.NO_LIMIT) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
        this.input = requireNonNull(input, "input is null");
        this.rowsToSkip = offset;
        this.limit = limit;
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public Batch next() {
        while (!finished) {
            if (limit != LimitNode.NO_LIMIT && rowsProduced >= limit) {
                finished = true;
                return null;
            }
            Batch batch = input.next();
            if (batch == null) {
                finished = true;
                return null;
            }
            int size = batch.rowCount();
            int skipped = (int) Math.min(rowsToSkip, size);
            rowsToSkip -= skipped;
            int taken = size - skipped;
            if (limit != LimitNode.NO_LIMIT) {
                taken = (int) Math.min(taken, limit - rowsProduced);
            }
            if (taken == 0) {
                batch.close();
                continue;
            }
            rowsProduced += taken;
            if (taken == size) {
                return batch;
            }
            int[] rows = new int[taken];
            for (int i = 0; i < taken; i++) {
                rows[i] = skipped + i;
            }
            return batch.transferNarrowed(rows, taken);
        }
        return null;
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        input.close();
    }
}
