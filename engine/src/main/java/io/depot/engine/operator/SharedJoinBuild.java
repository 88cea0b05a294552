package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.join.BuildSide;
import io.depot.engine.memory.HeapReservation;
import io.depot.engine.memory.QueryMemory;
import io.depot.storage.type.Column;
import java.util.List;

/**
 * The build side of a hash join whose probe side runs as several copies on the query's workers:
 * built once, by the thread that starts the workers and before it starts them, then only read by
 * every copy's {@link HashJoinOperator}. So the table is never built twice, and a worker never
 * waits for other workers (the build input may itself run on them). Only joins that keep no
 * flags on build rows (INNER, LEFT, and SEMI/ANTI built on the right) can share a build.
 */
public final class SharedJoinBuild implements AutoCloseable {
    private final Operator input;
    private final List<Integer> keys;
    private final HeapReservation reservation;
    private BuildSide side;

    /** Takes ownership of the build input. */
    public SharedJoinBuild(Operator input, List<Integer> keys, QueryMemory memory) {
        this.input = requireNonNull(input, "input is null");
        this.keys = List.copyOf(keys);
        this.reservation = new HeapReservation(memory);
    }

    public List<Column> columns() {
        return input.columns();
    }

    /** Reads the build input whole into the hash table; once, before any copy probes it. */
    public void build() {
        if (side != null) {
            return;
        }
        BufferedInput buffered = BufferedInput.read(input, reservation, 0);
        int rowCount = buffered.rowCount();
        reservation.resize(buffered.estimatedBytes() + BuildSide.estimatedBytes(rowCount, keys.size(), false));
        side = new BuildSide(buffered.columns(), rowCount, keys, false);
    }

    BuildSide side() {
        if (side == null) {
            throw new IllegalStateException("The shared join build was not built before its probes started");
        }
        return side;
    }

    @Override
    public void close() {
        side = null;
        try (input) {
            reservation.close();
        }
    }
}
