package io.depot.storage.ingest;

import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A database in a temporary directory, and helpers to write input files and read tables back. */
abstract class LoaderTestSupport extends AllocatorTest {
    @TempDir
    Path directory;

    Database database;

    @BeforeEach
    void openDatabase() {
        database = Database.open(directory.resolve("db"));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    Path file(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    Path file(String name, byte[] bytes) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    Snapshot snapshot(String table) {
        return database.table(table).orElseThrow().snapshot();
    }

    List<List<Object>> rows(String table) {
        return Batches.readAll(snapshot(table), allocator);
    }

    List<LoadRecord> history() {
        return LoadHistory.read(database.directory());
    }
}
