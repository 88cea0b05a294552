package io.depot.sql.pgwire;

import java.io.IOException;
import java.util.List;

/** Rows computed in memory (session settings, catalog answers): Java values of the fields' types. */
final class ValuesResult implements PgResult {
    private final List<Field> fields;
    private final List<List<Object>> rows;
    private final String tag;
    private int next;

    ValuesResult(List<Field> fields, List<List<Object>> rows) {
        this(fields, rows, "SELECT " + rows.size());
    }

    ValuesResult(List<Field> fields, List<List<Object>> rows, String tag) {
        this.fields = List.copyOf(fields);
        this.rows = rows;
        this.tag = tag;
    }

    /** One row of one text column, as SHOW and {@code SELECT version()} answer. */
    static ValuesResult single(String column, Object value) {
        return new ValuesResult(List.of(new Field(column, io.depot.storage.type.ColumnType.VARCHAR)),
                List.of(java.util.Collections.singletonList(value)));
    }

    @Override
    public List<Field> fields() {
        return fields;
    }

    @Override
    public boolean writeRows(MessageWriter out, long maxRows, int[] formats) throws IOException {
        long written = 0;
        while (next < rows.size() && (maxRows <= 0 || written < maxRows)) {
            List<Object> row = rows.get(next++);
            out.begin('D').int16(fields.size());
            for (int column = 0; column < fields.size(); column++) {
                Object value = row.get(column);
                if (value == null) {
                    out.int32(-1);
                    continue;
                }
                int length = out.reserveLength();
                if (formats[column] == 1) {
                    BinaryValues.append(out, value, fields.get(column).type());
                } else {
                    out.bytes(TextValues.utf8(TextValues.format(value, fields.get(column).type())));
                }
                out.patchLength(length);
            }
            out.end();
            written++;
        }
        return next < rows.size();
    }

    @Override
    public String commandTag() {
        return tag;
    }

    @Override
    public void close() {}
}
