package io.depot.sql.convert;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.AggregateCall;
import io.depot.engine.plan.AggregateFunction;
import io.depot.engine.plan.AggregateNode;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.JoinNode;
import io.depot.engine.plan.JoinType;
import io.depot.engine.plan.LimitNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.ScanNode;
import io.depot.engine.plan.SetOperation;
import io.depot.engine.plan.SetOperationNode;
import io.depot.engine.plan.SharedNode;
import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.SortNode;
import io.depot.engine.plan.TopNNode;
import io.depot.engine.plan.ValuesNode;
import io.depot.sql.schema.DepotCalciteTable;
import io.depot.sql.schema.SystemTable;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Snapshot;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import io.depot.sql.planner.FileTableFunction;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Translates an optimized Calcite logical plan into an engine plan.
 *
 * <p>Scans are built together with the filter and the columns their parent uses, so a scan
 * reads only the columns the query needs and evaluates its filter while decoding.
 */
public final class RelTranslator {
    /** Pins one snapshot per table for the whole query. */
    public interface SnapshotSource {
        Snapshot snapshot(DepotCalciteTable table);
    }

    private final RexBuilder rexBuilder;
    private final SnapshotSource snapshots;
    private final List<Object> parameters;
    /** CURRENT_DATE and CURRENT_TIMESTAMP: one reading of the clock per translation (per query). */
    private final java.time.LocalDateTime now = FunctionTranslator.queryTime();
    private final Map<RelNode, Integer> shared;
    /** The one translation behind each shared id. */
    private final Map<Integer, PlanNode> sharedInputs = new HashMap<>();

    /**
     * @param parameters values of the statement's {@code ?} parameters, already in the Java form
     *     of their types (see {@code Parameters.bind})
     */
    public RelTranslator(RexBuilder rexBuilder, SnapshotSource snapshots, List<Object> parameters) {
        this(rexBuilder, snapshots, parameters, Map.of());
    }

    /**
     * @param shared the plan's subtrees to compute once, each with the id of its equal subtrees
     *     ({@link CommonSubplans#find}); each becomes a {@code SharedNode} over one translation
     */
    public RelTranslator(RexBuilder rexBuilder, SnapshotSource snapshots, List<Object> parameters,
            Map<RelNode, Integer> shared) {
        this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.shared = requireNonNull(shared, "shared is null");
    }

    public PlanNode translate(RelNode rel) {
        Integer id = shared.get(rel);
        if (id == null) {
            return translateNode(rel);
        }
        PlanNode input = sharedInputs.get(id);
        if (input == null) {
            input = translateNode(rel);
            sharedInputs.put(id, input);
        }
        return new SharedNode(id, input);
    }

