package io.depot.storage.table;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.nio.file.Path;

/**
 * A second process for {@link TestCrossProcessLock}: opens a writer on table {@code args[1]} of
 * database {@code args[0]}, says "writing", and commits when its standard input closes.
 */
public final class WriterProcess {
    private WriterProcess() {}

    public static void main(String[] args) throws Exception {
        try (Database database = Database.open(Path.of(args[0]));
                TableWriter writer = database.beginWrite(args[1], TableSchema.of(Column.nullable("id", ColumnType.BIGINT)))) {
            System.out.println("writing");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Wait for the parent to close our input.
            }
            writer.commit();
        }
    }
}
