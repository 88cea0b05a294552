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
    private final List<RuntimeFilterSlot> runtimeFilters;
    private BuildSide side;

    /** Takes ownership of the build input. */
    public SharedJoinBuild(Operator input, List<Integer> keys, QueryMemory memory) {
        this(input, keys, memory, List.of());
    }

    /**
     * Takes ownership of the build input; once built, publishes runtime filters on its keys into
     * {@code runtimeFilters} (only for a join that {@link HashJoinOperator#mayFilterProbe may filter
     * its probe side}), before any copy's probe scan starts.
     */
    public SharedJoinBuild(Operator input, List<Integer> keys, QueryMemory memory,
            List<RuntimeFilterSlot> runtimeFilters) {
        this.runtimeFilters = List.copyOf(runtimeFilters);
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
        for (RuntimeFilterSlot slot : runtimeFilters) {
            slot.publish(side.keys());
        }
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
