package io.depot.sql.planner;

import static java.util.Objects.requireNonNull;

import io.depot.sql.convert.CalciteTypes;
import io.depot.sql.parser.impl.DepotSqlParserImpl;
import io.depot.sql.schema.CatalogState;
import io.depot.sql.schema.DepotSchema;
import io.depot.sql.schema.InformationSchema;
import io.depot.sql.schema.SystemSchema;
import io.depot.storage.type.ColumnType;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;

/**
 * Turns SQL text into an optimized logical plan: parse, validate against the database's tables,
 * convert to relational algebra, remove subqueries, decorrelate, then apply rewrite rules.
 *
 * <p>Identifiers are case-insensitive and keep the case they were written in, as in most
 * warehouses; double quotes quote identifiers. A new planner is built per statement (Calcite's
 * validator and converter are single-use), over a fresh view of the catalog.
 */
public final class SqlPlanner {
    static {
        // Calcite reads its default charset once, from system properties, the first time it is
        // used; ISO-8859-1 would reject literals like '서울'. Respect a host's explicit choice.
        setIfAbsent("calcite.default.charset", "UTF-8");
        setIfAbsent("calcite.default.nationalcharset", "UTF-8");
        setIfAbsent("calcite.default.collation.name", "UTF-8$en_US");
    }

