package io.depot.sql.random;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random SQL over the tables of {@link RandomTables} from a seeded {@link Random}:
 * filters, joins of every kind, group-bys with HAVING, window functions, IN/EXISTS/scalar
 * subqueries and set operations. Every query's answer is deterministic (windows order by the
 * unique {@code id}; no LIMIT without a total order), so it can be compared with another engine
 * as a multiset of rows. Only syntax both Depot and DuckDB read the same way is produced: no
 * integer division, no ORDER BY of the result, NULLS LAST spelled out in window orders.
 */
final class RandomQueryGenerator {
    private static final String[] TABLES = {"t1", "t2", "empty_t"};
    private static final String[] STRINGS = {"'a'", "'b'", "'서울'", "''", "'ab'"};

    private final Random random;

    RandomQueryGenerator(Random random) {
        this.random = random;
    }

    String query() {
        return switch (random.nextInt(7)) {
            case 0 -> filter();
            case 1 -> groupBy();
            case 2 -> join();
            case 3 -> window();
            case 4 -> subquery();
            case 5 -> setOperation();
            default -> derivedTable();
        };
    }

    private String filter() {
        String table = table();
        return "SELECT " + pick(List.of("*", "id, k, g", "k + 1, v * 2, -v", "g, d, v - k", "COALESCE(k, -1), g IS NULL"))
                + " FROM " + table + " WHERE " + predicate("");
    }

    private String groupBy() {
        String key = pick(List.of("g", "k", "d", "g, k", "k % 3"));
        String having = random.nextInt(3) == 0 ? " HAVING COUNT(*) > " + random.nextInt(4) : "";
        return "SELECT " + key + ", " + aggregates("") + " FROM " + table() + maybeWhere("") + " GROUP BY " + key + having;
    }

