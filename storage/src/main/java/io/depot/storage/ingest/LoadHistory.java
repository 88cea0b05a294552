package io.depot.storage.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The durable log of every load of a database, {@code <database>/load_history.log}.
 *
 * <p>Format: one line per load, {@code <crc> <json>\n}, where json is a {@link LoadRecord}
 * object and crc the CRC32C of the json's UTF-8 bytes as 8 lower-case hex digits. An append
 * takes an exclusive file lock (so loads of other tables and other processes do not interleave),
 * first ends a torn last line with a newline if a crash left one, writes the whole line with one
 * {@code write}, and fsyncs. A reader skips lines whose checksum does not match (a write torn by
 * a crash), so the history never shows half a record and a crash never hides later ones.
 */
public final class LoadHistory {
    static final String FILE_NAME = "load_history.log";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadHistory() {}

    /** Appends one record durably. */
    public static void append(Path databaseDirectory, LoadRecord record) {
        Path file = databaseDirectory.resolve(FILE_NAME);
        try {
            byte[] json = JSON.writeValueAsBytes(toJson(record));
            byte[] line = (checksum(json) + " " + new String(json, StandardCharsets.UTF_8) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
                    FileLock ignored = channel.lock()) {
                long size = channel.size();
                ByteBuffer out = ByteBuffer.wrap(line);
                if (size > 0 && !endsWithNewline(channel, size)) {
                    out = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
                }
                long position = size;
                while (out.hasRemaining()) {
                    position += channel.write(out, position);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot append to load history " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    /** Every intact record, oldest first; empty when nothing was ever loaded. */
    public static List<LoadRecord> read(Path databaseDirectory) {
        Path file = databaseDirectory.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot read load history " + file + ": " + e.getMessage(), e);
        }
        List<LoadRecord> records = new ArrayList<>(lines.size());
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space != 8) {
                continue;
            }
            byte[] json = line.substring(space + 1).getBytes(StandardCharsets.UTF_8);
            if (!line.substring(0, space).equals(checksum(json))) {
                continue;
            }
            try {
                records.add(fromJson(JSON.readTree(json)));
            } catch (IOException | RuntimeException e) {
                // A record of a layout this version cannot read: skipped like a torn line.
            }
        }
        return records;
    }

    /** The JSON object of a record: its field names, times as ISO-8601 instants. */
    private static ObjectNode toJson(LoadRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("table_name", record.tableName());
        node.put("partition_spec", record.partitionSpec());
        node.put("source", record.source());
        node.put("mode", record.mode());
        node.put("rows_loaded", record.rowsLoaded());
        node.put("rows_rejected", record.rowsRejected());
        node.put("bytes", record.bytes());
        node.put("started_at", record.startedAt().toString());
        node.put("finished_at", record.finishedAt().toString());
        node.put("status", record.status());
        node.put("error", record.error());
        node.put("version", record.version());
        node.put("warning", record.warning());
        return node;
    }

    private static LoadRecord fromJson(JsonNode node) {
        return new LoadRecord(node.get("table_name").asText(), text(node, "partition_spec"), node.get("source").asText(),
                node.get("mode").asText(), node.get("rows_loaded").asLong(), node.get("rows_rejected").asLong(),
                node.get("bytes").asLong(), Instant.parse(node.get("started_at").asText()),
                Instant.parse(node.get("finished_at").asText()), node.get("status").asText(), text(node, "error"),
                node.path("version").asLong(), text(node, "warning"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String checksum(byte[] json) {
        CRC32C crc = new CRC32C();
        crc.update(json);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
