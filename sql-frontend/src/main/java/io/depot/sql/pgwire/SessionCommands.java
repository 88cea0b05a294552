package io.depot.sql.pgwire;

import io.depot.sql.schema.DepotSchema;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements PostgreSQL clients send about the session rather than the data, answered here
 * so that connecting never fails: {@code SET}, {@code RESET}, {@code SHOW}, {@code DISCARD},
 * transaction control, and the server functions drivers call on connect ({@code version()},
 * {@code current_schema()}, ...).
 *
 * <p>Depot commits each statement on its own: BEGIN, COMMIT and ROLLBACK only track the
 * transaction status reported to the client (drivers such as psycopg2 open a transaction before
 * every statement), they do not make statements atomic or undo them.
 */
final class SessionCommands {
    /** The PostgreSQL version announced: a protocol-3 server with the 14-era catalog SQLAlchemy expects. */
    static final String SERVER_VERSION = "14.0";
    static final String VERSION_TEXT = "PostgreSQL " + SERVER_VERSION + " (Depot 0.1.0 PostgreSQL wire protocol)";
    static final String DATABASE = "depot";

    private static final Pattern SET = Pattern.compile(
            "(?is)SET\\s+(?:SESSION\\s+|LOCAL\\s+)?(?:(TIME\\s+ZONE)|([A-Za-z_][\\w.]*))\\s*(?:(?:TO|=)\\s*)?(.*)");
    private static final Pattern SHOW = Pattern.compile("(?is)SHOW\\s+(.+?)");
    private static final Pattern FUNCTION_CALL = Pattern.compile(
            "(?is)SELECT\\s+(?:pg_catalog\\.)?(version|current_schema|current_database|current_user|session_user"
                    + "|current_catalog|pg_backend_pid)\\s*(\\(\\s*\\))?(?:\\s+AS\\s+(\"?)(\\w+)\\3)?");
    private static final Pattern TRANSACTION = Pattern.compile(
            "(?is)(BEGIN|START\\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)(\\s+(WORK|TRANSACTION)\\b.*|\\s+ISOLATION.*|\\s+READ.*|\\s+AND.*|\\s*)");

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|h|)");

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final String user;
    private final int processId;
    private boolean inTransaction;
    private boolean failed;

    SessionCommands(String user, int processId, Map<String, String> startupSettings) {
        this.user = user;
        this.processId = processId;
        settings.put("server_version", SERVER_VERSION);
        settings.put("server_version_num", "140000");
        settings.put("server_encoding", "UTF8");
        settings.put("client_encoding", "UTF8");
        settings.put("datestyle", "ISO, MDY");
        settings.put("intervalstyle", "postgres");
        settings.put("timezone", "UTC");
        settings.put("integer_datetimes", "on");
        settings.put("standard_conforming_strings", "on");
        settings.put("is_superuser", "off");
        settings.put("session_authorization", user);
        settings.put("application_name", "");
        settings.put("transaction_isolation", "read committed");
        settings.put("default_transaction_isolation", "read committed");
        settings.put("transaction_read_only", "off");
        settings.put("max_identifier_length", "63");
        settings.put("search_path", DepotSchema.DEFAULT_SCHEMA);
        settings.put("extra_float_digits", "1");
        startupSettings.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            // the encoding and date style stay what Depot writes, whatever the client asked
            if (!key.equals("client_encoding") && !key.equals("datestyle") && !key.equals("user")
                    && !key.equals("database")) {
                settings.put(key, value);
            }
        });
    }

    /** The settings reported as ParameterStatus after authentication. */
    Map<String, String> reported() {
        Map<String, String> reported = new LinkedHashMap<>();
        for (String name : new String[] {"server_version", "server_encoding", "client_encoding", "application_name",
                "DateStyle", "IntervalStyle", "TimeZone", "integer_datetimes", "standard_conforming_strings",
                "is_superuser", "session_authorization"}) {
            reported.put(name, settings.get(name.toLowerCase(Locale.ROOT)));
        }
        return reported;
    }

    /**
     * {@code statement_timeout} in milliseconds, 0 for none: a number of milliseconds or a number
     * with a unit ({@code 500ms}, {@code 5s}, {@code 2min}, {@code 1h}), as PostgreSQL reads it.
     */
    long statementTimeoutMillis() {
        String value = settings.getOrDefault("statement_timeout", "0").strip().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            return 0;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).strip()) {
            case "s" -> amount * 1_000;
            case "min" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount;
        };
    }

    /** The ReadyForQuery status: idle, in a transaction, or in a failed one. */
    char transactionStatus() {
        return !inTransaction ? 'I' : failed ? 'E' : 'T';
    }

    /** A statement failed: an open transaction block is now failed until ROLLBACK, as in PostgreSQL. */
    void statementFailed() {
        failed = inTransaction;
    }

    /**
     * The session statement's answer, run when the supplier is called (so that a client's
     * Parse does not yet change settings), or empty when the statement is for the database.
     */
    Optional<java.util.function.Supplier<PgResult>> recognize(String statement) {
        String sql = SqlText.normalize(statement);
        Matcher transaction = TRANSACTION.matcher(sql);
        if (transaction.matches()) {
            String keyword = transaction.group(1).toUpperCase(Locale.ROOT);
            return Optional.of(() -> transaction(keyword));
        }
        Matcher set = SET.matcher(sql);
        if (set.matches()) {
            String name = set.group(1) != null ? "timezone" : set.group(2).toLowerCase(Locale.ROOT);
            String value = unquote(set.group(3).strip());
            return Optional.of(() -> {
                if (!name.equals("transaction") && !name.equals("session")) {
                    settings.put(name, value);
                }
                return PgResult.command("SET");
            });
        }
        Matcher show = SHOW.matcher(sql);
        if (show.matches()) {
            String what = show.group(1).strip();
            return Optional.of(() -> show(what));
        }
        String upper = sql.toUpperCase(Locale.ROOT);
        if (upper.startsWith("RESET ")) {
            String name = sql.substring(6).strip().toLowerCase(Locale.ROOT);
            return Optional.of(() -> {
                if (!name.equals("all")) {
                    settings.remove(name);
                }
                return PgResult.command("RESET");
            });
        }
        if (upper.startsWith("DISCARD ")) {
            return Optional.of(() -> PgResult.command("DISCARD " + upper.substring(8).strip()));
        }
        if (upper.startsWith("DEALLOCATE ")) {
            return Optional.of(() -> PgResult.command("DEALLOCATE"));
        }
        Matcher function = FUNCTION_CALL.matcher(sql);
        if (function.matches()) {
            String name = function.group(1).toLowerCase(Locale.ROOT);
            String column = function.group(4) != null ? function.group(4) : name;
            return Optional.of(() -> functionValue(name, column));
        }
        return Optional.empty();
    }

    private PgResult functionValue(String name, String column) {
        if (name.equals("pg_backend_pid")) {
            return new ValuesResult(java.util.List.of(new PgResult.Field(column, io.depot.storage.type.ColumnType.INTEGER)),
                    java.util.List.of(java.util.List.of(processId)));
        }
        Object value = switch (name) {
            case "version" -> VERSION_TEXT;
            case "current_schema" -> DepotSchema.DEFAULT_SCHEMA;
            case "current_database", "current_catalog" -> DATABASE;
            default -> user;
        };
        return ValuesResult.single(column, value);
    }

    private PgResult transaction(String keyword) {
        if (keyword.equals("BEGIN") || keyword.startsWith("START")) {
            inTransaction = true;
            failed = false;
            return PgResult.command(keyword.equals("BEGIN") ? "BEGIN" : "START TRANSACTION");
        }
        boolean wasFailed = failed;
        inTransaction = false;
        failed = false;
        boolean commit = keyword.equals("COMMIT") || keyword.equals("END");
        // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK
        return PgResult.command(commit && !wasFailed ? "COMMIT" : "ROLLBACK");
    }

    private PgResult show(String what) {
        String name = what.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (name.equals("transaction isolation level")) {
            return ValuesResult.single("transaction_isolation", settings.get("transaction_isolation"));
        }
        if (name.equals("time zone")) {
            name = "timezone";
        }
        if (name.equals("all")) {
            java.util.List<java.util.List<Object>> rows = new java.util.ArrayList<>();
            settings.forEach((key, value) -> rows.add(java.util.Arrays.asList(key, value, "")));
            io.depot.storage.type.ColumnType text = io.depot.storage.type.ColumnType.VARCHAR;
            return new ValuesResult(java.util.List.of(new PgResult.Field("name", text),
                    new PgResult.Field("setting", text), new PgResult.Field("description", text)), rows);
        }
        String value = settings.get(name);
        if (value == null) {
            throw new PgException(PgError.error(PgError.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + what + "\""));
        }
        return ValuesResult.single(name, value);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1).replace("''", "'");
        }
        return value;
    }
}
