package io.depot.sql.pgwire;

import io.depot.storage.type.ColumnType;
import java.io.IOException;
import java.util.List;

/**
 * What one statement answers: its columns (none for a command) and rows, written as DataRow
 * messages, then its CommandComplete tag. Rows may be written in several parts (an Execute with a
 * row limit); closing frees whatever the statement still holds.
 */
interface PgResult extends AutoCloseable {
    /**
     * A result column: its Depot type (how values are held and formatted) and the PostgreSQL type
     * announced, normally {@link PgType#of} the Depot type; a catalog answer may announce another
     * (an {@code int2[]} written as text by the catalog).
     */
    record Field(String name, ColumnType type, PgType wireType) {
        Field(String name, ColumnType type) {
            this(name, type, PgType.of(type));
        }

        /** The atttypmod announced: numeric's precision and scale, else -1. */
        int modifier() {
            return wireType == PgType.of(type) ? PgType.modifier(type) : -1;
        }
    }

    /** The columns; empty for a statement that returns no rows. */
    List<Field> fields();

    /**
     * Writes up to {@code maxRows} rows ({@code 0}: all) as DataRow messages in the given formats
     * (one code per column, 0 text, 1 binary).
     *
     * @return whether rows remain (the portal is suspended)
     */
    boolean writeRows(MessageWriter out, long maxRows, int[] formats) throws IOException;

    /** The CommandComplete tag, e.g. {@code SELECT 3}, {@code INSERT 0 5}, {@code SET}; valid after the last row. */
    String commandTag();

    @Override
    void close();

    /** A command's result: no rows, just a tag. */
    static PgResult command(String tag) {
        return new PgResult() {
            @Override
            public List<Field> fields() {
                return List.of();
            }

            @Override
            public boolean writeRows(MessageWriter out, long maxRows, int[] formats) {
                return false;
            }

            @Override
            public String commandTag() {
                return tag;
            }

            @Override
            public void close() {}
        };
    }
}
