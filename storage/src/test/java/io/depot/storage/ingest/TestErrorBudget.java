package io.depot.storage.ingest;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestErrorBudget extends LoaderTestSupport {
    private static final String DATA = """
            id,day,note
            1,2024-01-01,ok
            x,2024-01-02,"bad id, quoted"
            3,2024-02-30,bad day
            4,2024-01-04
            5,2024-01-05,ok
            """;

    @Test
    void rejectsWithinTheBudgetGoToTheRejectsFile() throws IOException {
        Path data = file("data.csv", DATA);
        Path rejects = directory.resolve("out/rejects.csv");
        CsvOptions types = CsvOptions.defaults().withSchema(io.depot.storage.type.TableSchema.of(
                io.depot.storage.type.Column.nullable("id", io.depot.storage.type.ColumnType.BIGINT),
                io.depot.storage.type.Column.nullable("day", io.depot.storage.type.ColumnType.DATE),
                io.depot.storage.type.Column.nullable("note", io.depot.storage.type.ColumnType.VARCHAR)));

        LoadResult result = CsvLoader.load(database, "t", List.of(data), types,
                LoadOptions.defaults().withMaxErrors(3).withRejectsFile(rejects));

        assertThat(result.rowsLoaded()).isEqualTo(2);
        assertThat(result.rowsRejected()).isEqualTo(3);
        assertThat(result.rejectsFile()).isEqualTo(rejects);
        assertThat(rows("t")).containsExactly(row(1L, LocalDate.of(2024, 1, 1), "ok"), row(5L, LocalDate.of(2024, 1, 5), "ok"));
        assertThat(Files.readString(rejects, StandardCharsets.UTF_8)).isEqualTo("""
                file,line,column,value,reason
                data.csv,3,id,x,cannot read 'x' as BIGINT
                data.csv,4,day,2024-02-30,cannot read '2024-02-30' as DATE
                data.csv,5,,,"has 2 fields, expected 3"
                """);
        assertThat(history().get(0).rowsRejected()).isEqualTo(3);
    }

    @Test
    void overTheBudgetTheLoadFailsWhole() throws IOException {
        Path data = file("data.csv", DATA);
        CsvLoader.load(database, "t", List.of(file("first.csv", "id,day,note\n0,2024-01-01,first\n")), CsvOptions.defaults());

        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(data), CsvOptions.defaults(),
                LoadOptions.defaults().withMaxErrors(2)))
                .hasMessageStartingWith("More than 2 rows rejected (the error budget, --max-errors); the last: "
                        + "data.csv line 5: has 2 fields, expected 3. Rejected rows are in ")
                .hasMessageContaining(database.directory().resolve("rejects").toString());

        assertThat(rows("t")).containsExactly(row(0L, LocalDate.of(2024, 1, 1), "first"));
        assertThat(history().get(1).status()).isEqualTo(LoadRecord.FAILED);
        assertThat(history().get(1).rowsRejected()).isEqualTo(3);
    }

    @Test
    void defaultBudgetIsZero() throws IOException {
        Path data = file("data.csv", DATA);
        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(data), CsvOptions.defaults()))
                // Inference over the whole file made id and day VARCHAR; the short row is what fails.
                .hasMessage("data.csv line 5: has 2 fields, expected 3");
        assertThat(database.table("t")).isEmpty();
        assertThat(Files.exists(database.directory().resolve("rejects"))).isFalse();
    }
}
