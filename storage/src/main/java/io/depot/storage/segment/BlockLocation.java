package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.nio.file.Path;

/** Names one column block in error messages, so decoders can report damage precisely. */
record BlockLocation(Path file, String column, int block) {
    BlockLocation {
        requireNonNull(file, "file is null");
        requireNonNull(column, "column is null");
    }

    /** A CORRUPTION error saying what is wrong with this block. */
    DepotException corruption(String problem) {
        return new DepotException(ErrorCode.CORRUPTION,
                String.format("Segment[%s] column[%s] block[%d] %s", file, column, block, problem));
    }
}
