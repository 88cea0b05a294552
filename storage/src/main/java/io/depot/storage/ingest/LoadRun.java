package io.depot.storage.ingest;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.table.Table;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.TableSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One load of any source, the part all formats share: choose the schema, open one table writer,
 * apply the mode and partition, let the source fill batches, check the row count, commit once,
 * and record the load (success or failure) in the {@link LoadHistory}. Anything that fails
 * before the commit leaves the table as it was.
 */
final class LoadRun {
    private static final DateTimeFormatter REJECTS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private LoadRun() {}

    static LoadResult execute(Database database, String table, RowSource source, LoadOptions options) {
        Instant started = Instant.now();
        long startedNanos = System.nanoTime();
        String partitionLabel = options.partition() == null ? null : options.partition().toString();
        Path rejectsPath = options.rejectsFile() != null ? options.rejectsFile()
                : database.directory().resolve("rejects")
                        .resolve(table + "-" + REJECTS_TIME.format(started) + "-" + UUID.randomUUID().toString().substring(0, 8) + ".csv");
        RejectsFile rejects = new RejectsFile(rejectsPath);
        long[] counts = new long[2];
        try {
            LoadResult result = run(database, table, source, options, rejects, counts, startedNanos);
            LoadHistory.append(database.directory(), new LoadRecord(result.table(), partitionLabel, source.description(),
                    options.mode().label(), result.rowsLoaded(), result.rowsRejected(), result.bytesRead(), started,
                    Instant.now(), LoadRecord.OK, null, result.version(),
                    result.warnings().isEmpty() ? null : String.join("; ", result.warnings())));
            return result;
        } catch (RuntimeException e) {
            try {
                LoadHistory.append(database.directory(), new LoadRecord(table, partitionLabel, source.description(),
                        options.mode().label(), 0, counts[1], source.bytes(), started, Instant.now(), LoadRecord.FAILED,
                        String.valueOf(e.getMessage()), 0, null));
            } catch (RuntimeException historyFailure) {
                e.addSuppressed(historyFailure);
            }
            throw e;
        } finally {
            rejects.close();
        }
    }

    /** @param counts receives rows loaded and rejected so far, for the history of a failure */
    private static LoadResult run(Database database, String table, RowSource source, LoadOptions options,
            RejectsFile rejects, long[] counts, long startedNanos) {
        PartitionSpec partition = options.partition();
        if (options.mode() == LoadMode.REPLACE && partition == null) {
            throw new DepotException(ErrorCode.USER, "Mode replace replaces one partition; name it with --partition key=value"
                    + " (or use mode overwrite to replace the whole table)");
        }
        Optional<Table> existing = database.table(table);
        TableSchema schema;
        if (existing.isPresent()) {
            TableSchema declared = source.declaredSchema();
            schema = declared == null || partition == null ? declared : PartitionColumn.addTo(declared, partition);
        } else {
            TableSchema sourceColumns = source.schemaForNewTable(options.progress());
            schema = partition == null ? sourceColumns : PartitionColumn.addTo(sourceColumns, partition);
        }
        try (TableWriter writer = database.beginWrite(table, schema);
                BufferAllocator allocator = database.allocator().newChildAllocator("load " + table, 0, Long.MAX_VALUE);
                PartitionColumn partitionColumn = partition == null ? null
                        : PartitionColumn.of(writer.schema(), partition, writer.tableName(), allocator);
                BatchSink sink = new BatchSink(writer, allocator, partitionColumn, options.maxErrors(), rejects,
                        options.progress())) {
            if (partition != null) {
                writer.setPartition(partition.label());
            }
            switch (options.mode()) {
                case APPEND -> { }
                case REPLACE -> writer.replacePartition();
                case OVERWRITE -> writer.removeAllBaseSegments();
            }
            try {
                options.progress().passStarted("Loading", source.bytes());
                source.readInto(sink);
                sink.finish();
            } finally {
                counts[0] = sink.rowsLoaded();
                counts[1] = sink.rowsRejected();
            }
            List<String> warnings = new ArrayList<>();
            Optional<String> anomaly = RowCountCheck.check(LoadHistory.read(database.directory()), writer.tableName(),
                    sink.rowsLoaded(), options.maxRowChange());
            if (anomaly.isPresent()) {
                if (options.failOnAnomaly()) {
                    throw new DepotException(ErrorCode.USER, anomaly.get() + "; nothing was loaded (--fail-on-anomaly)");
                }
                warnings.add(anomaly.get());
            }
            long replaced = writer.replacedRowCount();
            long version = writer.commit();
            return new LoadResult(writer.tableName(), sink.rowsLoaded(), sink.rowsRejected(), source.bytes(), version,
                    Duration.ofNanos(System.nanoTime() - startedNanos), options.mode(), partition, replaced,
                    rejects.used() ? rejects.path() : null, warnings);
        }
    }
}
