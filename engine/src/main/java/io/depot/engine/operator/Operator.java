package io.depot.engine.operator;

import io.depot.engine.batch.Batch;
import io.depot.storage.type.Column;
import java.util.List;

/**
 * A pull-based physical operator: the consumer asks for batches until there are none left, then
 * closes it. An operator owns its inputs and closes them.
 */
public interface Operator extends AutoCloseable {
    /** The columns of the batches this operator produces. */
    List<Column> columns();

    /** The next batch, owned by the caller and possibly empty, or null once the operator is finished. */
    Batch next();

    /** Whether the operator has produced its last batch. */
    boolean isFinished();

    /** Stops the operator and frees everything it and its inputs hold; may be called at any time, repeatedly. */
    @Override
    void close();
}
