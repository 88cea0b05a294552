package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads JSON lines files (one JSON object per line, UTF-8, optionally gzip-compressed) into a
 * table in one commit.
 *
 * <p>Nested objects are flattened to dotted column names ({@code {"a":{"b":1}}} fills column
 * {@code a.b}); arrays are rejected as values Depot cannot store. A key missing from a line, or
 * JSON {@code null}, is NULL. A new table's columns are the keys in order of first appearance over
 * all files, typed from every value as CSV is (JSON strings only become DATE, TIMESTAMP or
 * VARCHAR; numbers and booleans what they look like). Blank lines are skipped.
 */
public final class JsonLinesLoader implements RowSource {
    /** Decimals keep their digits ("12.50" stays 12.50, not the double 12.5). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private final String table;
    private final List<Path> files;
    private final TableSchema schema;

    JsonLinesLoader(String table, List<Path> files, TableSchema schema) {
        this.table = table;
        this.files = List.copyOf(files);
        this.schema = schema;
    }

    /**
     * @param schema types for a new table instead of inferred ones (checked against an existing
     *     table), or null
     */
    public static LoadResult load(Database database, String table, List<Path> files, TableSchema schema,
            LoadOptions options) {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(files, "files is null");
        requireNonNull(options, "options is null");
        return LoadRun.execute(database, table, new JsonLinesLoader(table, files, schema), options);
    }

    @Override
    public String description() {
        return InputFiles.describe(files);
    }

    @Override
    public long bytes() {
        return InputFiles.totalSize(files);
    }

    @Override
    public TableSchema declaredSchema() {
        return schema;
    }