    private static final SqlParser.Config PARSER_CONFIG = SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withQuotedCasing(Casing.UNCHANGED)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.LENIENT)
            .withParserFactory(DepotSqlParserImpl.FACTORY);

    private static final HepProgram SUBQUERY_REMOVAL = new HepProgramBuilder()
            .addRuleInstance(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE)
            .addRuleInstance(CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE)
            .addRuleInstance(CoreRules.JOIN_SUB_QUERY_TO_CORRELATE)
            .build();

    /** Moves window functions (RexOver) out of projections into Window rels, one per window. */
    private static final HepProgram WINDOWS = new HepProgramBuilder()
            .addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)
            .build();

    private static final List<org.apache.calcite.plan.RelOptRule> PUSH_DOWN = List.of(
            CoreRules.FILTER_INTO_JOIN,
            CoreRules.JOIN_CONDITION_PUSH,
            CoreRules.FILTER_MERGE,
            CoreRules.FILTER_PROJECT_TRANSPOSE,
            CoreRules.FILTER_AGGREGATE_TRANSPOSE,
            CoreRules.PROJECT_MERGE,
            CoreRules.PROJECT_REMOVE,
            CoreRules.AGGREGATE_PROJECT_MERGE);

    /** Moves filters below the projections a trim put over scans, and merges the projections. */
    private static final HepProgram AFTER_TRIM = new HepProgramBuilder()
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleCollection(List.of(CoreRules.FILTER_PROJECT_TRANSPOSE, CoreRules.FILTER_MERGE,
                    CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE))
            .build();

    /**
     * Pushes filters into joins and scans, then orders joins by estimated size (Calcite's
     * LoptOptimizeJoinRule over a MultiJoin, using table row counts), then pushes again.
     */
    private static final HepProgram REWRITES = new HepProgramBuilder()
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleCollection(PUSH_DOWN)
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
            .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE)
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleCollection(PUSH_DOWN)
            .build();

    private final Database database;

    public SqlPlanner(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** The optimized plan of a statement and the types of its {@code ?} parameters, in order. */
    /**
     * @param reusableWhile present when the plan may be reused for the same statement text while
     *     this catalog state holds; empty when it depends on more than the catalog (a file read
     *     while planning, under the planning session's file access)
     */
    public record Plan(RelRoot root, List<ColumnType> parameterTypes, Optional<CatalogState> reusableWhile) {
        public Plan {
            requireNonNull(root, "root is null");
            parameterTypes = List.copyOf(parameterTypes);
            requireNonNull(reusableWhile, "reusableWhile is null");
        }

        /** A plan that is not reused. */
        public Plan(RelRoot root, List<ColumnType> parameterTypes) {
            this(root, parameterTypes, Optional.empty());
        }
    }

    /** Plans one query. Errors in the statement are USER errors naming the problem. */
    public Plan plan(String sql) {
        requireNonNull(sql, "sql is null");
        return plan(parse(sql));
    }

    /** Plans one parsed query (SELECT, VALUES, a set operation, ORDER BY...). */
    public Plan plan(SqlNode query) {
        requireNonNull(query, "query is null");
        RelDataTypeFactory typeFactory = new Utf8TypeFactory();
        DepotSchema schema = new DepotSchema(database);
        CalciteCatalogReader catalogReader = catalogReader(schema, typeFactory);
        RexBuilder rexBuilder = new RexBuilder(typeFactory);
        RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), rexBuilder);
        cluster.setMetadataProvider(JoinSelectivity.PROVIDER);
        cluster.setMetadataQuerySupplier(MetadataHandlers::newQuery);
        Converted converted = convert(query, catalogReader, cluster);
        SqlValidator validator = converted.validator();
        List<ColumnType> parameterTypes = new ArrayList<>();
        for (RelDataTypeField parameter : validator.getParameterRowType(converted.validated()).getFieldList()) {
            parameterTypes.add(CalciteTypes.columnType(parameter.getType()));
        }
        RelRoot root = converted.root();
        RelBuilder relBuilder = RelBuilder.proto(cluster.getPlanner().getContext()).create(cluster, catalogReader);
        RelNode rel = run(SUBQUERY_REMOVAL, root.rel);
        trace("after subquery removal", rel);
        if (enabled("ExistsToSemiJoin")) {
            rel = ExistsToSemiJoin.rewrite(rel);
            trace("after ExistsToSemiJoin", rel);
        }
        rel = RelDecorrelator.decorrelateQuery(rel, relBuilder);
        trace("after decorrelation", rel);
        rel = rel.accept(new CommonFactorPuller(rexBuilder));
        if (enabled("ImpliedOrFilters")) {
            rel = ImpliedOrFilters.rewrite(rel);
        }
        rel = run(WINDOWS, rel);
        // Trim after decorrelation so scans read only the columns the query uses.
        rel = new RelFieldTrimmer(validator, relBuilder).trim(rel);
        rel = run(REWRITES, rel);
        if (enabled("TrimAfterRewrites")) {
            // Trim again: conditions the rewrites pushed out of joins into their inputs leave
            // columns only those conditions read (TPC-H Q13's o_comment), which would otherwise
            // ride through the joins above. Trimming puts projections between filters and scans;
            // filters go back down onto the scans, where the engine prunes and filters first.
            rel = new RelFieldTrimmer(validator, relBuilder).trim(rel);
            rel = run(AFTER_TRIM, rel);
            trace("after the second trim", rel);
        }
        if (enabled("SemiJoinBeforeAggregate")) {
            rel = SemiJoinBeforeAggregate.rewrite(rel);
        }
        trace("final", rel);
        Optional<CatalogState> reusableWhile = readsFiles(rel) ? Optional.empty() : Optional.of(schema.catalogState());
        return new Plan(root.withRel(rel), parameterTypes, reusableWhile);
    }

    /** Whether the plan calls a table function (a file read while planning, under the session's access). */
    private static boolean readsFiles(RelNode rel) {
        if (rel instanceof TableFunctionScan) {
            return true;
        }
        for (RelNode input : rel.getInputs()) {
            if (readsFiles(input)) {
                return true;
            }
        }
        return false;
    }

    private CalciteCatalogReader catalogReader(DepotSchema schema, RelDataTypeFactory typeFactory) {
        CalciteSchema rootSchema = CalciteSchema.createRootSchema(false, false);
        rootSchema.add(DepotSchema.DEFAULT_SCHEMA, schema);
        rootSchema.add(SystemSchema.NAME, new SystemSchema(database));
        rootSchema.add(InformationSchema.NAME, new InformationSchema(database));
        return new CalciteCatalogReader(
                rootSchema, List.of(DepotSchema.DEFAULT_SCHEMA), typeFactory, connectionConfig());
    }

    /** A validated query and its relational algebra, before any rewrite. */
    private record Converted(SqlValidator validator, SqlNode validated, RelRoot root) {}

    /**
     * Validates and converts a query; views it reads are expanded in place (Calcite calls
     * {@link #expandView} for each), with the same catalog and cluster.
     */
    private Converted convert(SqlNode query, CalciteCatalogReader catalogReader, RelOptCluster cluster) {
        SqlValidator validator = newValidator(catalogReader, cluster.getTypeFactory());
        SqlNode validated = validate(validator, query);
        RelOptTable.ViewExpander viewExpander = (rowType, queryString, schemaPath, viewPath) ->
                convert(parse(queryString), catalogReader, cluster).root();
        SqlToRelConverter converter = new SqlToRelConverter(
                viewExpander,
                validator,
                catalogReader,
                cluster,
                DateMinusOperator.CONVERTLETS,
                SqlToRelConverter.config().withExpand(false));
        return new Converted(validator, validated, converter.convertQuery(validated, false, true));
    }

    /** The result row type of a query (a view's body, say), without planning it further. */
    public RelDataType rowType(SqlNode query, RelDataTypeFactory typeFactory) {
        SqlValidator validator = newValidator(catalogReader(new DepotSchema(database), typeFactory), typeFactory);
        return validator.getValidatedNodeType(validate(validator, query));
    }

    /** A validator with Depot's functions (Calcite's standard ones plus DepotOperators) and lenient conformance. */
    private SqlValidator newValidator(CalciteCatalogReader catalogReader, RelDataTypeFactory typeFactory) {
        return SqlValidatorUtil.newValidator(
                org.apache.calcite.sql.util.SqlOperatorTables.chain(DepotOperators.TABLE,
                        FileTableFunction.operators(database)),
                catalogReader,
                typeFactory,
                SqlValidator.Config.DEFAULT
                        .withConformance(SqlConformanceEnum.LENIENT)
                        .withIdentifierExpansion(true));
    }

    /**
     * Parses one statement with Depot's parser (Calcite's grammar plus Depot's DDL, see
     * {@code src/main/codegen}). Syntax errors are USER errors naming the line and column.
     */
    public static SqlNode parse(String sql) {
        try {
            return SqlParser.create(sql, PARSER_CONFIG).parseStmt();
        } catch (SqlParseException e) {
            String message = firstLine(e.getMessage());
            if (e.getPos() != null && !message.contains(" at line ")) {
                message = String.format("Syntax error at line %d, column %d: %s",
                        e.getPos().getLineNum(), e.getPos().getColumnNum(), message);
            }
            throw new DepotException(ErrorCode.USER, message, e);
        }
    }

    private static SqlNode validate(SqlValidator validator, SqlNode parsed) {
        try {
            parsed.accept(DateMinusOperator.SWAP);
            return validator.validate(parsed);
        } catch (CalciteContextException e) {
            throw new DepotException(ErrorCode.USER, e.getMessage(), e);
        } catch (RuntimeException e) {
            // Calcite reports some validation failures as plain runtime exceptions.
            throw new DepotException(ErrorCode.USER, "Invalid statement: " + e.getMessage(), e);
        }
    }

    /**
     * Whether one of Depot's own rewrites (named by its class) runs. Each can be switched off with
     * {@code -Ddepot.planner.disable=NAME[,NAME...]}: the tests compare answers with and without
     * every rewrite, and a user who suspects one can check a query without it.
     */
    public static boolean enabled(String rewrite) {
        String disabled = System.getProperty("depot.planner.disable", "");
        return disabled.isEmpty() || !List.of(disabled.split(",")).contains(rewrite);
    }

    private static void trace(String stage, RelNode rel) {
        if (Boolean.getBoolean("depot.planner.trace")) {
            System.out.println("TRACE " + stage + "\n" + org.apache.calcite.plan.RelOptUtil.toString(rel));
        }
    }

    private static RelNode run(HepProgram program, RelNode rel) {
        HepPlanner planner = new HepPlanner(program);
        planner.setRoot(rel);
        return planner.findBestExp();
    }

    private static CalciteConnectionConfig connectionConfig() {
        return CONNECTION_CONFIG;
    }

    /** Case-insensitive names; immutable, so one serves every statement. */
    private static final CalciteConnectionConfig CONNECTION_CONFIG = newConnectionConfig();

    private static CalciteConnectionConfig newConnectionConfig() {
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        return new CalciteConnectionConfigImpl(properties);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Pulls terms common to every branch of an OR out of filter and join conditions:
     * {@code (a = b AND x) OR (a = b AND y)} becomes {@code a = b AND (x OR y)}, so the join
     * rules find the equality (TPC-H Q19 would otherwise be a cross join).
     */
    private static final class CommonFactorPuller extends RelShuttleImpl {
        private final RexBuilder rexBuilder;

        CommonFactorPuller(RexBuilder rexBuilder) {
            this.rexBuilder = rexBuilder;
        }

        @Override
        public RelNode visit(LogicalFilter filter) {
            LogicalFilter visited = (LogicalFilter) super.visit(filter);
            return visited.copy(visited.getTraitSet(), visited.getInput(),
                    RexUtil.pullFactors(rexBuilder, visited.getCondition()));
        }

        @Override
        public RelNode visit(LogicalJoin join) {
            LogicalJoin visited = (LogicalJoin) super.visit(join);
            return visited.copy(visited.getTraitSet(), RexUtil.pullFactors(rexBuilder, visited.getCondition()),
                    visited.getLeft(), visited.getRight(), visited.getJoinType(), visited.isSemiJoinDone());
        }
    }

    /** A type factory with Depot's type system and UTF-8 character types. */
    public static RelDataTypeFactory newTypeFactory() {
        return new Utf8TypeFactory();
    }

    /** Calcite's Java type factory with UTF-8 as the charset of character types. */
    private static final class Utf8TypeFactory extends JavaTypeFactoryImpl {
        Utf8TypeFactory() {
            super(DepotTypeSystem.INSTANCE);
        }

        @Override
        public Charset getDefaultCharset() {
            return StandardCharsets.UTF_8;
        }

        /**
         * The common type of UNION branches, CASE values and COALESCE arguments. When no DECIMAL
         * of at most 18 digits holds every input (BIGINT and a DECIMAL with fractions, say),
         * Calcite gives up fraction digits and the implicit CAST then rounds silently; DOUBLE
         * keeps the values instead.
         */
        @Override
        public RelDataType leastRestrictive(List<RelDataType> types) {
            RelDataType result = super.leastRestrictive(types);
            if (result == null || result.getSqlTypeName() != SqlTypeName.DECIMAL) {
                return result;
            }
            for (RelDataType type : types) {
                if (SqlTypeUtil.isExactNumeric(type) && type.getScale() > result.getScale()) {
                    return createTypeWithNullability(createSqlType(SqlTypeName.DOUBLE), result.isNullable());
                }
            }
            return result;
        }
    }
}
