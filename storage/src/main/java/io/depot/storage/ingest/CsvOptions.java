package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.TableSchema;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How to read CSV files.
 *
 * @param delimiter field separator, ',' by default
 * @param quote quote character, '"' by default; nothing inside quotes is trimmed
 * @param header whether the first line of every file names the columns (default true); with a
 *     header, fields are matched to table columns by name (ignoring case), without one by position
 * @param charset file encoding, UTF-8 by default (a UTF-8 byte order mark is skipped)
 * @param nullMarker unquoted text that means NULL; when null (the default) an unquoted empty
 *     field is NULL. In a VARCHAR column a quoted field is never NULL ({@code ""} is the empty
 *     string); in other columns an empty or blank field is always NULL
 * @param schema the types to create a new table with instead of inferring them, or null; for an
 *     existing table it must match the table's schema (the load fails naming the difference)
 */
public record CsvOptions(char delimiter, char quote, boolean header, Charset charset, String nullMarker,
        TableSchema schema) {
    public CsvOptions {
        requireNonNull(charset, "charset is null");
        if (delimiter == quote) {
            throw new IllegalArgumentException("delimiter and quote are both '" + delimiter + "'");
        }
        if (delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
            throw new IllegalArgumentException("delimiter and quote cannot be line breaks");
        }
    }

    public static CsvOptions defaults() {
        return new CsvOptions(',', '"', true, StandardCharsets.UTF_8, null, null);
    }

    public CsvOptions withDelimiter(char newDelimiter) {
        return new CsvOptions(newDelimiter, quote, header, charset, nullMarker, schema);
    }

    public CsvOptions withQuote(char newQuote) {
        return new CsvOptions(delimiter, newQuote, header, charset, nullMarker, schema);
    }

    public CsvOptions withHeader(boolean newHeader) {
        return new CsvOptions(delimiter, quote, newHeader, charset, nullMarker, schema);
    }

    public CsvOptions withCharset(Charset newCharset) {
        return new CsvOptions(delimiter, quote, header, newCharset, nullMarker, schema);
    }

    public CsvOptions withNullMarker(String newNullMarker) {
        return new CsvOptions(delimiter, quote, header, charset, newNullMarker, schema);
    }

    public CsvOptions withSchema(TableSchema newSchema) {
        return new CsvOptions(delimiter, quote, header, charset, nullMarker, newSchema);
    }
}
