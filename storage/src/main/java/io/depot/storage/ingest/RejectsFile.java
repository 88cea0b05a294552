package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CSV file rejected rows go to: header {@code file,line,column,value,reason}, UTF-8, fields
 * quoted when they need it. Created on the first rejected row only.
 */
final class RejectsFile implements AutoCloseable {
    private final Path path;
    private BufferedWriter writer;

    RejectsFile(Path path) {
        this.path = requireNonNull(path, "path is null");
    }

    Path path() {
        return path;
    }

    /** Whether any row was written (and so the file exists). */
    boolean used() {
        return writer != null;
    }

    void write(RejectedRow row) {
        try {
            if (writer == null) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                writer.write("file,line,column,value,reason\n");
            }
            writer.write(quote(row.source()) + "," + row.line() + "," + quote(row.column()) + ","
                    + quote(row.value()) + "," + quote(row.reason()) + "\n");
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot write rejects file[" + path + "]: " + e.getMessage(), e);
        }
    }

    private static String quote(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot write rejects file[" + path + "]: " + e.getMessage(), e);
        }
    }
}
