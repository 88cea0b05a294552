package io.depot.storage.table;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.KeyConstraint;
import io.depot.storage.type.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers that drop segments (truncate, replace, rewrite), key constraints, and the view catalog. */
class TestTableRewritesAndViews extends AllocatorTest {
    private static final TableSchema ITEMS = TableSchema.of(
            new Column("id", ColumnType.BIGINT, false),
            Column.nullable("name", ColumnType.VARCHAR));

    @TempDir
    Path directory;

    @Test
    void removingBaseSegmentsDropsTheirRowsInOneCommit() {
        try (Database database = Database.open(directory)) {
            append(database, List.of(row(1L, "a")));
            append(database, List.of(row(2L, "b")));
            append(database, List.of(row(3L, "서울")));
            try (TableWriter writer = database.beginWrite("items", null)) {
                Snapshot base = writer.baseSnapshot().orElseThrow();
                assertThat(base.segmentCount()).isEqualTo(3);
                assertThat(writer.baseRowCount()).isEqualTo(3);
                assertThat(writer.createsTable()).isFalse();
                writer.removeSegment(base.segmentId(1));
                assertThat(writer.commit()).isEqualTo(4);
            }
            assertThat(Batches.readAll(database.table("items").orElseThrow().snapshot(), allocator))
                    .containsExactly(row(1L, "a"), row(3L, "서울"));
            try (TableWriter writer = database.beginWrite("items", null)) {
                writer.removeAllBaseSegments();
                writer.commit();
            }
            Snapshot empty = database.table("items").orElseThrow().snapshot();
            assertThat(empty.segmentCount()).isZero();
            assertThat(empty.schema()).isEqualTo(ITEMS);
        }
    }

    @Test
    void replaceSwapsSchemaAndRowsAtomicallyAndAbortLeavesTheOldTable() {
        TableSchema other = TableSchema.of(Column.nullable("label", ColumnType.VARCHAR));
        try (Database database = Database.open(directory)) {
            append(database, List.of(row(1L, "a")));
            try (TableWriter writer = database.beginReplace("items", other);
                    VectorSchemaRoot batch = Batches.root(other, allocator, List.of(row("x")))) {
                writer.append(batch);
                // closed without commit: aborted
            }
            assertThat(database.table("items").orElseThrow().snapshot().schema()).isEqualTo(ITEMS);
            try (TableWriter writer = database.beginReplace("items", other);
                    VectorSchemaRoot batch = Batches.root(other, allocator, List.of(row("x")))) {
                writer.append(batch);
                writer.commit();
            }
            Snapshot replaced = database.table("items").orElseThrow().snapshot();
            assertThat(replaced.schema()).isEqualTo(other);
            assertThat(Batches.readAll(replaced, allocator)).containsExactly(row("x"));
        }
    }

    @Test
    void keyConstraintsAreRecordedCarriedForwardAndChecked() {
        KeyConstraint primaryKey = new KeyConstraint(KeyConstraint.Kind.PRIMARY_KEY, "items_pk", List.of("id"));
        try (Database database = Database.open(directory)) {
            try (TableWriter writer = database.beginWrite("items", ITEMS)) {
                writer.setKeyConstraints(List.of(primaryKey));
                assertThatThrownBy(() -> writer.setKeyConstraints(List.of(
                        new KeyConstraint(KeyConstraint.Kind.UNIQUE, null, List.of("nope")))))
                        .isInstanceOf(DepotException.class).hasMessageContaining("no column[nope]");
                writer.commit();
            }
            append(database, List.of(row(1L, "a")));
        }
        try (Database database = Database.open(directory)) {
            assertThat(database.table("items").orElseThrow().snapshot().keyConstraints()).containsExactly(primaryKey);
        }
    }

    @Test
    void viewsAreDurableReplacedDroppedAndShareTheTableNamespace() throws Exception {
        try (Database database = Database.open(directory)) {
            database.views().create(new ViewDefinition("Big", "SELECT * FROM items WHERE id > 1", List.of()), false);
            assertThatThrownBy(() -> database.views().create(new ViewDefinition("big", "SELECT 1", List.of()), false))
                    .isInstanceOf(DepotException.class).hasMessage("View[Big] already exists");
            database.views().create(new ViewDefinition("big", "SELECT 2", List.of("two")), true);
            assertThatThrownBy(() -> database.beginWrite("BIG", ITEMS))
                    .isInstanceOf(DepotException.class).hasMessageContaining("A view named[BIG] already exists");
            assertThat(database.table("big")).isEmpty();
        }
        try (Database database = Database.open(directory)) {
            assertThat(database.views().views()).containsExactly(new ViewDefinition("big", "SELECT 2", List.of("two")));
            assertThat(database.views().view("BIG")).isPresent();
            assertThat(database.views().drop("Big")).isTrue();
            assertThat(database.views().drop("Big")).isFalse();
            assertThat(database.views().views()).isEmpty();
            try (var leftovers = Files.list(directory.resolve("views"))) {
                assertThat(leftovers.toList()).isEmpty();
            }
        }
    }

    private void append(Database database, List<List<Object>> rows) {
        try (TableWriter writer = database.beginWrite("items", ITEMS);
                VectorSchemaRoot batch = Batches.root(ITEMS, allocator, rows)) {
            writer.append(batch);
            writer.commit();
        }
    }
}
