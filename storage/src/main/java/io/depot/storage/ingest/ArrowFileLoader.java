package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Loads Arrow IPC data written by other tools into a table in one commit: the file format
 * ({@code ARROW1} magic, also Feather v2) or the stream format, told apart by the magic bytes.
 * Column types map as {@link ArrowColumns} describes; values are copied column by column.
 */
public final class ArrowFileLoader extends ArrowBatchFileSource {
    private static final byte[] FILE_MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    ArrowFileLoader(String table, List<Path> files, BufferAllocator allocator) {
        super(table, files, allocator);
    }

    public static LoadResult load(Database database, String table, List<Path> files, LoadOptions options) {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(files, "files is null");
        requireNonNull(options, "options is null");
        try (BufferAllocator allocator = database.allocator().newChildAllocator("read arrow " + table, 0, Long.MAX_VALUE)) {
            return LoadRun.execute(database, table, new ArrowFileLoader(table, files, allocator), options);
        }
    }

    @Override
    public TableSchema schemaForNewTable() {
        InputFiles.check(files);
        Path first = files.get(0);
        try (ArrowReader reader = open(first)) {
            return ArrowColumns.tableSchema(reader.getVectorSchemaRoot().getSchema(), first.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            if (e instanceof DepotException depot) {
                throw depot;
            }
            throw unreadable(first, e);
        }
    }

    @Override
    public void readInto(BatchSink sink) {
        InputFiles.check(files);
        for (Path file : files) {
            String name = file.getFileName().toString();
            try (ArrowReader reader = open(file)) {
                copyBatches(reader, sink, name);
            } catch (IOException | RuntimeException e) {
                if (e instanceof DepotException depot) {
                    throw depot;
                }
                throw unreadable(file, e);
            }
            sink.progress().bytesRead(InputFiles.totalSize(List.of(file)));
        }
    }

    private ArrowReader open(Path file) throws IOException {
        byte[] start;
        try (InputStream input = Files.newInputStream(file)) {
            start = input.readNBytes(FILE_MAGIC.length);
        }
        ArrowReader reader = Arrays.equals(start, FILE_MAGIC)
                ? new ArrowFileReader(FileChannel.open(file, StandardOpenOption.READ), allocator)
                : new ArrowStreamReader(InputFiles.open(file), allocator);
        try {
            reader.getVectorSchemaRoot(); // reads the schema: fails here on a file that is not Arrow
            return reader;
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static DepotException unreadable(Path file, Exception e) {
        return new DepotException(ErrorCode.USER, String.format(
                "%s is not a readable Arrow IPC file or stream: %s", file.getFileName(), e.getMessage()), e);
    }
}
