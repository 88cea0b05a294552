package io.depot.storage.ingest;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TestJsonLinesLoader extends LoaderTestSupport {
    @Test
    void flattensNestedObjectsAndInfersTypesOverTheWholeFile() throws IOException {
        Path file = file("events.jsonl", """
                {"id": 1, "user": {"name": "지민", "address": {"city": "서울"}}, "amount": 12.50, "ok": true, "day": "2024-01-31"}

                {"id": 2, "user": {"name": "b"}, "amount": 3, "ok": false, "day": "2024-02-01", "code": "007"}
                {"id": 3, "user": null, "amount": null, "at": "2024-02-01 10:00:00"}
                """);

        LoadResult result = JsonLinesLoader.load(database, "events", List.of(file), null, LoadOptions.defaults());

        assertThat(result.rowsLoaded()).isEqualTo(3);
        assertThat(snapshot("events").schema()).isEqualTo(TableSchema.of(
                Column.nullable("id", ColumnType.BIGINT),
                Column.nullable("user.name", ColumnType.VARCHAR),
                Column.nullable("user.address.city", ColumnType.VARCHAR),
                Column.nullable("amount", ColumnType.decimal(4, 2)),
                Column.nullable("ok", ColumnType.BOOLEAN),
                Column.nullable("day", ColumnType.DATE),
                Column.nullable("code", ColumnType.VARCHAR),
                Column.nullable("at", ColumnType.TIMESTAMP)));
        assertThat(rows("events")).containsExactly(
                row(1L, "지민", "서울", new BigDecimal("12.50"), true, LocalDate.of(2024, 1, 31), null, null),
                row(2L, "b", null, new BigDecimal("3.00"), false, LocalDate.of(2024, 2, 1), "007", null),
                row(3L, null, null, null, null, null, null, LocalDateTime.of(2024, 2, 1, 10, 0)));
    }

    @Test
    void progressHearsEveryByteOfTheLoadingPass() throws IOException {
        Path file = file("events.jsonl", "{\"id\": 1, \"city\": \"서울\"}\n{\"id\": 2, \"city\": \"부산\"}\n");
        java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();

        JsonLinesLoader.load(database, "t", List.of(file), null, LoadOptions.defaults().withProgress(bytes::addAndGet));

        assertThat(bytes.get()).isEqualTo(java.nio.file.Files.size(file));
    }

    @Test
    void arraysAreRejectedClearly() throws IOException {
        Path file = file("tags.jsonl", "{\"id\": 1, \"tags\": null}\n{\"id\": 2, \"tags\": [\"a\", \"b\"]}\n");

        assertThatThrownBy(() -> JsonLinesLoader.load(database, "t", List.of(file), null, LoadOptions.defaults()))
                .hasMessage("tags.jsonl line 2, column[tags]: is a JSON array; Depot stores no arrays "
                        + "(flatten it, or leave the key out)");
        assertThat(database.table("t")).isEmpty();
    }

    @Test
    void malformedJsonNamesTheLine() throws IOException {
        Path file = file("broken.jsonl", "{\"id\": 1}\n{\"id\": 2\n");
        assertThatThrownBy(() -> JsonLinesLoader.load(database, "t", List.of(file), null, LoadOptions.defaults()))
                .hasMessageStartingWith("broken.jsonl line 2: malformed JSON: ");
        Path notObject = file("list.jsonl", "[1, 2]\n");
        assertThatThrownBy(() -> JsonLinesLoader.load(database, "t", List.of(notObject), null, LoadOptions.defaults()))
                .hasMessage("list.jsonl line 1: is not a JSON object; JSON lines files hold one object per line");
    }

    @Test
    void appendsByColumnNameAndRejectsUnknownKeysAndBadValues() throws IOException {
        JsonLinesLoader.load(database, "t", List.of(file("a.jsonl", "{\"id\": 1, \"day\": \"2024-01-01\"}\n")), null,
                LoadOptions.defaults());
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write("{\"DAY\": \"2024-01-02\", \"id\": 2}\n{\"id\": 3, \"extra\": 1}\n{\"id\": \"x\"}\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path more = file("b.jsonl.gz", compressed.toByteArray());

        LoadResult result = JsonLinesLoader.load(database, "t", List.of(more), null,
                LoadOptions.defaults().withMaxErrors(2).withRejectsFile(directory.resolve("rejects.csv")));

        assertThat(result.rowsRejected()).isEqualTo(2);
        assertThat(rows("t")).containsExactly(row(1L, LocalDate.of(2024, 1, 1)), row(2L, LocalDate.of(2024, 1, 2)));
        assertThat(java.nio.file.Files.readString(directory.resolve("rejects.csv"))).isEqualTo("""
                file,line,column,value,reason
                b.jsonl.gz,2,extra,,is not a column of table[t]
                b.jsonl.gz,3,id,x,cannot read 'x' as BIGINT
                """);
    }
}
