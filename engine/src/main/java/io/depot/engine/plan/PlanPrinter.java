package io.depot.engine.plan;

import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a plan as indented lines, one per node, children below their parent. Columns are
 * shown by name where the input has one ({@code amount}), else by position ({@code #3}).
 */
public final class PlanPrinter {
    private PlanPrinter() {}

    public static List<String> lines(PlanNode plan) {
        return lines(plan, node -> "");
    }

    /** The plan's lines, each node's followed by a note about it (EXPLAIN ANALYZE's run figures). */
    public static List<String> lines(PlanNode plan, java.util.function.Function<PlanNode, String> notes) {
        List<String> lines = new ArrayList<>();
        append(plan, 0, notes, lines, new java.util.HashSet<>());
        return lines;
    }

    /** Appends the node and its inputs; a SharedNode's input is shown at the first node of its id only. */
    private static void append(PlanNode node, int depth, java.util.function.Function<PlanNode, String> notes,
            List<String> lines, java.util.Set<Integer> sharedShown) {
        String note = notes.apply(node);
        boolean repeated = node instanceof SharedNode shared && !sharedShown.add(shared.id());
        lines.add("  ".repeat(depth) + describe(node) + (repeated ? " (computed once, above)" : "")
                + (note.isEmpty() ? "" : " " + note));
        if (repeated) {
            return;
        }
        for (PlanNode input : node.inputs()) {
            append(input, depth + 1, notes, lines, sharedShown);
        }
    }

    private static String describe(PlanNode node) {
        if (node instanceof ScanNode scan) {
            List<Column> columns = scan.columns();
            String filter = scan.filter().map(condition -> ", filter=" + expression(condition, columns)).orElse("");
            return String.format("Scan[table=%s, version=%d, columns=[%s]%s, segments=%d, rows=%d]",
                    scan.snapshot().tableName(), scan.snapshot().version(), names(columns), filter,
                    scan.snapshot().segmentCount(), scan.snapshot().rowCount());
        }
        if (node instanceof FilterNode filter) {
            return "Filter[" + expression(filter.condition(), filter.input().columns()) + "]";
        }
        if (node instanceof ProjectNode project) {
            List<Column> input = project.input().columns();
            List<String> items = new ArrayList<>();
            for (int i = 0; i < project.expressions().size(); i++) {
                String text = expression(project.expressions().get(i), input);
                String name = project.names().get(i);
                items.add(text.equals(name) ? text : text + " AS " + name);
            }
            return "Project[" + String.join(", ", items) + "]";
        }
        if (node instanceof AggregateNode aggregate) {
            List<Column> input = aggregate.input().columns();
            String keys = aggregate.groupKeys().stream().map(key -> input.get(key).name()).collect(Collectors.joining(", "));
            String calls = aggregate.calls().stream().map(call -> call.function()
                            + "(" + (call.distinct() ? "DISTINCT " : "")
                            + (call.argument().isPresent() ? input.get(call.argument().getAsInt()).name() : "*")
                            + ") AS " + call.name())
                    .collect(Collectors.joining(", "));
            return "Aggregate[groupBy=[" + keys + "], aggregates=[" + calls + "]]";
        }
        if (node instanceof SortNode sort) {
            return "Sort[" + sortKeys(sort.keys(), sort.input().columns()) + "]";
        }
        if (node instanceof TopNNode topN) {
            return "TopN[" + sortKeys(topN.keys(), topN.input().columns()) + ", count=" + topN.count() + "]";
        }
        if (node instanceof LimitNode limit) {
            return "Limit[offset=" + limit.offset() + ", limit="
                    + (limit.limit() == LimitNode.NO_LIMIT ? "none" : Long.toString(limit.limit())) + "]";
        }
        if (node instanceof JoinNode join) {
            List<Column> left = join.left().columns();
            List<Column> right = join.right().columns();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < join.leftKeys().size(); i++) {
                keys.add(left.get(join.leftKeys().get(i)).name() + " = " + right.get(join.rightKeys().get(i)).name());
            }
            List<Column> both = new ArrayList<>(left);
            both.addAll(right);
            String condition = join.condition().map(c -> ", condition=" + expression(c, both)).orElse("");
            return "Join[" + join.type() + ", keys=[" + String.join(", ", keys) + "]" + condition
                    + (join.buildLeft() ? ", build=left" : "") + "]";
        }
        if (node instanceof SetOperationNode setOperation) {
            return "SetOperation[" + setOperation.operation() + (setOperation.all() ? " ALL" : "") + "]";
        }
        if (node instanceof WindowNode window) {
            List<Column> input = window.input().columns();
            String partition = window.partitionKeys().stream().map(key -> input.get(key).name())
                    .collect(Collectors.joining(", "));
            String order = window.orderKeys().stream().map(key -> input.get(key.column()).name()
                            + (key.descending() ? " DESC" : " ASC"))
                    .collect(Collectors.joining(", "));
            String calls = window.calls().stream().map(call -> call.function() + "("
                            + (call.argument().isPresent() ? input.get(call.argument().getAsInt()).name() : "")
                            + ") AS " + call.name())
                    .collect(Collectors.joining(", "));
            return "Window[partitionBy=[" + partition + "], orderBy=[" + order + "], frame=" + window.frame()
                    + ", functions=[" + calls + "]]";
        }
        if (node instanceof FileScanNode files) {
            return String.format("FileScan[format=%s, files=[%s], columns=[%s]]",
                    files.scan().format(), files.scan().description(), names(files.columns()));
        }
        if (node instanceof SharedNode shared) {
            return "Shared[id=" + shared.id() + "]";
        }
        ValuesNode values = (ValuesNode) node;
        return "Values[rows=" + values.rows().size() + ", columns=[" + names(values.columns()) + "]]";
    }

    private static String sortKeys(List<SortKey> keys, List<Column> input) {
        return keys.stream().map(key -> input.get(key.column()).name()
                        + (key.descending() ? " DESC" : " ASC") + (key.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
                .collect(Collectors.joining(", "));
    }

    private static String names(List<Column> columns) {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** An expression in SQL-like infix form over the given input columns. */
    static String expression(Expression expression, List<Column> input) {
        if (expression instanceof ColumnReference reference) {
            return reference.index() < input.size() ? input.get(reference.index()).name() : "#" + reference.index();
        }
        if (expression instanceof Literal literal) {
            if (literal.value() == null) {
                return "NULL";
            }
            return switch (literal.type().kind()) {
                case VARCHAR -> "'" + literal.value().toString().replace("'", "''") + "'";
                case DATE, TIMESTAMP -> literal.type().kind() + " '" + literal.value().toString().replace('T', ' ') + "'";
                default -> literal.value().toString();
            };
        }
        Call call = (Call) expression;
        List<String> arguments = call.arguments().stream().map(argument -> expression(argument, input)).toList();
        String infix = infix(call.function());
        if (infix != null && arguments.size() >= 2) {
            return "(" + String.join(" " + infix + " ", arguments) + ")";
        }
        if (call.function() == Function.CAST) {
            return "CAST(" + arguments.get(0) + " AS " + call.type() + ")";
        }
        return call.function() + "(" + String.join(", ", arguments) + ")";
    }

    private static String infix(Function function) {
        return switch (function) {
            case ADD -> "+";
            case SUBTRACT -> "-";
            case MULTIPLY -> "*";
            case DIVIDE -> "/";
            case MODULO -> "%";
            case EQUAL -> "=";
            case NOT_EQUAL -> "<>";
            case LESS_THAN -> "<";
            case LESS_THAN_OR_EQUAL -> "<=";
            case GREATER_THAN -> ">";
            case GREATER_THAN_OR_EQUAL -> ">=";
            case AND -> "AND";
            case OR -> "OR";
            default -> null;
        };
    }
}
