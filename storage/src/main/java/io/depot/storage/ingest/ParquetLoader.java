package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.type.TableSchema;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.dataset.source.DatasetFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Loads Parquet files written by other tools (Spark, DuckDB, pandas, ...) into a table in one
 * commit. Arrow's C++ Parquet reader (arrow-dataset, through JNI) decodes the files into Arrow
 * batches, which are copied as {@link ArrowColumns} describes. The first use in a JVM loads the
 * native library, which takes a few seconds.
 */
public final class ParquetLoader extends ArrowBatchFileSource {
    /** Rows per batch the native reader hands over. */
    private static final long SCAN_BATCH_ROWS = 65_536;

    ParquetLoader(String table, List<Path> files, BufferAllocator allocator) {
        super(table, files, allocator);
    }

    public static LoadResult load(Database database, String table, List<Path> files, LoadOptions options) {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(files, "files is null");
        requireNonNull(options, "options is null");
        try (BufferAllocator allocator = database.allocator().newChildAllocator("read parquet " + table, 0, Long.MAX_VALUE)) {
            return LoadRun.execute(database, table, new ParquetLoader(table, files, allocator), options);
        }
    }

    @Override
    public TableSchema schemaForNewTable() {
        InputFiles.check(files);
        Path first = files.get(0);
        try (DatasetFactory factory = factory(first)) {
            return ArrowColumns.tableSchema(factory.inspect(), first.getFileName().toString());
        } catch (RuntimeException e) {
            throw unreadable(first, e);
        } catch (Exception e) {
            throw unreadable(first, e);
        }
    }

    @Override
    public void readInto(BatchSink sink) {
        InputFiles.check(files);
        for (Path file : files) {
            String name = file.getFileName().toString();
            try (DatasetFactory factory = factory(file);
                    Dataset dataset = factory.finish();
                    Scanner scanner = dataset.newScan(new ScanOptions(SCAN_BATCH_ROWS));
                    ArrowReader reader = scanner.scanBatches()) {
                copyBatches(reader, sink, name);
            } catch (Exception e) {
                throw unreadable(file, e);
            }
            sink.progress().bytesRead(InputFiles.totalSize(List.of(file)));
        }
    }

    private DatasetFactory factory(Path file) {
        try {
            return new FileSystemDatasetFactory(allocator, NativeMemoryPool.getDefault(), FileFormat.PARQUET,
                    file.toAbsolutePath().toUri().toString());
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot load Arrow's native Parquet reader on this platform ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e.getMessage(), e);
        }
    }

    private static DepotException unreadable(Path file, Exception e) {
        if (e instanceof DepotException depot) {
            return depot;
        }
        return new DepotException(ErrorCode.USER, String.format("%s is not a readable Parquet file: %s",
                file.getFileName(), e.getMessage()), e);
    }
}
