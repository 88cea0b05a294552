package io.depot.storage.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCrossProcessLock {
    private static final TableSchema SCHEMA = TableSchema.of(Column.nullable("id", ColumnType.BIGINT));

    @TempDir
    Path directory;

    @Test
    void writerInAnotherProcessBlocksThisOne() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), WriterProcess.class.getName(), directory.toString(), "sales"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("writing");

            try (Database database = Database.open(directory)) {
                // Refused at once with no wait; with one, the writer waits (polling the OS lock) and then gives up.
                database.setWriterWait(Duration.ZERO);
                assertThatThrownBy(() -> database.beginWrite("sales", SCHEMA))
                        .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
                database.setWriterWait(Duration.ofMillis(300));
                long start = System.nanoTime();
                assertThatThrownBy(() -> database.beginWrite("sales", SCHEMA))
                        .hasMessageContaining("gave up after waiting 300 ms");
                assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(300_000_000L);
                assertThatThrownBy(() -> database.beginWrite("sales", SCHEMA))
                        .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));

                child.getOutputStream().close();
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).isZero();

                assertThat(database.table("sales").orElseThrow().snapshot().version()).isEqualTo(1);
                try (TableWriter writer = database.beginWrite("sales", SCHEMA)) {
                    assertThat(writer.commit()).isEqualTo(2);
                }
            }
        } finally {
            child.destroy();
        }
    }
}