    private String aggregates(String qualifier) {
        List<String> all = List.of("COUNT(*)", "COUNT(" + qualifier + "v)", "SUM(" + qualifier + "v)",
                "MIN(" + qualifier + "g)", "MAX(" + qualifier + "d)", "AVG(" + qualifier + "k)", "SUM(" + qualifier + "k)",
                "COUNT(DISTINCT " + qualifier + "g)", "MIN(" + qualifier + "v)", "STDDEV_POP(" + qualifier + "k)",
                "VAR_SAMP(" + qualifier + "v)");
        List<String> chosen = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            chosen.add(pick(all));
        }
        return String.join(", ", chosen);
    }

    private String join() {
        String type = pick(List.of("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN"));
        String condition = pick(List.of("a.k = b.k", "a.g = b.g", "a.k = b.k AND a.g = b.g", "a.k = b.k AND a.v < b.v",
                "a.d = b.d"));
        String select = random.nextBoolean()
                ? "a.id, a.k, b.id, b.g, a.v + b.v"
                : "b.g, COUNT(*), SUM(a.v), MAX(b.k)";
        String groupBy = select.contains("COUNT") ? " GROUP BY b.g" : "";
        String where = random.nextInt(3) == 0 ? " WHERE " + predicate("a.") : "";
        return "SELECT " + select + " FROM " + table() + " a " + type + " " + table() + " b ON " + condition + where
                + groupBy;
    }

    private String window() {
        String partition = pick(List.of("", "PARTITION BY g", "PARTITION BY k", "PARTITION BY g, d"));
        // NULLS LAST spelled out: Depot puts NULLs first in descending order (PostgreSQL), DuckDB last.
        String order = pick(List.of("ORDER BY id", "ORDER BY k NULLS LAST, id", "ORDER BY v DESC NULLS LAST, id",
                "ORDER BY d NULLS LAST, id DESC"));
        String frame = pick(List.of("", " ROWS BETWEEN 2 PRECEDING AND CURRENT ROW",
                " ROWS BETWEEN 1 PRECEDING AND 3 FOLLOWING", " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING",
                " ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING"));
        String over = " OVER (" + partition + " " + order + ")";
        String framed = " OVER (" + partition + " " + order + frame + ")";
        List<String> functions = List.of("ROW_NUMBER()" + over, "RANK()" + over, "DENSE_RANK()" + over,
                "NTILE(3)" + over, "LAG(v)" + over, "LEAD(g, 2, 'none')" + over, "SUM(v)" + framed, "COUNT(k)" + framed,
                "MIN(g)" + framed, "MAX(v)" + framed, "AVG(k)" + framed, "FIRST_VALUE(k)" + framed,
                "LAST_VALUE(v)" + framed, "SUM(k) OVER (" + partition + ")", "COUNT(*) OVER (" + partition + " ORDER BY k)");
        String select = "id, " + pick(functions) + ", " + pick(functions);
        if (random.nextInt(3) == 0) {
            return "SELECT * FROM (SELECT g, " + pick(functions) + " AS w FROM " + table() + ") x WHERE w IS NOT NULL";
        }
        return "SELECT " + select + " FROM " + table() + maybeWhere("");
    }

    private String subquery() {
        String outer = table();
        String inner = table();
        return switch (random.nextInt(5)) {
            case 0 -> "SELECT id, k FROM " + outer + " WHERE k IN (SELECT k FROM " + inner + maybeWhere("") + ")";
            case 1 -> "SELECT id, g FROM " + outer + " o WHERE NOT EXISTS (SELECT 1 FROM " + inner
                    + " i WHERE i.g = o.g AND " + predicate("i.") + ")";
            case 2 -> "SELECT id, v FROM " + outer + " o WHERE v > (SELECT AVG(v) FROM " + inner + " i WHERE i.k = o.k)";
            case 3 -> "SELECT COUNT(*) FROM " + outer + " WHERE g NOT IN (SELECT g FROM " + inner
                    + " WHERE g IS NOT NULL)";
            default -> "SELECT id, (SELECT COUNT(*) FROM " + inner + " i WHERE i.k = o.k) FROM " + outer + " o";
        };
    }

    private String setOperation() {
        String operation = pick(List.of("UNION", "UNION ALL", "INTERSECT", "INTERSECT ALL", "EXCEPT", "EXCEPT ALL"));
        String columns = pick(List.of("k, g", "g", "d, k", "v"));
        return "SELECT " + columns + " FROM " + table() + maybeWhere("") + " " + operation
                + " SELECT " + columns + " FROM " + table() + maybeWhere("");
    }

    private String derivedTable() {
        return "SELECT g, SUM(total), COUNT(*) FROM (SELECT g, k, SUM(v) AS total FROM " + table() + maybeWhere("")
                + " GROUP BY g, k) x GROUP BY g";
    }

    private String maybeWhere(String qualifier) {
        return random.nextBoolean() ? " WHERE " + predicate(qualifier) : "";
    }

    private String predicate(String q) {
        String simple = switch (random.nextInt(10)) {
            case 0 -> q + "k > " + (random.nextInt(8) - 1);
            case 1 -> q + "k IS NULL";
            case 2 -> q + "g = " + pick(List.of(STRINGS));
            case 3 -> q + "g LIKE '%" + pick(List.of("a", "b", "서", "")) + "%'";
            case 4 -> q + "v < " + (random.nextInt(200) - 100) + ".5";
            case 5 -> q + "v BETWEEN -10 AND 40";
            case 6 -> q + "d >= DATE '2024-01-" + (10 + random.nextInt(15)) + "'";
            case 7 -> q + "k IN (1, 2, 5)";
            case 8 -> q + "g <> " + pick(List.of(STRINGS));
            default -> q + "v IS NOT NULL";
        };
        return switch (random.nextInt(6)) {
            case 0 -> "(" + simple + " AND " + predicate(q) + ")";
            case 1 -> "(" + simple + " OR " + predicate(q) + ")";
            case 2 -> "NOT (" + simple + ")";
            default -> simple;
        };
    }

    private String table() {
        // The empty table now and then: joins, aggregates and set operations over no rows.
        return random.nextInt(8) == 0 ? TABLES[2] : TABLES[random.nextInt(2)];
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
