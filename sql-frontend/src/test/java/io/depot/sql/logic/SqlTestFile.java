package io.depot.sql.logic;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code .test} file: its records in order (see {@code src/test/resources/sql/README.md}
 * for the format). Parsing fails naming the file and line of the problem.
 */
record SqlTestFile(String name, List<SqlTestFile.Record> records) {
    static final String SEPARATOR = "----";

    /** One step of a test file; {@code line} is where it starts (1-based), for failure messages. */
    sealed interface Record permits Load, Query, Compare, StatementOk, StatementError {
        int line();
    }

    /** {@code load table (col TYPE, ...)} followed by CSV lines: a table with those rows. */
    record Load(int line, String table, TableSchema schema, List<String> csvLines) implements Record {}

    /** {@code query [rowsort] [TYPE ...]}: Depot's rows must equal the expected text. */
    record Query(int line, String sql, boolean rowSort, List<ColumnType> types, List<String> expectedRows)
            implements Record {}

    /** {@code compare [rowsort]}: Depot's rows must equal DuckDB's for the same SQL and tables. */
    record Compare(int line, String sql, boolean rowSort) implements Record {}

    /** {@code statement ok}: the statement runs without error. */
    record StatementOk(int line, String sql) implements Record {}

    /** {@code statement error}: the statement fails, with a message containing the expected text. */
    record StatementError(int line, String sql, String expectedMessage) implements Record {}

    static SqlTestFile parse(String name, String text) {
        List<String> lines = text.lines().toList();
        List<Record> records = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String header = lines.get(i).strip();
            if (header.isEmpty() || header.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            i++;
            List<String> body = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).isBlank()) {
                body.add(lines.get(i));
                i++;
            }
            records.add(record(name, start, header, body));
        }
        return new SqlTestFile(name, List.copyOf(records));
    }

    private static Record record(String file, int line, String header, List<String> body) {
        String[] words = header.split("\\s+");
        switch (words[0]) {
            case "load" -> {
                return load(file, line, header, body);
            }
            case "query" -> {
                boolean rowSort = false;
                List<ColumnType> types = new ArrayList<>();
                for (int w = 1; w < words.length; w++) {
                    if (words[w].equals("rowsort")) {
                        rowSort = true;
                    } else {
                        types.add(ColumnType.parse(words[w]));
                    }
                }
                int separator = body.indexOf(SEPARATOR);
                if (separator < 0) {
                    throw error(file, line, "query without '" + SEPARATOR + "' before its expected rows");
                }
                return new Query(line, sql(body.subList(0, separator)), rowSort, List.copyOf(types),
                        List.copyOf(body.subList(separator + 1, body.size())));
            }
            case "compare" -> {
                boolean rowSort = words.length > 1 && words[1].equals("rowsort");
                return new Compare(line, sql(body), rowSort);
            }
            case "statement" -> {
                if (words.length == 2 && words[1].equals("ok")) {
                    return new StatementOk(line, sql(body));
                }
                if (words.length == 2 && words[1].equals("error")) {
                    int separator = body.indexOf(SEPARATOR);
                    if (separator < 0 || separator != body.size() - 2) {
                        throw error(file, line, "statement error needs '" + SEPARATOR + "' and one line of message");
                    }
                    return new StatementError(line, sql(body.subList(0, separator)), body.get(separator + 1).strip());
                }
                throw error(file, line, "expected 'statement ok' or 'statement error'");
            }
            default -> throw error(file, line, "unknown record '" + words[0] + "'");
        }
    }

    private static Load load(String file, int line, String header, List<String> body) {
        int open = header.indexOf('(');
        if (open < 0 || !header.endsWith(")")) {
            throw error(file, line, "expected 'load table (column TYPE, ...)'");
        }
        String table = header.substring("load".length(), open).strip();
        List<Column> columns = new ArrayList<>();
        for (String definition : splitTopLevel(header.substring(open + 1, header.length() - 1))) {
            String[] parts = definition.strip().split("\\s+", 2);
            if (parts.length != 2) {
                throw error(file, line, "column definition '" + definition.strip() + "' needs a name and a type");
            }
            columns.add(Column.nullable(parts[0], ColumnType.parse(parts[1])));
        }
        return new Load(line, table, new TableSchema(columns), List.copyOf(body));
    }

    /** Splits on commas outside parentheses, so {@code DECIMAL(10,2)} stays whole. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String sql(List<String> lines) {
        return String.join("\n", lines).strip();
    }

    private static IllegalArgumentException error(String file, int line, String message) {
        return new IllegalArgumentException(file + ":" + line + ": " + message);
    }
}
