package io.depot.engine.exec;

import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.operator.FilterOperator;
import io.depot.engine.operator.HashAggregateOperator;
import io.depot.engine.operator.HashJoinOperator;
import io.depot.engine.operator.LimitOperator;
import io.depot.engine.operator.Operator;
import io.depot.engine.operator.ProjectOperator;
import io.depot.engine.operator.RuntimeFilterSlot;
import io.depot.engine.operator.ScanMorsels;
import io.depot.engine.operator.ScanOperator;
import io.depot.engine.operator.SharedJoinBuild;
import io.depot.engine.operator.SharedResult;
import io.depot.engine.operator.SetOperationOperator;
import io.depot.engine.operator.TopNOperator;
import io.depot.engine.operator.UnionAllOperator;
import io.depot.engine.operator.SortOperator;
import io.depot.engine.operator.FileScanOperator;
import io.depot.engine.operator.ValuesOperator;
import io.depot.engine.operator.WindowOperator;
import io.depot.engine.plan.AggregateNode;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.JoinNode;
import io.depot.engine.plan.LimitNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.FileScanNode;
import io.depot.engine.plan.ScanNode;
import io.depot.engine.plan.SetOperation;
import io.depot.engine.plan.SharedNode;
import io.depot.engine.plan.SetOperationNode;
import io.depot.engine.plan.SortNode;
import io.depot.engine.plan.TopNNode;
import io.depot.engine.plan.ValuesNode;
import io.depot.engine.plan.WindowNode;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Turns a physical plan into a tree of operators running under one query's memory. */
final class OperatorPlanner {
    private final QueryMemory memory;
    private final Parallelism parallelism;
    /** Where EXPLAIN ANALYZE collects each node's figures; null when not profiling. */
    private final IdentityHashMap<PlanNode, OperatorProfile> profiles;
    /** The result behind each SharedNode id, its input planned at the id's first node. */
    private final Map<Integer, SharedResult> sharedResults = new HashMap<>();
    /** The runtime filters joins publish for each scan, registered when the join is planned (before its inputs). */
    private final IdentityHashMap<ScanNode, List<RuntimeFilterSlot>> scanFilters = new IdentityHashMap<>();
    /** Scans that occur more than once in the plan (a shared subtree): no runtime filter may target them. */
    private Set<ScanNode> repeatedScans;
    /**
     * Off with {@code -Ddepot.planner.disable=RUNTIME_FILTERS} (the switch of the front end's
     * rewrites), so tests and timings can compare answers and times without them.
     */
    private final boolean runtimeFiltersEnabled = !List.of(System.getProperty("depot.planner.disable", "").split(","))
            .contains(RUNTIME_FILTERS);
    /** The name that switches runtime join filters off. */
    static final String RUNTIME_FILTERS = "RUNTIME_FILTERS";

    OperatorPlanner(QueryMemory memory) {
        this(memory, Parallelism.SERIAL, null);
    }

    OperatorPlanner(QueryMemory memory, Parallelism parallelism, IdentityHashMap<PlanNode, OperatorProfile> profiles) {
        this.memory = memory;
        this.parallelism = parallelism;
        this.profiles = profiles;
    }

    /** The operator tree of the plan; the caller owns (closes) the root. */
    Operator plan(PlanNode node) {
        if (repeatedScans == null) {
            // the first call is the root's
            repeatedScans = repeatedScans(node);
        }
        Operator operator = create(node);
        if (profiles == null) {
            return operator;
        }
        OperatorProfile profile = new OperatorProfile();
        profiles.put(node, profile);
        return new ProfiledOperator(operator, profile);
    }

