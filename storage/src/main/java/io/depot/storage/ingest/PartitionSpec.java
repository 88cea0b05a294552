package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;

/**
 * The partition a load writes into, e.g. {@code dt=2024-01-01}. The key is a column of the table
 * whose value is the same for every row of the load; segments are labelled with the spec in the
 * manifest so that a replace load can drop exactly that partition's segments.
 *
 * @param key the partition column's name
 * @param value the column's value as text, parsed as the column's type
 */
public record PartitionSpec(String key, String value) {
    public PartitionSpec {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        if (key.isBlank()) {
            throw new DepotException(ErrorCode.USER, "Partition key is empty");
        }
    }

    /** Parses {@code key=value}. */
    public static PartitionSpec parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new DepotException(ErrorCode.USER, "Partition[" + text + "] must look like key=value, e.g. dt=2024-01-01");
        }
        return new PartitionSpec(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
    }

    /**
     * The label stored in the manifest: {@code key=value} with the key lower-cased, since column
     * names ignore case.
     */
    String label() {
        return key.toLowerCase(java.util.Locale.ROOT) + "=" + value;
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
