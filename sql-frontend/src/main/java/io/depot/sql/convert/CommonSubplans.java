package io.depot.sql.convert;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.externalize.RelWriterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.util.Pair;
import org.checkerframework.checker.nullness.qual.Nullable;

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
        count(root, keys, counts, new HashMap<>());
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

    /**
     * Gives every node its key: its row type and the number of its printed subtree. Subtrees are
     * numbered bottom-up (a node's own line, as EXPLAIN prints it, and its inputs' numbers), so
     * two subtrees get one number exactly when they print alike, and no subtree is printed whole
     * (printing each node's subtree made this quadratic in the plan's depth). Returns the number.
     */
    private static int count(RelNode node, Map<RelNode, String> keys, Map<String, Integer> counts,
            Map<String, Integer> subtrees) {
        StringBuilder text = new StringBuilder(nodeLine(node));
        for (RelNode input : node.getInputs()) {
            text.append(" #").append(count(input, keys, counts, subtrees));
        }
        int subtree = subtrees.computeIfAbsent(text.toString(), t -> subtrees.size());
        String key = node.getRowType().getFullTypeString() + "\n" + subtree;
        keys.put(node, key);
        counts.merge(key, 1, Integer::sum);
        return subtree;
    }

    /** The node's own line of {@code RelOptUtil.toString}: its type name and attributes, without its inputs. */
    private static String nodeLine(RelNode node) {
        StringBuilder line = new StringBuilder();
        node.explain(new RelWriterImpl(new PrintWriter(Writer.nullWriter()), SqlExplainLevel.EXPPLAN_ATTRIBUTES, false) {
            @Override
            protected void explain_(RelNode rel, List<Pair<String, @Nullable Object>> values) {
                line.append(rel.getRelTypeName()).append('(');
                for (Pair<String, @Nullable Object> value : values) {
                    if (!(value.right instanceof RelNode)) {
                        line.append(value.left).append("=[").append(value.right).append("], ");
                    }
                }
                line.append(')');
            }
        });
        return line.toString();
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
