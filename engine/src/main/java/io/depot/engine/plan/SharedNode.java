package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.Column;
import java.util.List;

/**
 * The rows of {@code input}, computed once per query however often the plan reads them: every
 * SharedNode of a plan with the same {@code id} stands for one computation of the same input (a
 * view or subquery the query names twice, as TPC-H Q15 does with its revenue view). The executor
 * runs the input once, keeps its rows in memory and hands each reader its own copy; the rows
 * come in the input's order.
 *
 * <p>All nodes of one id must have equal inputs; the front end gives them the same instance.
 */
public record SharedNode(int id, PlanNode input) implements PlanNode {
    public SharedNode {
        requireNonNull(input, "input is null");
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
