package io.depot.sql.jdbc;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.Meta.DatabaseProperty;
import org.apache.calcite.avatica.MetaImpl.MetaFunction;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * What {@code DatabaseMetaData} says about Depot's SQL: keywords, the functions of the JDBC
 * function lists and the rows of {@code getFunctions}. Keep the lists to what the planner
 * translates (see {@code RexTranslator} and the aggregates of {@code RelTranslator}).
 */
final class SqlCapabilities {
    /** Scalar functions callable by name. */
    private static final List<String> SCALAR_FUNCTIONS = List.of("COALESCE", "EXTRACT", "MOD", "SUBSTRING");
    /** Aggregate functions. */
    private static final List<String> AGGREGATE_FUNCTIONS = List.of("AVG", "COUNT", "MAX", "MIN", "SUM");

    private SqlCapabilities() {}

    /** The answers of {@code getSQLKeywords}, {@code getNumericFunctions} and the like. */
    static Map<DatabaseProperty, Object> databaseProperties() {
        Map<DatabaseProperty, Object> properties = new EnumMap<>(DatabaseProperty.class);
        // the parser's reserved words that are not SQL:2003 keywords, as JDBC asks
        properties.put(DatabaseProperty.GET_S_Q_L_KEYWORDS, SqlParser.create("").getMetadata().getJdbcKeywords());
        properties.put(DatabaseProperty.GET_NUMERIC_FUNCTIONS, "MOD");
        properties.put(DatabaseProperty.GET_STRING_FUNCTIONS, "SUBSTRING");
        properties.put(DatabaseProperty.GET_TIME_DATE_FUNCTIONS, "EXTRACT");
        properties.put(DatabaseProperty.GET_SYSTEM_FUNCTIONS, "COALESCE");
        properties.put(DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, java.sql.Connection.TRANSACTION_NONE);
        return properties;
    }

    /** The rows of {@code getFunctions}: built-in functions, reported in no catalog or schema. */
    static List<MetaFunction> functions(LikePattern schemaPattern, LikePattern namePattern) {
        List<MetaFunction> functions = new ArrayList<>();
        // built-ins belong to no schema: only a pattern that matches "no schema" (null, "%" or
        // "") selects them
        if (!schemaPattern.matches("")) {
            return functions;
        }
        List<String> names = new ArrayList<>(SCALAR_FUNCTIONS);
        names.addAll(AGGREGATE_FUNCTIONS);
        names.sort(null);
        for (String name : names) {
            if (namePattern.matches(name)) {
                functions.add(new MetaFunction(null, null, name, (short) DatabaseMetaData.functionResultUnknown, name));
            }
        }
        return functions;
    }
}