    private Operator create(PlanNode node) {
        if (node instanceof ScanNode scan) {
            return new ScanOperator(scan, memory.allocator(), null, scanFilters.getOrDefault(scan, List.of()));
        }
        if (node instanceof FileScanNode files) {
            return new FileScanOperator(files, memory.allocator());
        }
        if (node instanceof ValuesNode values) {
            return new ValuesOperator(values.columns(), values.rows(), memory.allocator());
        }
        if (node instanceof FilterNode filter) {
            return withInput(filter.input(), input -> new FilterOperator(input, filter.condition()));
        }
        if (node instanceof ProjectNode project) {
            return withInput(project.input(), input ->
                    new ProjectOperator(input, project.expressions(), project.columns(), memory.allocator()));
        }
        if (node instanceof AggregateNode aggregate) {
            Optional<ScanNode> parallelScan = profiles == null
                    ? parallelism.pipelineScan(aggregate.input())
                    : Optional.empty(); // EXPLAIN ANALYZE keeps one operator per node
            if (parallelScan.isPresent() && Parallelism.partialAggregation(aggregate)) {
                // one copy per worker plus one that the query's thread runs instead of waiting
                return parallelPipeline(aggregate.input(), parallelScan.get(), parallelism.threads() + 1, (copies, builds) ->
                        new ParallelAggregateOperator(aggregate, copies, builds, parallelism.pool(), memory));
            }
            return withParallelInput(aggregate.input(), input -> new HashAggregateOperator(
                    input, aggregate.groupKeys(), aggregate.calls(), aggregate.columns(), memory));
        }
        if (node instanceof SortNode sort) {
            return withParallelInput(sort.input(), input -> new SortOperator(input, sort.keys(), memory));
        }
        if (node instanceof JoinNode join) {
            // Only the build side may run on the workers: the join drains it whole before its first
            // row. A parallel probe side would keep pool threads blocked on a full queue for as long
            // as the join's reader pauses, and a second query opened meanwhile (even on the same
            // thread, as with nested JDBC result sets) would wait for those threads forever.
            // A SEMI or ANTI join built on the left is the exception: it only flags build rows
            // while it probes and emits nothing before its probe input ends, which it drains in
            // one call, so that input may run on the workers too (TPC-H Q4's lineitem scan).
            boolean buildsOnLeft = JoinSides.buildsOnLeft(join);
            List<RuntimeFilterSlot> runtimeFilters = runtimeFilters(join);
            Operator left = buildsOnLeft ? planOrderFree(join.left()) : plan(join.left());
            try {
                boolean drainsProbe = buildsOnLeft && HashJoinOperator.drainsProbeBeforeOutput(join.type(), true);
                return withPlanned(buildsOnLeft && !drainsProbe ? plan(join.right()) : planOrderFree(join.right()),
                        right -> new HashJoinOperator(left, right, join, buildsOnLeft, memory, runtimeFilters));
            } catch (RuntimeException e) {
                left.close();
                throw e;
            }
        }
        if (node instanceof SetOperationNode setOperation) {
            return withInputList(setOperation.inputs(), inputs ->
                    setOperation.operation() == SetOperation.UNION && setOperation.all()
                            ? new UnionAllOperator(inputs, setOperation.columns())
                            : new SetOperationOperator(inputs, setOperation.operation(), setOperation.all(),
                                    setOperation.columns(), memory));
        }
        if (node instanceof TopNNode topN) {
            return withParallelInput(topN.input(), input -> new TopNOperator(input, topN.keys(), topN.count(), memory));
        }
        if (node instanceof WindowNode window) {
            return withInput(window.input(), input -> new WindowOperator(input, window.partitionKeys(),
                    window.orderKeys(), window.frame(), window.calls(), window.columns(), memory));
        }
        if (node instanceof SharedNode shared) {
            SharedResult result = sharedResults.get(shared.id());
            if (result == null) {
                // its first reader drains the input whole in one call, so the input may run on the workers
                Operator input = planOrderFree(shared.input());
                try {
                    result = new SharedResult(input, memory);
                } catch (RuntimeException e) {
                    input.close();
                    throw e;
                }
                sharedResults.put(shared.id(), result);
            }
            return result.newReader();
        }
        LimitNode limit = (LimitNode) node;
        return withInput(limit.input(), input -> new LimitOperator(input, limit.offset(), limit.limit()));
    }

    /**
     * Like {@link #withInput}, for an operator that does not care in which order its input rows
     * come: a scan → filter → project pipeline below it runs on the workers behind a gather.
     */
    private Operator withParallelInput(PlanNode inputNode, Function<Operator, Operator> factory) {
        return withPlanned(planOrderFree(inputNode), factory);
    }