    private PlanNode translateNode(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return input(scan, ImmutableBitSet.range(scan.getRowType().getFieldCount())).node();
        }
        if (rel instanceof Filter filter) {
            if (filter.getInput() instanceof TableScan) {
                return input(filter, ImmutableBitSet.range(filter.getRowType().getFieldCount())).node();
            }
            Input input = identity(translate(filter.getInput()));
            return new FilterNode(input.node(), input.translator(rexBuilder, parameters, now).translate(filter.getCondition()));
        }
        if (rel instanceof Project project) {
            return project(project);
        }
        if (rel instanceof Aggregate aggregate) {
            return aggregate(aggregate);
        }
        if (rel instanceof Sort sort) {
            return sort(sort);
        }
        if (rel instanceof Values values) {
            return values(values);
        }
        if (rel instanceof Join join) {
            return join(join);
        }
        if (rel instanceof SetOp setOp) {
            return setOperation(setOp);
        }
        if (rel instanceof TableFunctionScan functionScan && FileTableFunction.planNode(functionScan) != null) {
            return FileTableFunction.planNode(functionScan);
        }
        if (rel instanceof Window window) {
            return WindowTranslator.translate(window, translate(window.getInput()));
        }
        throw new DepotException(ErrorCode.USER, String.format(
                "Query uses %s, which is not supported yet", rel.getRelTypeName().replace("Logical", "")));
    }

    private PlanNode project(Project project) {
        Input input = input(project.getInput(), RelOptUtil.InputFinder.bits(project.getProjects(), null));
        RexTranslator translator = input.translator(rexBuilder, parameters, now);
        List<Expression> expressions = new ArrayList<>();
        for (RexNode node : project.getProjects()) {
            expressions.add(translator.translate(node));
        }
        List<String> names = project.getRowType().getFieldNames();
        if (isIdentity(expressions, names, input.node().columns())) {
            // a projection of the columns a scan was narrowed to: the scan already gives them
            return input.node();
        }
        return new ProjectNode(input.node(), expressions, names);
    }

    /** Whether the expressions are the input's columns, in order and under the same names. */
    private static boolean isIdentity(List<Expression> expressions, List<String> names, List<Column> inputColumns) {
        if (expressions.size() != inputColumns.size()) {
            return false;
        }
        for (int i = 0; i < expressions.size(); i++) {
            if (!(expressions.get(i) instanceof ColumnReference reference) || reference.index() != i
                    || !names.get(i).equals(inputColumns.get(i).name())) {
                return false;
            }
        }
        return true;
    }

    private PlanNode aggregate(Aggregate aggregate) {
        if (aggregate.getGroupType() == Aggregate.Group.SIMPLE) {
            return aggregate(aggregate, aggregate.getGroupSet());
        }
        return GroupingSets.unionOfSets(aggregate, this::aggregate, columnsOf(aggregate));
    }

    /**
     * The aggregate grouped by {@code groupSet} only (a subset of its group keys): columns are the
     * set's keys, then one per aggregate call; GROUPING() is the constant bit mask of the keys
     * the set leaves out.
     */
    private PlanNode aggregate(Aggregate aggregate, ImmutableBitSet groupSet) {
        ImmutableBitSet.Builder used = groupSet.rebuild();
        for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
            if (call.getAggregation().getKind() != SqlKind.GROUPING) {
                used.addAll(call.getArgList());
            }
        }
        Input input = input(aggregate.getInput(), used.build());
        List<Integer> groupKeys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int key : groupSet) {
            groupKeys.add(input.mapping()[key]);
            names.add(aggregate.getRowType().getFieldNames().get(aggregate.getGroupSet().indexOf(key)));
        }
        int keyCount = aggregate.getGroupSet().cardinality();
        for (int i = 0; i < aggregate.getAggCallList().size(); i++) {
            names.add(aggregate.getRowType().getFieldNames().get(keyCount + i));
        }
        List<AggregateCall> calls = new ArrayList<>();
        // What each output column is, when it is not simply the engine aggregate's column:
        // a constant (LITERAL_AGG, GROUPING) or a SUM that gives 0 over no rows (SUM0).
        Expression[] finishing = new Expression[groupKeys.size() + aggregate.getAggCallList().size()];
        for (int i = 0; i < aggregate.getAggCallList().size(); i++) {
            org.apache.calcite.rel.core.AggregateCall call = aggregate.getAggCallList().get(i);
            int output = groupKeys.size() + i;
            if (call.filterArg >= 0) {
                throw new DepotException(ErrorCode.USER, "Aggregate FILTER clauses are not supported yet");
            }
            if (call.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
                // Calcite's marker aggregate (from subquery rewrites): the same constant for every group
                finishing[output] = RexTranslator.literal((RexLiteral) call.rexList.get(0));
                continue;
            }
            if (call.getAggregation().getKind() == SqlKind.GROUPING) {
                finishing[output] = GroupingSets.groupingValue(call, groupSet, CalciteTypes.columnType(call.getType()));
                continue;
            }
            AggregateFunction function = switch (call.getAggregation().getKind()) {
                case COUNT -> AggregateFunction.COUNT;
                case SUM, SUM0 -> AggregateFunction.SUM;
                case MIN -> AggregateFunction.MIN;
                case MAX -> AggregateFunction.MAX;
                case AVG -> AggregateFunction.AVG;
                case VAR_POP -> AggregateFunction.VAR_POP;
                case VAR_SAMP -> AggregateFunction.VAR_SAMP;
                case STDDEV_POP -> AggregateFunction.STDDEV_POP;
                case STDDEV_SAMP -> AggregateFunction.STDDEV_SAMP;
                default -> throw new DepotException(ErrorCode.USER, String.format(
                        "Aggregate function[%s] is not supported yet", call.getAggregation().getName()));
            };
            if (call.getArgList().size() > 1) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Aggregate function[%s] with several arguments is not supported yet",
                        call.getAggregation().getName()));
            }
            OptionalInt argument = call.getArgList().isEmpty()
                    ? OptionalInt.empty()
                    : OptionalInt.of(input.mapping()[call.getArgList().get(0)]);
            ColumnType type = CalciteTypes.columnType(call.getType());
            int engineColumn = groupKeys.size() + calls.size();
            calls.add(new AggregateCall(function, argument, call.isDistinct(), type, names.get(output)));
            Expression reference = new ColumnReference(engineColumn, type, function != AggregateFunction.COUNT);
            finishing[output] = call.getAggregation().getKind() == SqlKind.SUM0
                    ? new Call(Function.COALESCE, List.of(reference, zero(type)), type, false)
                    : reference;
        }
        AggregateNode node = new AggregateNode(input.node(), groupKeys, calls);
        return finish(node, finishing, names);
    }

    /** Projects the aggregate's output into Calcite's columns when some are not plain references. */
    private static PlanNode finish(AggregateNode node, Expression[] finishing, List<String> names) {
        List<Column> columns = node.columns();
        boolean identity = true;
        List<Expression> expressions = new ArrayList<>();
        for (int i = 0; i < finishing.length; i++) {
            Expression expression = finishing[i] != null
                    ? finishing[i]
                    : new ColumnReference(i, columns.get(i).type(), columns.get(i).nullable());
            identity &= expression instanceof ColumnReference reference && reference.index() == i;
            expressions.add(expression);
        }
        return identity && finishing.length == columns.size() ? node : new ProjectNode(node, expressions, names);
    }

    private static Literal zero(ColumnType type) {
        return LiteralCoercion.coerce(new Literal(BigDecimal.ZERO.setScale(0), ColumnType.decimal(1, 0)), type);
    }

    /**
     * Equality conditions between a left and a right column of the same type become hash keys;
     * everything else (other comparisons, keys of different types, IS NOT DISTINCT FROM) stays
     * a residual condition over the concatenated columns.
     */
    private PlanNode join(Join join) {
        JoinType type = switch (join.getJoinType()) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            case SEMI -> JoinType.SEMI;
            case ANTI -> JoinType.ANTI;
            default -> throw new DepotException(ErrorCode.USER, String.format(
                    "%s joins are not supported yet", join.getJoinType()));
        };
        Input left = input(join.getLeft(), ImmutableBitSet.range(join.getLeft().getRowType().getFieldCount()));
        Input right = input(join.getRight(), ImmutableBitSet.range(join.getRight().getRowType().getFieldCount()));
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<Boolean> filterNulls = new ArrayList<>();
        List<RexNode> residual = new ArrayList<>();
        List<Integer> candidateLeft = new ArrayList<>();
        List<Integer> candidateRight = new ArrayList<>();
        RelOptUtil.splitJoinCondition(join.getLeft(), join.getRight(), join.getCondition(),
                candidateLeft, candidateRight, filterNulls, residual);
        int leftFieldCount = join.getLeft().getRowType().getFieldCount();
        List<Column> leftColumns = left.node().columns();
        List<Column> rightColumns = right.node().columns();
        for (int i = 0; i < candidateLeft.size(); i++) {
            int leftColumn = left.mapping()[candidateLeft.get(i)];
            int rightColumn = right.mapping()[candidateRight.get(i)];
            if (filterNulls.get(i) && leftColumns.get(leftColumn).type().equals(rightColumns.get(rightColumn).type())) {
                leftKeys.add(leftColumn);
                rightKeys.add(rightColumn);
            } else {
                residual.add(rexBuilder.makeCall(
                        filterNulls.get(i)
                                ? SqlStdOperatorTable.EQUALS
                                : SqlStdOperatorTable.IS_NOT_DISTINCT_FROM,
                        rexBuilder.makeInputRef(join.getLeft(), candidateLeft.get(i)),
                        rexBuilder.makeInputRef(
                                join.getRight().getRowType().getFieldList().get(candidateRight.get(i)).getType(),
                                leftFieldCount + candidateRight.get(i))));
            }
        }
        Optional<Expression> condition = Optional.empty();
        RexNode residualCondition = RexUtil.composeConjunction(rexBuilder, residual, true);
        if (residualCondition != null && !residualCondition.isAlwaysTrue()) {
            int[] mapping = new int[leftFieldCount + join.getRight().getRowType().getFieldCount()];
            List<ColumnType> types = new ArrayList<>();
            leftColumns.forEach(column -> types.add(column.type()));
            rightColumns.forEach(column -> types.add(column.type()));
            for (int field = 0; field < mapping.length; field++) {
                mapping[field] = field < leftFieldCount
                        ? left.mapping()[field]
                        : leftColumns.size() + right.mapping()[field - leftFieldCount];
            }
            condition = Optional.of(new RexTranslator(rexBuilder, mapping, types, parameters, now).translate(residualCondition));
        }
        return new JoinNode(left.node(), right.node(), type, leftKeys, rightKeys, condition, buildsLeft(join, type));
    }

    /**
     * Whether a SEMI or ANTI join builds its hash table on the left input: when the planner
     * expects fewer rows there (EXISTS over a large table for a few outer rows), the right input
     * streams through a small table that marks which left rows matched. INNER joins are left to
     * the engine, which knows exact sizes for scans.
     */
    private static boolean buildsLeft(Join join, JoinType type) {
        if (type != JoinType.SEMI && type != JoinType.ANTI) {
            return false;
        }
        RelMetadataQuery metadata = join.getCluster().getMetadataQuery();
        Double left = metadata.getRowCount(join.getLeft());
        Double right = metadata.getRowCount(join.getRight());
        return left != null && right != null && left < right;
    }

    /** UNION/INTERSECT/EXCEPT [ALL]; inputs whose column types differ from the result's are cast. */
    private PlanNode setOperation(SetOp setOp) {
        SetOperation operation = setOp instanceof Intersect
                ? SetOperation.INTERSECT
                : setOp instanceof Minus ? SetOperation.EXCEPT : SetOperation.UNION;
        List<Column> columns = columnsOf(setOp);
        List<PlanNode> inputs = new ArrayList<>();
        for (RelNode input : setOp.getInputs()) {
            inputs.add(castColumns(translate(input), columns));
        }
        return new SetOperationNode(inputs, operation, setOp.all, columns);
    }

    /** The node, or a projection of it casting each column whose type differs from the target's. */
    private static PlanNode castColumns(PlanNode node, List<Column> targets) {
        List<Column> columns = node.columns();
        boolean same = true;
        List<Expression> expressions = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            same &= column.type().equals(targets.get(i).type());
            expressions.add(RexTranslator.castTo(
                    new ColumnReference(i, column.type(), column.nullable()), targets.get(i).type()));
        }
        return same ? node : new ProjectNode(node, expressions, columns.stream().map(Column::name).toList());
    }

    /** The engine columns of a relational expression's row type. */
    static List<Column> columnsOf(RelNode rel) {
        List<Column> columns = new ArrayList<>();
        rel.getRowType().getFieldList().forEach(field -> columns.add(new Column(
                field.getName(), CalciteTypes.columnType(field.getType()), field.getType().isNullable())));
        return columns;
    }

    /** Largest OFFSET + LIMIT planned as a top-N; beyond it a full sort costs no more. */
    private static final long MAX_TOP_N = 1_000_000;

    private PlanNode sort(Sort sort) {
        PlanNode input = translate(sort.getInput());
        long offset = sort.offset == null ? 0 : constant(sort.offset, "OFFSET");
        long limit = sort.fetch == null ? LimitNode.NO_LIMIT : constant(sort.fetch, "LIMIT");
        if (!sort.getCollation().getFieldCollations().isEmpty()) {
            List<SortKey> keys = new ArrayList<>();
            for (RelFieldCollation collation : sort.getCollation().getFieldCollations()) {
                keys.add(new SortKey(
                        collation.getFieldIndex(),
                        collation.getDirection().isDescending(),
                        collation.nullDirection == RelFieldCollation.NullDirection.FIRST));
            }
            if (limit != LimitNode.NO_LIMIT && offset + limit <= MAX_TOP_N) {
                PlanNode topN = new TopNNode(input, keys, (int) (offset + limit));
                return offset == 0 ? topN : new LimitNode(topN, offset, limit);
            }
            input = new SortNode(input, keys);
        }
        if (sort.offset == null && sort.fetch == null) {
            return input;
        }
        return new LimitNode(input, offset, limit);
    }

    private long constant(RexNode node, String clause) {
        Object value = null;
        if (node instanceof RexLiteral literal) {
            value = literal.getValueAs(Long.class);
        } else if (node instanceof RexDynamicParam parameter) {
            value = parameters.get(parameter.getIndex());
        }
        if (value instanceof Number number && number.longValue() >= 0) {
            return number.longValue();
        }
        throw new DepotException(ErrorCode.USER, clause + " must be a non-negative integer constant");
    }

    private static PlanNode values(Values values) {
        List<Column> columns = columnsOf(values);
        List<List<Literal>> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            List<Literal> row = new ArrayList<>();
            for (int i = 0; i < tuple.size(); i++) {
                row.add(LiteralCoercion.coerce(RexTranslator.literal(tuple.get(i)), columns.get(i).type()));
            }
            rows.add(row);
        }
        return new ValuesNode(columns, rows);
    }

    /**
     * The engine input for a parent that uses {@code usedFields} of {@code rel}: a scan of only
     * those columns when {@code rel} is a scan or a filter on a scan, else the full translation.
     */
    private Input input(RelNode rel, ImmutableBitSet usedFields) {
        if (rel instanceof TableScan scan) {
            return scan(scan, usedFields, null);
        }
        if (rel instanceof Filter filter && filter.getInput() instanceof TableScan scan) {
            ImmutableBitSet withFilter = usedFields.union(RelOptUtil.InputFinder.bits(filter.getCondition()));
            return scan(scan, withFilter, filter.getCondition());
        }
        return identity(translate(rel));
    }

    private Input scan(TableScan scan, ImmutableBitSet usedFields, RexNode condition) {
        SystemTable systemTable = scan.getTable().unwrap(SystemTable.class);
        if (systemTable != null) {
            Input rows = identity(new ValuesNode(systemTable.columns(), systemTable.rows()));
            return condition == null
                    ? rows
                    : identity(new FilterNode(rows.node(), rows.translator(rexBuilder, parameters, now).translate(condition)));
        }
        DepotCalciteTable table = scan.getTable().unwrap(DepotCalciteTable.class);
        if (table == null) {
            throw new IllegalStateException("scan of a table Depot does not own: " + scan.getTable().getQualifiedName());
        }
        Snapshot snapshot = snapshots.snapshot(table);
        if (usedFields.isEmpty()) {
            // COUNT(*) needs rows but no values: read the cheapest column just for its row count.
            usedFields = ImmutableBitSet.of(cheapestColumn(snapshot));
        }
        int fieldCount = scan.getRowType().getFieldCount();
        int[] mapping = new int[fieldCount];
        Arrays.fill(mapping, -1);
        List<Integer> projection = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        for (int field : usedFields) {
            mapping[field] = projection.size();
            projection.add(field);
            types.add(snapshot.schema().column(field).type());
        }
        Optional<Expression> filter = condition == null
                ? Optional.empty()
                : Optional.of(new RexTranslator(rexBuilder, mapping, types, parameters, now).translate(condition));
        return new Input(new ScanNode(snapshot, projection, filter), mapping);
    }

    private static int cheapestColumn(Snapshot snapshot) {
        for (int i = 0; i < snapshot.schema().size(); i++) {
            if (snapshot.schema().column(i).type().kind() != io.depot.storage.type.TypeKind.VARCHAR) {
                return i;
            }
        }
        return 0;
    }

    private static Input identity(PlanNode node) {
        int[] mapping = new int[node.columns().size()];
        Arrays.setAll(mapping, i -> i);
        return new Input(node, mapping);
    }

    /** An engine plan plus where each Calcite input field ended up in it. */
    private record Input(PlanNode node, int[] mapping) {
        RexTranslator translator(RexBuilder rexBuilder, List<Object> parameters, java.time.LocalDateTime now) {
            return new RexTranslator(rexBuilder, mapping, node.columns().stream().map(Column::type).toList(), parameters,
                    now);
        }
    }
}
