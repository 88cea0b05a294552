package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.ExpressionCompiler;
import io.depot.engine.expression.Kernel;
import io.depot.engine.join.BuildSide;
import io.depot.engine.join.CandidatePairs;
import io.depot.engine.join.GatheringWriter;
import io.depot.engine.join.MatchFlags;
import io.depot.engine.join.PaddedGather;
import io.depot.engine.join.ProbeBatch;
import io.depot.engine.memory.HeapReservation;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.plan.JoinNode;
import io.depot.engine.plan.JoinType;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Joins two inputs as a {@link JoinNode} says: reads the build input whole into a hash table on
 * its keys, then streams the probe input through it batch by batch. The build side is the right
 * input, except that INNER, SEMI and ANTI joins may build on the left (the caller decides). A
 * SEMI or ANTI join built on the left marks the build rows that matched while the right input
 * streams through, then emits the left rows that did (SEMI) or did not (ANTI). Key-matching pairs are generated a bounded number at a time, keys compared and the
 * residual condition evaluated vectorized over them, so no output batch exceeds
 * {@link Batch#MAX_ROWS} rows however many pairs match. Unmatched probe rows (LEFT, FULL) are
 * emitted after each probe batch, unmatched build rows (RIGHT, FULL) after the whole probe input.
 * The buffered build side counts against the query's memory budget.
 */
public final class HashJoinOperator implements Operator {
    /** Emit an output batch rather than fill its last few rows with another small chunk of pairs. */
    private static final int MINIMUM_CHUNK_ROWS = 1_024;
    /**
     * The pair arrays' first size; they grow to the probe batches' size, at most a batch. Four
     * arrays of a whole batch are 1 MiB to allocate and zero per join, which dominated queries
     * over small tables (a dimension join of 25 rows took longer to set up than to run).
     */
    private static final int INITIAL_PAIR_ROWS = 1_024;
    /** Heap for the four pair index arrays below. */
    private static final long PAIR_ARRAY_BYTES = 4L * Integer.BYTES * Batch.MAX_ROWS;

    private final Operator probeInput;
    /** The build input this join reads itself, or null when it probes a {@link SharedJoinBuild}. */
    private final Operator buildInput;
    private final SharedJoinBuild sharedBuild;
    private final JoinType type;
    private final boolean buildOnLeft;
    private final List<Integer> buildKeys;
    private final List<Integer> probeKeys;
    private final Kernel condition;
    private final List<Column> columns;
    private final List<Column> leftColumns;
    private final List<Column> rightColumns;
    private final QueryMemory memory;
    private final HeapReservation reservation;
    /** Where this join publishes runtime filters on its build keys (none for a shared build, which does it). */
    private final List<RuntimeFilterSlot> runtimeFilters;
    private int[] candidateProbeRows;
    private int[] candidateBuildRows;
    private int[] outputProbeRows;
    private int[] outputBuildRows;
    private BuildSide build;
    private ProbeBatch probe;
    private boolean probeInputDone;
    private boolean finished;

    /**
     * @param buildOnLeft whether to build the hash table on the left input; only for INNER, SEMI and
     *     ANTI joins
     */
    public HashJoinOperator(Operator left, Operator right, JoinNode join, boolean buildOnLeft, QueryMemory memory) {
        this(left, right, join, buildOnLeft, memory, List.of());
    }

    /**
     * A join that, once its build side is complete and before it reads the probe input, publishes
     * runtime filters on its build keys into {@code runtimeFilters} for the scans below its probe
     * side; only for joins that {@link #mayFilterProbe may filter their probe side}.
     */
    public HashJoinOperator(Operator left, Operator right, JoinNode join, boolean buildOnLeft, QueryMemory memory,
            List<RuntimeFilterSlot> runtimeFilters) {
        this(buildOnLeft ? right : left, buildOnLeft ? left : right, null, join, buildOnLeft, memory, runtimeFilters);
        if (!runtimeFilters.isEmpty() && !mayFilterProbe(type, buildOnLeft)) {
            throw new IllegalArgumentException("a " + type + " join built on the " + (buildOnLeft ? "left" : "right")
                    + " keeps probe rows without a match and cannot filter them");
        }
    }

    /**
     * A join that probes a build side shared with other copies of its probe pipeline; the shared
     * build stays owned by the caller, and must be built before the first {@link #next()}.
     *
     * @param buildOnLeft whether the shared build is the join's left input (INNER only)
     */
    public HashJoinOperator(Operator probe, SharedJoinBuild build, JoinNode join, boolean buildOnLeft,
            QueryMemory memory) {
        this(probe, null, requireNonNull(build, "build is null"), join, buildOnLeft, memory, List.of());
        if (tracksBuildMatches()) {
            throw new IllegalArgumentException("a " + type + " join built on the " + (buildOnLeft ? "left" : "right")
                    + " flags its build rows and cannot share its build");
        }
    }

    private HashJoinOperator(Operator probe, Operator buildInput, SharedJoinBuild sharedBuild, JoinNode join,
            boolean buildOnLeft, QueryMemory memory, List<RuntimeFilterSlot> runtimeFilters) {
        this.runtimeFilters = List.copyOf(runtimeFilters);
        this.probeInput = requireNonNull(probe, "probe is null");
        this.buildInput = sharedBuild == null ? requireNonNull(buildInput, "buildInput is null") : null;
        this.sharedBuild = sharedBuild;
        this.type = join.type();
        if (buildOnLeft && !type.mayBuildLeft()) {
            throw new IllegalArgumentException("a " + type + " join cannot build on the left");
        }
        this.buildOnLeft = buildOnLeft;
        this.buildKeys = buildOnLeft ? join.leftKeys() : join.rightKeys();
        this.probeKeys = buildOnLeft ? join.rightKeys() : join.leftKeys();
        List<Column> buildColumns = sharedBuild == null ? buildInput.columns() : sharedBuild.columns();
        this.leftColumns = buildOnLeft ? buildColumns : probe.columns();
        this.rightColumns = buildOnLeft ? probe.columns() : buildColumns;
        checkKeyTypes(join);
        join.condition().ifPresent(HashJoinOperator::checkConditionType);
        this.condition = join.condition().map(ExpressionCompiler::compile).orElse(null);
        this.columns = join.columns();
        this.memory = requireNonNull(memory, "memory is null");
        this.reservation = new HeapReservation(memory);
    }

    private void checkKeyTypes(JoinNode join) {
        for (int k = 0; k < join.leftKeys().size(); k++) {
            ColumnType leftType = leftColumns.get(join.leftKeys().get(k)).type();
            ColumnType rightType = rightColumns.get(join.rightKeys().get(k)).type();
            if (!leftType.equals(rightType)) {
                throw new DepotException(ErrorCode.INTERNAL, String.format(
                        "Join key pair[%d] has left type[%s] and right type[%s]", k, leftType, rightType));
            }
        }
    }

    private static void checkConditionType(Expression condition) {
        if (condition.type().kind() != TypeKind.BOOLEAN) {
            throw new DepotException(ErrorCode.INTERNAL, String.format(
                    "Join condition has type[%s] where BOOLEAN is required", condition.type()));
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Batch next() {
        if (finished) {
            return null;
        }
        if (build == null) {
            buildHashTable();
        }
        while (true) {
            if (probe == null && !probeInputDone) {
                startNextProbeBatch();
            } else if (probe != null) {
                Batch output = type.projectsRight() ? nextPairs() : buildOnLeft ? markBuildMatches() : nextLeftRows();
                if (output != null) {
                    return output;
                }
            } else {
                Batch output = nextFlaggedBuildRows();
                if (output != null) {
                    return output;
                }
                close();
                return null;
            }
        }
    }

    /** Whether this join may probe a build shared by parallel copies (it keeps no flags on build rows). */
    public static boolean maySharedBuild(JoinType type, boolean buildOnLeft) {
        return !tracksBuildMatches(type, buildOnLeft);
    }

    /**
     * Whether a filter on the probe side may drop probe rows whose key no build row has: true
     * when such rows leave no trace in the output, i.e. the join emits no unmatched probe rows
     * (not LEFT, FULL, or ANTI probing with its left input). Rows with a NULL key never match.
     */
    public static boolean mayFilterProbe(JoinType type, boolean buildOnLeft) {
        return !emitsUnmatchedProbeRows(type, buildOnLeft);
    }

    /**
     * Whether the join reads its whole probe input, within one call of {@link #next}, before it
     * emits a row: SEMI and ANTI joins built on the left, which only flag build rows while probing.
     */
    public static boolean drainsProbeBeforeOutput(JoinType type, boolean buildOnLeft) {
        return buildOnLeft && !type.projectsRight() && tracksBuildMatches(type, buildOnLeft);
    }

    private boolean tracksBuildMatches() {
        return tracksBuildMatches(type, buildOnLeft);
    }

    private static boolean tracksBuildMatches(JoinType type, boolean buildOnLeft) {
        return type == JoinType.RIGHT || type == JoinType.FULL || (buildOnLeft && !type.projectsRight());
    }

    private boolean tracksProbeMatches() {
        return type == JoinType.LEFT || type == JoinType.FULL || (!buildOnLeft && !type.projectsRight());
    }

    private boolean emitsUnmatchedProbeRows() {
        return emitsUnmatchedProbeRows(type, buildOnLeft);
    }

    private static boolean emitsUnmatchedProbeRows(JoinType type, boolean buildOnLeft) {
        return type == JoinType.LEFT || type == JoinType.FULL || (!buildOnLeft && type == JoinType.ANTI);
    }

    private void buildHashTable() {
        if (sharedBuild != null) {
            reservation.resize(PAIR_ARRAY_BYTES);
            build = sharedBuild.side();
        } else {
            BufferedInput input = BufferedInput.read(buildInput, reservation, 0);
            reservation.resize(input.estimatedBytes() + PAIR_ARRAY_BYTES
                    + BuildSide.estimatedBytes(input.rowCount(), buildKeys.size(), tracksBuildMatches()));
            build = new BuildSide(input.columns(), input.rowCount(), buildKeys, tracksBuildMatches());
            for (RuntimeFilterSlot slot : runtimeFilters) {
                slot.publish(build.keys());
            }
        }
        int rowCount = build.rowCount();
        ensurePairCapacity(INITIAL_PAIR_ROWS);
        if (rowCount == 0 && !emitsUnmatchedProbeRows()) {
            // Nothing can match, and the join keeps no unmatched probe rows.
            probeInputDone = true;
        }
    }

    private void startNextProbeBatch() {
        Batch batch = probeInput.next();
        if (batch == null) {
            probeInputDone = true;
        } else if (batch.rowCount() == 0) {
            batch.close();
        } else {
            ensurePairCapacity(batch.rowCount());
            probe = new ProbeBatch(batch, probeInput.columns(), probeKeys, build, tracksProbeMatches());
        }
    }

    /**
     * Makes the pair arrays hold at least {@code rows} pairs, at most a batch. Called only between
     * output batches: their contents are dropped.
     */
    private void ensurePairCapacity(int rows) {
        int capacity = Math.min(Batch.MAX_ROWS, Math.max(rows, INITIAL_PAIR_ROWS));
        if (candidateProbeRows != null && candidateProbeRows.length >= capacity) {
            return;
        }
        candidateProbeRows = new int[capacity];
        candidateBuildRows = new int[capacity];
        outputProbeRows = new int[capacity];
        outputBuildRows = new int[capacity];
    }

    /**
     * The next output batch of pairs (and of unmatched probe rows) from the current probe batch,
     * or null when there were none; closes the probe batch once it is done.
     */
    private Batch nextPairs() {
        CandidatePairs candidates = probe.candidates();
        int capacity = outputProbeRows.length;
        int count = 0;
        while (!candidates.isExhausted() && (count == 0 || capacity - count >= MINIMUM_CHUNK_ROWS)) {
            int matched = retainMatches(candidates.next(candidateProbeRows, candidateBuildRows, capacity - count));
            System.arraycopy(candidateProbeRows, 0, outputProbeRows, count, matched);
            System.arraycopy(candidateBuildRows, 0, outputBuildRows, count, matched);
            count += matched;
        }
        boolean done = candidates.isExhausted();
        if (done && emitsUnmatchedProbeRows()) {
            MatchFlags matches = probe.matches();
            int unmatched = matches.nextUnmatched(candidateProbeRows, capacity - count);
            System.arraycopy(candidateProbeRows, 0, outputProbeRows, count, unmatched);
            Arrays.fill(outputBuildRows, count, count + unmatched, -1);
            count += unmatched;
            done = !matches.hasMoreUnmatched();
        }
        Batch output = count == 0 ? null : outputBatch(count);
        if (done) {
            closeProbe();
        } else {
            // more pairs than the arrays held (duplicate build keys): whole batches from now on
            ensurePairCapacity(Batch.MAX_ROWS);
        }
        return output;
    }

    /**
     * SEMI and ANTI built on the left: records which build rows the current probe batch matches,
     * then closes it; the build rows are emitted once the probe input is done. Returns null.
     */
    private Batch markBuildMatches() {
        CandidatePairs candidates = probe.candidates();
        while (!candidates.isExhausted()) {
            retainMatches(candidates.next(candidateProbeRows, candidateBuildRows, candidateProbeRows.length));
        }
        closeProbe();
        return null;
    }

    /** SEMI and ANTI: the current probe batch's rows that found a match, or those that did not. */
    private Batch nextLeftRows() {
        CandidatePairs candidates = probe.candidates();
        while (!candidates.isExhausted()) {
            retainMatches(candidates.next(candidateProbeRows, candidateBuildRows, candidateProbeRows.length));
        }
        Batch output = probe.transferRowsWhereMatched(type == JoinType.SEMI);
        closeProbe();
        return output;
    }

    /**
     * Narrows the candidate pairs {@code [0..count)} to the matches (equal keys, condition TRUE)
     * and records them in the match flags.
     *
     * @return how many pairs are left
     */
    private int retainMatches(int count) {
        int matched = probe.keys().retainEqual(build.keys(), candidateProbeRows, candidateBuildRows, count);
        if (condition != null && matched > 0) {
            matched = retainConditionTrue(matched);
        }
        if (probe.matches() != null) {
            probe.matches().mark(candidateProbeRows, matched);
        }
        if (build.matches() != null) {
            build.matches().mark(candidateBuildRows, matched);
        }
        return matched;
    }

    private int retainConditionTrue(int count) {
        EvaluationContext pairs = EvaluationContext.ofLoader(count, leftColumns.size() + rightColumns.size(),
                index -> pairColumn(index, candidateProbeRows, candidateBuildRows, count));
        BooleanData result = (BooleanData) condition.evaluate(pairs);
        int kept = 0;
        for (int i = 0; i < count; i++) {
            candidateProbeRows[kept] = candidateProbeRows[i];
            candidateBuildRows[kept] = candidateBuildRows[i];
            kept += result.isTrue(i) ? 1 : 0;
        }
        return kept;
    }

    /**
     * After the whole probe input: the build rows that never found a match (RIGHT, FULL, ANTI built
     * on the left) or, for SEMI built on the left, those that did.
     */
    private Batch nextFlaggedBuildRows() {
        if (build.matches() == null) {
            return null;
        }
        ensurePairCapacity(build.rowCount());
        int count = build.matches().nextWhere(type == JoinType.SEMI, outputBuildRows, outputBuildRows.length);
        if (count == 0) {
            return null;
        }
        Arrays.fill(outputProbeRows, 0, count, -1);
        return outputBatch(count);
    }

    /** The output rows {@code (outputProbeRows[i], outputBuildRows[i])}, i below count; -1 pads with NULLs. */
    private Batch outputBatch(int count) {
        List<FieldVector> vectors = new ArrayList<>(columns.size());
        try {
            for (int index = 0; index < columns.size(); index++) {
                FieldVector vector = ArrowTypes.createVector(columns.get(index), memory.allocator());
                vectors.add(vector);
                writeOutputColumn(index, count, vector);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(count);
        return Batch.of(root);
    }

    /**
     * Writes output column {@code index} at the output pairs {@code [0..count)} into the empty
     * {@code vector}: gathered from the build side's column, or from the probe side's when the
     * join unpacked it already (keys, condition columns), else read at the pairs' probe rows
     * straight from the probe batch.
     */
    private void writeOutputColumn(int index, int count, FieldVector vector) {
        boolean isLeft = index < leftColumns.size();
        int sideIndex = isLeft ? index : index - leftColumns.size();
        ColumnType columnType = columns.get(index).type();
        if (isLeft == buildOnLeft) {
            GatheringWriter.write(columnType, build.column(sideIndex), outputBuildRows, count, vector);
        } else if (probe == null || probe.isLoaded(sideIndex)
                || GatheringWriter.anyMissing(outputProbeRows, count)) {
            GatheringWriter.write(columnType, probe == null ? null : probe.column(sideIndex), outputProbeRows, count,
                    vector);
        } else {
            probe.writeColumnAt(sideIndex, outputProbeRows, count, vector);
        }
    }

    /**
     * Column {@code index} of the concatenated left and right columns over the pairs
     * {@code (probeRows[i], buildRows[i])}, i below count.
     */
    private ColumnData pairColumn(int index, int[] probeRows, int[] buildRows, int count) {
        boolean isLeft = index < leftColumns.size();
        int sideIndex = isLeft ? index : index - leftColumns.size();
        ColumnType columnType = (isLeft ? leftColumns : rightColumns).get(sideIndex).type();
        if (isLeft == buildOnLeft) {
            return PaddedGather.gather(columnType, build.column(sideIndex), buildRows, count);
        }
        return PaddedGather.gather(columnType, probe == null ? null : probe.column(sideIndex), probeRows, count);
    }

    private void closeProbe() {
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        finished = true;
        closeProbe();
        build = null;
        candidateProbeRows = null;
        candidateBuildRows = null;
        outputProbeRows = null;
        outputBuildRows = null;
        reservation.close();
        try (probeInput) {
            if (buildInput != null) {
                buildInput.close();
            }
        }
    }
}