    /** The node's operators for a consumer that does not need its rows in order: a gather when it can. */
    private Operator planOrderFree(PlanNode node) {
        if (profiles != null) {
            // EXPLAIN ANALYZE keeps one operator per node so its counters stay exact
            return plan(node);
        }
        return parallelism.pipelineScan(node)
                .map(scan -> gather(node, scan))
                .orElseGet(() -> plan(node));
    }

    /** One copy of the pipeline per worker behind a gather. */
    private Operator gather(PlanNode pipeline, ScanNode scan) {
        return parallelPipeline(pipeline, scan, parallelism.threads(), (copies, builds) ->
                new GatherOperator(pipeline.columns(), copies, builds, parallelism.pool(), memory));
    }

    /**
     * {@code copyCount} copies of the pipeline (one per worker, or one more when the consumer's
     * thread runs one too), handed with the join builds they share to the consumer that runs them (which takes ownership of both); the copies share the scan's
     * morsels and the build of every join they probe (the build inputs planned here, once).
     */
    private Operator parallelPipeline(PlanNode pipeline, ScanNode scan, int copyCount,
            BiFunction<List<Operator>, List<SharedJoinBuild>, Operator> consumer) {
        ScanMorsels morsels = new ScanMorsels(scan.snapshot());
        IdentityHashMap<JoinNode, SharedJoinBuild> builds = new IdentityHashMap<>();
        List<Operator> copies = new ArrayList<>(copyCount);
        try {
            planSharedBuilds(pipeline, builds);
            for (int i = 0; i < copyCount; i++) {
                copies.add(copyOfPipeline(pipeline, morsels, builds));
            }
            return consumer.apply(copies, List.copyOf(builds.values()));
        } catch (RuntimeException e) {
            copies.forEach(Operator::close);
            GatherOperator.closeAll(List.copyOf(builds.values()));
            throw e;
        }
    }

    /** A shared build for each join on the pipeline's probe path, its input planned once. */
    private void planSharedBuilds(PlanNode node, IdentityHashMap<JoinNode, SharedJoinBuild> builds) {
        if (node instanceof FilterNode filter) {
            planSharedBuilds(filter.input(), builds);
        } else if (node instanceof ProjectNode project) {
            planSharedBuilds(project.input(), builds);
        } else if (node instanceof JoinNode join) {
            boolean buildsOnLeft = JoinSides.buildsOnLeft(join);
            List<RuntimeFilterSlot> runtimeFilters = runtimeFilters(join);
            Operator buildInput = planOrderFree(buildsOnLeft ? join.left() : join.right());
            builds.put(join, new SharedJoinBuild(buildInput, buildsOnLeft ? join.leftKeys() : join.rightKeys(), memory,
                    runtimeFilters));
            planSharedBuilds(JoinSides.probeSide(join), builds);
        }
    }

    private Operator copyOfPipeline(PlanNode node, ScanMorsels morsels, IdentityHashMap<JoinNode, SharedJoinBuild> builds) {
        if (node instanceof ScanNode scan) {
            return new ScanOperator(scan, memory.allocator(), morsels, scanFilters.getOrDefault(scan, List.of()));
        }
        if (node instanceof JoinNode join) {
            return withPlanned(copyOfPipeline(JoinSides.probeSide(join), morsels, builds), probe ->
                    new HashJoinOperator(probe, builds.get(join), join, JoinSides.buildsOnLeft(join), memory));
        }
        if (node instanceof FilterNode filter) {
            return withPlanned(copyOfPipeline(filter.input(), morsels, builds),
                    input -> new FilterOperator(input, filter.condition()));
        }
        ProjectNode project = (ProjectNode) node;
        return withPlanned(copyOfPipeline(project.input(), morsels, builds), input ->
                new ProjectOperator(input, project.expressions(), project.columns(), memory.allocator()));
    }

