package io.depot.sql.pgwire;

import io.depot.engine.exec.ResultStream;
import io.depot.storage.type.Column;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A running query's rows, encoded straight from its Arrow batches: only the current batch is in
 * memory, and the socket is written whenever the output buffer fills, so a large result streams
 * to the client batch by batch. Owns the stream and closes it.
 */
final class StreamResult implements PgResult {
    private final ResultStream stream;
    private final List<Field> fields;
    private final Runnable onClose;
    private VectorSchemaRoot batch;
    private int row;
    private long rowsSent;
    private boolean finished;
    private boolean closed;

    /** @param onClose runs once when the result closes (ends the query's time limit and cancel hook) */
    StreamResult(ResultStream stream, Runnable onClose) {
        this.stream = stream;
        this.onClose = onClose;
        List<Field> fields = new ArrayList<>();
        for (Column column : stream.columns()) {
            fields.add(new Field(column.name(), column.type()));
        }
        this.fields = List.copyOf(fields);
    }

    @Override
    public List<Field> fields() {
        return fields;
    }

    @Override
    public boolean writeRows(MessageWriter out, long maxRows, int[] formats) throws IOException {
        long written = 0;
        while (maxRows <= 0 || written < maxRows) {
            if (batch == null || row >= batch.getRowCount()) {
                if (!nextBatch()) {
                    return false;
                }
            }
            int end = batch.getRowCount();
            if (maxRows > 0) {
                end = (int) Math.min(end, row + (maxRows - written));
            }
            List<FieldVector> vectors = batch.getFieldVectors();
            for (; row < end; row++) {
                out.begin('D').int16(vectors.size());
                for (int column = 0; column < vectors.size(); column++) {
                    FieldVector vector = vectors.get(column);
                    if (vector.isNull(row)) {
                        out.int32(-1);
                        continue;
                    }
                    int length = out.reserveLength();
                    if (formats[column] == 1) {
                        BinaryValues.append(out, vector, fields.get(column).type(), row);
                    } else {
                        TextValues.append(out, vector, fields.get(column).type(), row);
                    }
                    out.patchLength(length);
                }
                out.end();
                written++;
                rowsSent++;
            }
        }
        if (batch != null && row < batch.getRowCount()) {
            return true;
        }
        // look ahead so that a portal is not reported suspended when its rows just ran out
        return nextBatch();
    }

    private boolean nextBatch() {
        closeBatch();
        if (finished) {
            return false;
        }
        VectorSchemaRoot next = stream.next();
        while (next != null && next.getRowCount() == 0) {
            next.close();
            next = stream.next();
        }
        if (next == null) {
            finished = true;
            return false;
        }
        batch = next;
        row = 0;
        return true;
    }

    private void closeBatch() {
        if (batch != null) {
            VectorSchemaRoot closing = batch;
            batch = null;
            closing.close();
        }
    }

    @Override
    public String commandTag() {
        return "SELECT " + rowsSent;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (ResultStream closing = stream) {
            closeBatch();
        } finally {
            onClose.run();
        }
    }
}
