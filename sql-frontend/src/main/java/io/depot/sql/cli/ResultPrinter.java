package io.depot.sql.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.depot.engine.exec.ResultStream;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Prints a query result as an aligned table, CSV (header first) or a JSON array of objects. */
final class ResultPrinter {
    /** A table is for reading: past this many rows the rest is counted, not shown. */
    static final int MAX_TABLE_ROWS = 10_000;

    private static final JsonFactory JSON = new JsonFactory();

    private ResultPrinter() {}

    static void print(ResultStream result, OutputFormat format, PrintWriter out) {
        switch (format) {
            case table -> printTable(result, out);
            case csv -> printCsv(result, out);
            case json -> printJson(result, out);
        }
        out.flush();
    }

    /** Calls {@code consumer} with each row's values; rows are read batch by batch. */
    private static void forEachRow(ResultStream result, RowConsumer consumer) {
        List<Column> columns = result.columns();
        Object[] row = new Object[columns.size()];
        for (VectorSchemaRoot next = result.next(); next != null; next = result.next()) {
            try (VectorSchemaRoot batch = next) {
                for (int r = 0; r < batch.getRowCount(); r++) {
                    for (int c = 0; c < row.length; c++) {
                        row[c] = ArrowValues.get(batch.getVector(c), columns.get(c).type(), r);
                    }
                    consumer.accept(row);
                }
            }
        }
    }

    private interface RowConsumer {
        void accept(Object[] row);
    }

    private static void printCsv(ResultStream result, PrintWriter out) {
        List<Column> columns = result.columns();
        List<String> header = columns.stream().map(Column::name).toList();
        out.println(String.join(",", header.stream().map(ResultPrinter::csvField).toList()));
        StringBuilder line = new StringBuilder();
        forEachRow(result, row -> {
            line.setLength(0);
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    line.append(',');
                }
                String text = ValueText.format(row[c]);
                if (text != null) {
                    line.append(csvField(text));
                }
            }
            out.println(line);
        });
    }

    /** RFC 4180 quoting; NULL is an empty field and the empty string a quoted one. */
    private static String csvField(String text) {
        boolean needsQuotes = text.isEmpty() || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static void printJson(ResultStream result, PrintWriter out) {
        List<Column> columns = result.columns();
        try {
            JsonGenerator json = JSON.createGenerator(out);
            json.writeStartArray();
            forEachRow(result, row -> writeJsonRow(json, columns, row));
            json.writeEndArray();
            json.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJsonRow(JsonGenerator json, List<Column> columns, Object[] row) {
        try {
            json.writeStartObject();
            for (int c = 0; c < row.length; c++) {
                json.writeFieldName(columns.get(c).name());
                Object value = row[c];
                if (value == null) {
                    json.writeNull();
                } else if (value instanceof Boolean bool) {
                    json.writeBoolean(bool);
                } else if (value instanceof Integer || value instanceof Long) {
                    json.writeNumber(((Number) value).longValue());
                } else if (value instanceof BigDecimal decimal) {
                    json.writeNumber(decimal);
                } else if (value instanceof Double number && !number.isNaN() && !number.isInfinite()) {
                    json.writeNumber(number);
                } else {
                    json.writeString(ValueText.format(value));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printTable(ResultStream result, PrintWriter out) {
        List<Column> columns = result.columns();
        List<String[]> rows = new ArrayList<>();
        long[] total = {0};
        forEachRow(result, row -> {
            total[0]++;
            if (rows.size() < MAX_TABLE_ROWS) {
                String[] texts = new String[row.length];
                for (int c = 0; c < row.length; c++) {
                    String text = ValueText.format(row[c]);
                    texts[c] = text == null ? "NULL" : text;
                }
                rows.add(texts);
            }
        });
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = DisplayWidth.of(columns.get(c).name());
        }
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], DisplayWidth.of(row[c]));
            }
        }
        String separator = separator(widths);
        out.println(separator);
        out.println(line(columns.stream().map(Column::name).toArray(String[]::new), widths, columns, true));
        out.println(separator);
        for (String[] row : rows) {
            out.println(line(row, widths, columns, false));
        }
        out.println(separator);
        String count = total[0] + (total[0] == 1 ? " row" : " rows");
        out.println(total[0] > rows.size() ? count + " (first " + rows.size() + " shown)" : count);
    }

    private static String separator(int[] widths) {
        StringBuilder line = new StringBuilder("+");
        for (int width : widths) {
            line.append("-".repeat(width + 2)).append('+');
        }
        return line.toString();
    }

    /** Numbers align right, everything else left, as in most SQL shells. */
    private static String line(String[] cells, int[] widths, List<Column> columns, boolean header) {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            String padding = " ".repeat(widths[c] - DisplayWidth.of(cell));
            boolean right = !header && columns.get(c).type().kind().isNumeric();
            line.append(' ').append(right ? padding + cell : cell + padding).append(" |");
        }
        return line.toString();
    }
}
