package io.depot.engine.exec;

import io.depot.engine.batch.Batch;
import io.depot.engine.operator.Operator;
import io.depot.engine.operator.ScanOperator;
import io.depot.storage.type.Column;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Wraps an operator for EXPLAIN ANALYZE, counting what it produces and timing its calls. The
 * cost is a clock read per batch, never per row.
 */
final class ProfiledOperator implements Operator {
    private final Operator delegate;
    private final OperatorProfile profile;

    ProfiledOperator(Operator delegate, OperatorProfile profile) {
        this.delegate = delegate;
        this.profile = profile;
        if (delegate instanceof ScanOperator scan) {
            profile.scanned(scan.statistics());
        }
    }

    @Override
    public List<Column> columns() {
        return delegate.columns();
    }

    @Override
    public Batch next() {
        long start = System.nanoTime();
        try {
            Batch batch = delegate.next();
            if (batch != null) {
                profile.produced(batch.rowCount(), bufferBytes(batch));
            }
            return batch;
        } finally {
            profile.spent(System.nanoTime() - start);
        }
    }

    private static long bufferBytes(Batch batch) {
        long bytes = 0;
        for (FieldVector vector : batch.root().getFieldVectors()) {
            bytes += vector.getBufferSize();
        }
        return bytes;
    }

    @Override
    public boolean isFinished() {
        return delegate.isFinished();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
