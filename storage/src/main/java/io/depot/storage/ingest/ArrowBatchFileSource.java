package io.depot.storage.ingest;

import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * What the sources of files that arrive as Arrow batches (Arrow IPC, Parquet) share: their
 * files, the allocator their readers use, and copying a reader's batches into the sink. Their
 * types come from the files themselves, so nothing is declared.
 */
abstract class ArrowBatchFileSource implements RowSource {
    protected final String table;
    protected final List<Path> files;
    protected final BufferAllocator allocator;

    ArrowBatchFileSource(String table, List<Path> files, BufferAllocator allocator) {
        this.table = table;
        this.files = List.copyOf(files);
        this.allocator = allocator;
    }

    @Override
    public final String description() {
        return InputFiles.describe(files);
    }

    @Override
    public final long bytes() {
        return InputFiles.totalSize(files);
    }

    @Override
    public final TableSchema declaredSchema() {
        return null;
    }

    /** Copies every batch of one file's reader into the sink, matching columns by name. */
    protected final void copyBatches(ArrowReader reader, BatchSink sink, String fileName) throws IOException {
        int[] mapping = ArrowColumns.mapping(reader.getVectorSchemaRoot().getSchema(), sink.columns(), fileName, table);
        while (reader.loadNextBatch()) {
            ArrowColumns.copy(reader.getVectorSchemaRoot(), mapping, sink, fileName);
        }
    }
}
