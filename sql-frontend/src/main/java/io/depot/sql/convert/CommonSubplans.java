package io.depot.sql.convert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;

/**
 * Finds the parts of a plan that compute the same rows more than once, so the engine computes
 * them once ({@code SharedNode}): TPC-H Q15 names its revenue view twice (the suppliers' revenue,
 * and its maximum), Q2's correlated subquery is decorrelated into a second copy of the outer
 * query's joins. Two subtrees are the same when their Calcite plans print alike (operators,
 * expressions over input positions, tables) and their row types match.
 *
 * <p>Only subtrees worth keeping in memory are shared: ones with an aggregation or a join in them
 * (a scan, filter or projection streams cheaper than it can be kept), expected to have at most
 * {@link #MAXIMUM_ROWS} rows, and deterministic throughout (two readers of one RAND() would see
 * the same values). The largest such subtree wins; nothing inside it is shared separately.
 */
public final class CommonSubplans {
    /** Keep at most this many rows (by Calcite's estimate) of a shared subtree in memory. */
    static final double MAXIMUM_ROWS = 1_000_000;

    private CommonSubplans() {}

    /** For each node of the plan that is one of several equal subtrees worth sharing, their common id. */
    public static Map<RelNode, Integer> find(RelNode root) {
        Map<RelNode, String> keys = new IdentityHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        count(root, keys, counts);
        Map<RelNode, Integer> shared = new IdentityHashMap<>();
        if (counts.values().stream().allMatch(count -> count < 2)) {
            return shared;
        }
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Boolean> worth = new HashMap<>();
        Map<Integer, Integer> uses = new HashMap<>();
        List<RelNode> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            RelNode node = pending.remove(pending.size() - 1);
            String key = keys.get(node);
            if (counts.get(key) >= 2 && worth.computeIfAbsent(key, k -> worthSharing(node))) {
                int id = ids.computeIfAbsent(key, k -> ids.size() + 1);
                shared.put(node, id);
                uses.merge(id, 1, Integer::sum);
                continue;
            }
            pending.addAll(node.getInputs());
        }
        // an id met once (its twin lies inside a larger shared subtree) is not shared; the plan
        // may hold one instance at both places (Calcite's Hep planner merges equal subtrees)
        shared.values().removeIf(id -> uses.get(id) < 2);
        return shared;
    }

    private static void count(RelNode node, Map<RelNode, String> keys, Map<String, Integer> counts) {
        for (RelNode input : node.getInputs()) {
            count(input, keys, counts);
        }
        String key = node.getRowType().getFullTypeString() + "\n" + RelOptUtil.toString(node);
        keys.put(node, key);
        counts.merge(key, 1, Integer::sum);
    }

    private static boolean worthSharing(RelNode node) {
        if (node instanceof TableScan || node instanceof Filter filter && filter.getInput() instanceof TableScan) {
            return false;
        }
        if (!computesRows(node) || !deterministic(node)) {
            return false;
        }
        Double rows = node.getCluster().getMetadataQuery().getRowCount(node);
        return rows != null && rows <= MAXIMUM_ROWS;
    }

    /** Whether the subtree aggregates or joins (work worth not repeating). */
    private static boolean computesRows(RelNode node) {
        if (node instanceof Aggregate || node instanceof Join) {
            return true;
        }
        for (RelNode input : node.getInputs()) {
            if (computesRows(input)) {
                return true;
            }
        }
        return false;
    }

    private static boolean deterministic(RelNode node) {
        boolean[] deterministic = {true};
        node.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(org.apache.calcite.rex.RexCall call) {
                if (!RexUtil.isDeterministic(call)) {
                    deterministic[0] = false;
                }
                return call;
            }
        });
        if (!deterministic[0]) {
            return false;
        }
        for (RelNode input : node.getInputs()) {
            if (!deterministic(input)) {
                return false;
            }
        }
        return true;
    }
}
