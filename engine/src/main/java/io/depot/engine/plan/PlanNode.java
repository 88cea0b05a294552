package io.depot.engine.plan;

import io.depot.storage.type.Column;
import java.util.List;

/** A node of a physical query plan. Plans are immutable data; the executor runs them. */
public sealed interface PlanNode
        permits ScanNode, FilterNode, ProjectNode, AggregateNode, SortNode, LimitNode, ValuesNode, JoinNode,
                SetOperationNode, WindowNode, TopNNode, FileScanNode, SharedNode {
    /** The columns this node produces, in order. */
    List<Column> columns();

    /** The direct inputs of this node. */
    List<PlanNode> inputs();
}