    @Override
    public TableSchema schemaForNewTable() {
        InputFiles.check(files);
        if (schema != null) {
            return schema;
        }
        Map<String, ColumnTypeInference> columns = new LinkedHashMap<>();
        // Keys seen only as null: columns unless elsewhere they hold an object (then their fields are columns).
        java.util.Set<String> nullOnly = new java.util.LinkedHashSet<>();
        long rows = 0;
        for (Path file : files) {
            try (Lines lines = new Lines(file)) {
                for (Map<String, JsonNode> object = lines.next(); object != null; object = lines.next()) {
                    for (Map.Entry<String, JsonNode> field : object.entrySet()) {
                        if (field.getValue().isNull() && !columns.containsKey(field.getKey())) {
                            nullOnly.add(field.getKey());
                            continue;
                        }
                        ColumnTypeInference inference = columns.computeIfAbsent(field.getKey(), key -> new ColumnTypeInference());
                        JsonNode value = field.getValue();
                        if (value.isTextual()) {
                            inference.observeText(value.textValue().strip());
                        } else if (value.isValueNode() && !value.isNull()) {
                            inference.observe(value.asText());
                        }
                    }
                    rows++;
                }
            }
        }
        if (rows == 0) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Table[%s] does not exist and the files hold no JSON objects to infer columns from", table));
        }
        for (String key : nullOnly) {
            boolean objectElsewhere = columns.keySet().stream().anyMatch(name -> name.startsWith(key + "."));
            if (!objectElsewhere) {
                columns.putIfAbsent(key, new ColumnTypeInference());
            }
        }
        List<Column> result = new ArrayList<>(columns.size());
        columns.forEach((name, inference) -> result.add(Column.nullable(name, inference.result())));
        return new TableSchema(result);
    }

    @Override
    public void readInto(BatchSink sink) {
        InputFiles.check(files);
        TableSchema columns = sink.columns();
        FieldConverter[] converters = new FieldConverter[columns.size()];
        for (int i = 0; i < converters.length; i++) {
            converters[i] = new FieldConverter(columns.column(i).type(), null);
        }
        for (Path file : files) {
            try (Lines lines = new Lines(file, sink.progress())) {
                for (Map<String, JsonNode> object = lines.next(); object != null; object = lines.next()) {
                    if (convert(lines, object, columns, converters, sink)) {
                        sink.endRow();
                    }
                }
            }
        }
    }

    private boolean convert(Lines lines, Map<String, JsonNode> object, TableSchema columns, FieldConverter[] converters,
            BatchSink sink) {
        int row = sink.row();
        int found = 0;
        for (int column = 0; column < converters.length; column++) {
            Column target = columns.column(column);
            JsonNode value = object.get(target.name());
            if (value == null) {
                value = ignoringCase(object, target.name());
            }
            if (value == null || value.isNull()) {
                sink.vector(column).setNull(row);
                continue;
            }
            found++;
            if (value.isArray()) {
                sink.reject(new RejectedRow(lines.name(), lines.lineNumber(), target.name(), value.toString(),
                        "is a JSON array; Depot stores no arrays (flatten it, or leave the key out)"));
                return false;
            }
            String text = value.asText();
            if (!converters[column].write(sink.vector(column), row, text, value.isTextual())) {
                sink.reject(RejectedRow.badValue(lines.name(), lines.lineNumber(), target.name(), text, target.type()));
                return false;
            }
        }
        if (found < countNonNull(object)) {
            for (String key : object.keySet()) {
                if (columns.indexOf(key).isEmpty()) {
                    sink.reject(new RejectedRow(lines.name(), lines.lineNumber(), key, null,
                            "is not a column of table[" + table + "]"));
                    return false;
                }
            }
        }
        return true;
    }

    private static JsonNode ignoringCase(Map<String, JsonNode> object, String name) {
        for (Map.Entry<String, JsonNode> field : object.entrySet()) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    private static int countNonNull(Map<String, JsonNode> object) {
        int count = 0;
        for (JsonNode value : object.values()) {
            if (!value.isNull()) {
                count++;
            }
        }
        return count;
    }

    /** The objects of one file, flattened, with the line each came from. */
    private static final class Lines implements AutoCloseable {
        private final Path file;
        private final BufferedReader reader;
        private long lineNumber;

        Lines(Path file) {
            this(file, LoadProgress.NONE);
        }

        /** As above, telling {@code progress} the file's bytes as they are read. */
        Lines(Path file, LoadProgress progress) {
            this.file = file;
            try {
                this.reader = new BufferedReader(new InputStreamReader(InputFiles.open(file, progress), StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
            } catch (IOException e) {
                throw new DepotException(ErrorCode.USER, "Cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        String name() {
            return file.getFileName().toString();
        }

        long lineNumber() {
            return lineNumber;
        }

        /** The next object, flattened to dotted keys, or null at the end of the file. */
        Map<String, JsonNode> next() {
            String line;
            try {
                do {
                    line = reader.readLine();
                    if (line == null) {
                        return null;
                    }
                    lineNumber++;
                    if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                        line = line.substring(1);
                    }
                } while (line.isBlank());
            } catch (CharacterCodingException e) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "%s after line %d: bytes that are not valid UTF-8 (JSON lines must be UTF-8)", name(), lineNumber), e);
            } catch (IOException | UncheckedIOException e) {
                throw new DepotException(ErrorCode.USER, "Cannot read " + file + ": " + e.getMessage(), e);
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new DepotException(ErrorCode.USER, String.format("%s line %d: malformed JSON: %s", name(), lineNumber,
                        e.getOriginalMessage()), e);
            }
            if (node == null || !node.isObject()) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "%s line %d: is not a JSON object; JSON lines files hold one object per line", name(), lineNumber));
            }
            Map<String, JsonNode> flat = new LinkedHashMap<>();
            flatten("", node, flat);
            return flat;
        }

        private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = prefix + field.getKey();
                if (field.getValue().isObject()) {
                    flatten(name + ".", field.getValue(), into);
                } else {
                    into.put(name, field.getValue());
                }
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new DepotException(ErrorCode.RESOURCE, "Cannot close " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