    /**
     * The runtime filters the join publishes, one per key whose probe values come unchanged from
     * a scan column, each registered for that scan; none when the join keeps unmatched probe rows.
     */
    private List<RuntimeFilterSlot> runtimeFilters(JoinNode join) {
        boolean buildsOnLeft = JoinSides.buildsOnLeft(join);
        if (!runtimeFiltersEnabled || !HashJoinOperator.mayFilterProbe(join.type(), buildsOnLeft)) {
            return List.of();
        }
        List<Integer> probeKeys = buildsOnLeft ? join.rightKeys() : join.leftKeys();
        PlanNode probe = JoinSides.probeSide(join);
        List<RuntimeFilterSlot> slots = new ArrayList<>();
        for (int k = 0; k < probeKeys.size(); k++) {
            ScanColumn source = scanColumnOf(probe, probeKeys.get(k));
            if (source == null || repeatedScans.contains(source.scan())) {
                continue;
            }
            ScanNode scan = source.scan();
            int tableColumn = scan.projection().get(source.column());
            ColumnType type = scan.columns().get(source.column()).type();
            if (!RuntimeFilterSlot.supports(type)) {
                continue;
            }
            RuntimeFilterSlot slot = new RuntimeFilterSlot(k, source.column(), tableColumn, type,
                    scan.snapshot().rowCount());
            scanFilters.computeIfAbsent(scan, ignored -> new ArrayList<>()).add(slot);
            slots.add(slot);
        }
        return slots;
    }

    /** A scan's output column. */
    private record ScanColumn(ScanNode scan, int column) {}

    /**
     * The scan column whose values output column {@code column} of the node carries unchanged,
     * through filters, plain column projections and the probe sides of joins (whose output rows
     * either carry a probe row's value or, padded for an unmatched build row, NULL, which matches
     * nothing); null when there is none. Rows dropped at that scan could only have produced output
     * rows with that value.
     */
    private static ScanColumn scanColumnOf(PlanNode node, int column) {
        if (node instanceof ScanNode scan) {
            return new ScanColumn(scan, column);
        }
        if (node instanceof FilterNode filter) {
            return scanColumnOf(filter.input(), column);
        }
        if (node instanceof ProjectNode project) {
            Expression expression = project.expressions().get(column);
            return expression instanceof ColumnReference reference ? scanColumnOf(project.input(), reference.index())
                    : null;
        }
        if (node instanceof JoinNode join) {
            int leftColumns = join.left().columns().size();
            if (JoinSides.buildsOnLeft(join)) {
                return join.type().projectsRight() && column >= leftColumns
                        ? scanColumnOf(join.right(), column - leftColumns) : null;
            }
            return column < leftColumns ? scanColumnOf(join.left(), column) : null;
        }
        return null;
    }

    /** The scans reached more than once walking the plan from its root. */
    private static Set<ScanNode> repeatedScans(PlanNode root) {
        IdentityHashMap<ScanNode, Boolean> seen = new IdentityHashMap<>();
        Set<ScanNode> repeated = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Integer> sharedIds = new HashSet<>();
        List<PlanNode> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            PlanNode node = pending.remove(pending.size() - 1);
            if (node instanceof ScanNode scan && seen.put(scan, Boolean.TRUE) != null) {
                repeated.add(scan);
            }
            // A shared input is planned and run once however many SharedNodes read it (TPC-H Q2's
            // parts-and-suppliers subtree), so its scans take the filters of the joins inside it.
            if (!(node instanceof SharedNode shared) || sharedIds.add(shared.id())) {
                pending.addAll(node.inputs());
            }
        }
        return repeated;
    }

    /** Plans the input, then the operator on top; closes the input if the operator cannot be made. */
    private Operator withInput(PlanNode inputNode, Function<Operator, Operator> factory) {
        return withPlanned(plan(inputNode), factory);
    }

    /** The operator on top of an input already made; closes the input if the operator cannot be made. */
    private static Operator withPlanned(Operator input, Function<Operator, Operator> factory) {
        try {
            return factory.apply(input);
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /** Plans every input, then the operator on top; closes the inputs if anything fails. */
    private Operator withInputList(List<PlanNode> inputNodes, Function<List<Operator>, Operator> factory) {
        List<Operator> inputs = new ArrayList<>(inputNodes.size());
        try {
            for (PlanNode inputNode : inputNodes) {
                inputs.add(plan(inputNode));
            }
            return factory.apply(inputs);
        } catch (RuntimeException e) {
            inputs.forEach(Operator::close);
            throw e;
        }
    }
}
