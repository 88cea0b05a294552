package io.depot.sql.pgwire;

import io.depot.sql.PreparedSql;
import io.depot.sql.jdbc.SessionPolicy;
import io.depot.sql.server.PasswordHash;
import io.depot.sql.server.Role;
import io.depot.sql.server.ServerOptions;
import io.depot.sql.server.UserStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One PostgreSQL client connection, served by its own thread: the startup phase (SSL refused,
 * CancelRequest, SCRAM-SHA-256 authentication, ParameterStatus, BackendKeyData), then the simple
 * query protocol (several statements per Query) and the extended protocol (Parse, Bind,
 * Describe, Execute, Sync, Close, Flush) until Terminate or the socket closes.
 *
 * <p>A connection silent for the server's idle timeout is closed (its reads time out).
 * After an error in the extended protocol the messages up to the next Sync are skipped, as
 * PostgreSQL does, so the client's next statement runs normally.
 */
final class PgConnection implements Runnable {
    private static final int PROTOCOL_3 = 196_608;
    private static final int SSL_REQUEST = 80_877_103;
    private static final int GSSENC_REQUEST = 80_877_104;
    private static final int CANCEL_REQUEST = 80_877_102;

    private final PgServer server;
    private final Socket socket;
    private final int processId;
    private final int secret;
    private MessageWriter out;
    private MessageReader in;
    /** Set once logged in; read by the thread that serves a CancelRequest. */
    private volatile QueryRunner runner;
    private SessionCommands session;
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private volatile Thread thread;

    /** A parsed statement: Depot's plan or a session/catalog answer, with the client's parameter types. */
    private record Statement(String sql, PreparedSql prepared, Supplier<PgResult> answer, SqlText.Placeholders placeholders,
            int[] parameterOids) {}

    /** A bound statement; its result exists from the first Execute (or Bind, for answers) until it closes. */
    private static final class Portal {
        private final Statement statement;
        private final List<Object> parameters;
        private final short[] resultFormats;
        private PgResult result;
        private boolean done;

        private Portal(Statement statement, List<Object> parameters, short[] resultFormats) {
            this.statement = statement;
            this.parameters = parameters;
            this.resultFormats = resultFormats;
        }

        private void close() {
            if (result != null) {
                result.close();
            }
        }
    }

    PgConnection(PgServer server, Socket socket, int processId, int secret) {
        this.server = server;
        this.socket = socket;
        this.processId = processId;
        this.secret = secret;
    }

    int processId() {
        return processId;
    }

    int secret() {
        return secret;
    }

    Thread thread() {
        return thread;
    }

    void cancelQuery() {
        QueryRunner current = runner;
        if (current != null) {
            current.cancel();
        }
    }

    /** Answers a connection that is not served with a FATAL error and closes it. */
    static void refuse(Socket socket, PgError error) {
        try (socket) {
            socket.setSoTimeout(1_000);
            MessageWriter out = new MessageWriter(socket.getOutputStream());
            writeError(out, error);
            out.flush();
        } catch (IOException e) {
            // the client is gone already
        }
    }

    void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            in = new MessageReader(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
            out = new MessageWriter(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
            // PostgreSQL's authentication_timeout: a client must log in within a minute
            socket.setSoTimeout(60_000);
            if (startup()) {
                // --idle-timeout: a client silent that long (gone without a word) is disconnected
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, server.options().idleTimeoutMillis()));
                serve();
            }
        } catch (java.net.SocketTimeoutException e) {
            try {
                sendError(PgError.fatal("57P05", "terminating connection due to idle timeout"));
                out.flush();
            } catch (IOException | RuntimeException ignored) {
                // the connection is gone
            }
        } catch (EOFException | java.net.SocketException e) {
            // the client went away
        } catch (IOException | RuntimeException e) {
            try {
                sendError(PgError.fatal(PgError.PROTOCOL_VIOLATION, String.valueOf(e.getMessage())));
                out.flush();
            } catch (IOException | RuntimeException ignored) {
                // the connection is gone
            }
        } finally {
            closePortals(true);
            closeSocket();
            server.unregister(this);
        }
    }

    // ---- startup ----

    /** Runs the startup phase; false when the connection ends there (cancel request, bad login). */
    private boolean startup() throws IOException {
        while (true) {
            MessageReader.Body body = in.readStartup();
            int code = body.int32();
            if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                // no TLS: the client goes on in plain text or gives up, as its sslmode says
                socket.getOutputStream().write('N');
                socket.getOutputStream().flush();
                continue;
            }
            if (code == CANCEL_REQUEST) {
                server.cancel(body.int32(), body.int32());
                return false;
            }
            if (code != PROTOCOL_3) {
                sendError(PgError.fatal("0A000", "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xFFFF)
                        + ": Depot speaks 3.0"));
                out.flush();
                return false;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            while (body.hasMore()) {
                String name = body.cstring();
                if (name.isEmpty()) {
                    break;
                }
                parameters.put(name, body.cstring());
            }
            return authenticate(parameters);
        }
    }

    private boolean authenticate(Map<String, String> parameters) throws IOException {
        String user = parameters.getOrDefault("user", "");
        ServerOptions options = server.options();
        Optional<UserStore.User> known = options.users().user(user);
        int fakeIterations = options.users().users().stream()
                .flatMap(other -> PasswordHash.parts(other.passwordHash()).stream())
                .mapToInt(PasswordHash.Pbkdf2::iterations).findFirst().orElse(PasswordHash.DEFAULT_ITERATIONS);
        ScramSha256 scram = new ScramSha256(user, known.flatMap(found -> PasswordHash.parts(found.passwordHash())),
                fakeIterations);
        try {
            out.begin('R').int32(10).cstring(ScramSha256.MECHANISM).int8(0).end();
            out.flush();
            MessageReader.Body initial = expect('p');
            String mechanism = initial.cstring();
            if (!mechanism.equals(ScramSha256.MECHANISM)) {
                throw new ScramSha256.AuthenticationException("unsupported SASL mechanism " + mechanism);
            }
            int length = initial.int32();
            String clientFirst = new String(initial.bytes(length), StandardCharsets.UTF_8);
            out.begin('R').int32(11).bytes(scram.serverFirst(clientFirst).getBytes(StandardCharsets.UTF_8)).end();
            out.flush();
            String clientFinal = new String(expect('p').rest(), StandardCharsets.UTF_8);
            String serverFinal = scram.serverFinal(clientFinal);
            out.begin('R').int32(12).bytes(serverFinal.getBytes(StandardCharsets.UTF_8)).end();
        } catch (ScramSha256.AuthenticationException e) {
            sendError(PgError.fatal(PgError.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\""));
            out.flush();
            return false;
        }
        Role role = known.orElseThrow().role();
        runner = new QueryRunner(server.sql(),
                new SessionPolicy(role == Role.READ_ONLY, options.fileAccess(), options.queryTimeoutMillis()));
        session = new SessionCommands(user, processId, parameters);
        out.begin('R').int32(0).end();
        for (Map.Entry<String, String> setting : session.reported().entrySet()) {
            out.begin('S').cstring(setting.getKey()).cstring(setting.getValue()).end();
        }
        out.begin('K').int32(processId).int32(secret).end();
        readyForQuery();
        return true;
    }

    private MessageReader.Body expect(char type) throws IOException {
        int actual = in.readType();
        if (actual < 0) {
            throw new EOFException();
        }
        MessageReader.Body body = in.readBody();
        if (actual != type) {
            throw new MessageReader.ProtocolException("expected message " + type + " but got " + (char) actual);
        }
        return body;
    }

    // ---- message loop ----

    private void serve() throws IOException {
        boolean skipUntilSync = false;
        while (true) {
            int type = in.readType();
            if (type < 0 || type == 'X') {
                return;
            }
            MessageReader.Body body = in.readBody();
            if (type == 'Q') {
                simpleQuery(body.cstring());
                continue;
            }
            if (type == 'S') {
                skipUntilSync = false;
                closePortals(false);
                readyForQuery();
                continue;
            }
            if (type == 'H') {
                out.flush();
                continue;
            }
            if (skipUntilSync) {
                continue;
            }
            try {
                switch (type) {
                    case 'P' -> parse(body);
                    case 'B' -> bind(body);
                    case 'D' -> describe(body);
                    case 'E' -> {
                        runner.beginRequest();
                        try {
                            execute(body);
                        } finally {
                            runner.endRequest();
                        }
                    }
                    case 'C' -> close(body);
                    default -> throw new PgException(PgError.error(PgError.FEATURE_NOT_SUPPORTED,
                            "message type " + (char) type + " is not supported"));
                }
            } catch (RuntimeException e) {
                failed(e);
                skipUntilSync = true;
            }
        }
    }

    private void simpleQuery(String sql) throws IOException {
        List<String> parts = SqlText.split(sql);
        if (parts.isEmpty()) {
            out.begin('I').end();
        }
        for (String part : parts) {
            Statement statement;
            runner.beginRequest();
            try {
                statement = prepare(part, new int[0]);
                try (PgResult result = start(statement, List.of())) {
                    if (!result.fields().isEmpty()) {
                        rowDescription(result.fields(), new short[0]);
                    }
                    result.writeRows(out, 0, formats(new short[0], result.fields().size()));
                    out.begin('C').cstring(result.commandTag()).end();
                }
            } catch (RuntimeException e) {
                failed(e);
                break;
            } finally {
                runner.endRequest();
            }
        }
        closePortals(false);
        readyForQuery();
    }

    private void failed(RuntimeException e) throws IOException {
        session.statementFailed();
        sendError(PgError.of(e));
    }

    private void parse(MessageReader.Body body) throws IOException {
        String name = body.cstring();
        String sql = body.cstring();
        int count = body.int16();
        int[] oids = new int[count];
        for (int i = 0; i < count; i++) {
            oids[i] = body.int32();
        }
        Statement statement = prepare(sql, oids);
        statements.put(name, statement);
        out.begin('1').end();
    }

    /** Plans a statement, or recognizes it as a session or catalog statement answered here. */
    private Statement prepare(String sql, int[] parameterOids) {
        Optional<Supplier<PgResult>> answer = session.recognize(sql).or(() -> server.catalog().recognize(sql, runner));
        SqlText.Placeholders placeholders = SqlText.placeholders(sql);
        if (answer.isPresent()) {
            return new Statement(sql, null, answer.get(), placeholders, parameterOids);
        }
        if (SqlText.normalize(sql).isEmpty()) {
            return new Statement(sql, null, () -> PgResult.command(""), placeholders, parameterOids);
        }
        return new Statement(sql, runner.plan(PgDialect.rewrite(placeholders.sql())), null, placeholders, parameterOids);
    }

    private void bind(MessageReader.Body body) throws IOException {
        String portalName = body.cstring();
        String statementName = body.cstring();
        Statement statement = statement(statementName);
        short[] parameterFormats = shorts(body);
        int count = body.int16();
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            int length = body.int32();
            values[i] = length < 0 ? null : body.bytes(length);
        }
        short[] resultFormats = shorts(body);
        List<Object> parameters = ParameterValues.decode(values, parameterFormats, statement.parameterOids(),
                statement.placeholders(), statement.prepared() == null ? List.of() : statement.prepared().parameterTypes());
        Portal previous = portals.remove(portalName);
        if (previous != null) {
            previous.close();
        }
        Portal portal = new Portal(statement, parameters, resultFormats);
        if (statement.answer() != null) {
            portal.result = statement.answer().get();
        }
        portals.put(portalName, portal);
        out.begin('2').end();
    }

    private void describe(MessageReader.Body body) throws IOException {
        char kind = (char) body.int8();
        String name = body.cstring();
        if (kind == 'S') {
            Statement statement = statement(name);
            int[] oids = ParameterValues.describe(statement.parameterOids(), statement.placeholders(),
                    statement.prepared() == null ? List.of() : statement.prepared().parameterTypes());
            out.begin('t').int16(oids.length);
            for (int oid : oids) {
                out.int32(oid);
            }
            out.end();
            List<PgResult.Field> fields;
            if (statement.prepared() != null) {
                fields = fields(statement.prepared());
            } else {
                try (PgResult preview = statement.answer().get()) {
                    fields = preview.fields();
                }
            }
            describeFields(fields, new short[0]);
        } else {
            Portal portal = portal(name);
            List<PgResult.Field> fields = portal.result != null ? portal.result.fields()
                    : portal.statement.prepared() != null ? fields(portal.statement.prepared()) : List.of();
            describeFields(fields, portal.resultFormats);
        }
    }

    private void describeFields(List<PgResult.Field> fields, short[] formats) throws IOException {
        if (fields.isEmpty()) {
            out.begin('n').end();
        } else {
            rowDescription(fields, formats);
        }
    }

    private static List<PgResult.Field> fields(PreparedSql prepared) {
        if (!prepared.isQuery()) {
            return List.of();
        }
        List<PgResult.Field> fields = new ArrayList<>();
        for (io.depot.storage.type.Column column : prepared.columns()) {
            fields.add(new PgResult.Field(column.name(), column.type()));
        }
        return fields;
    }

    private void execute(MessageReader.Body body) throws IOException {
        Portal portal = portal(body.cstring());
        int maxRows = body.int32();
        if (portal.done) {
            out.begin('C').cstring(portal.result.commandTag()).end();
            return;
        }
        if (portal.result == null) {
            portal.result = start(portal.statement, portal.parameters);
        }
        int[] formats = formats(portal.resultFormats, portal.result.fields().size());
        boolean suspended;
        try {
            suspended = portal.result.writeRows(out, maxRows, formats);
        } catch (RuntimeException e) {
            // a query that fails mid-stream frees its memory now, not at the end of the transaction
            portal.close();
            portals.values().remove(portal);
            throw e;
        }
        if (suspended) {
            out.begin('s').end();
            return;
        }
        portal.done = true;
        out.begin('C').cstring(portal.result.commandTag()).end();
        // the rows are sent: free the query now rather than at Sync
        portal.result.close();
    }

    private PgResult start(Statement statement, List<Object> parameters) {
        if (statement.answer() != null) {
            return statement.answer().get();
        }
        PreparedSql prepared = statement.prepared();
        if (prepared.isQuery()) {
            return runner.query(prepared, parameters, session.statementTimeoutMillis());
        }
        return runner.update(prepared, parameters, statement.sql());
    }

    private void close(MessageReader.Body body) throws IOException {
        char kind = (char) body.int8();
        String name = body.cstring();
        if (kind == 'S') {
            statements.remove(name);
        } else {
            Portal portal = portals.remove(name);
            if (portal != null) {
                portal.close();
            }
        }
        out.begin('3').end();
    }

    private Statement statement(String name) {
        Statement statement = statements.get(name);
        if (statement == null) {
            throw new PgException(PgError.error("26000", "prepared statement \"" + name + "\" does not exist"));
        }
        return statement;
    }

    private Portal portal(String name) {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new PgException(PgError.error("34000", "portal \"" + name + "\" does not exist"));
        }
        return portal;
    }

    /** Portals live until the transaction ends: at Sync outside a transaction block, always when closing. */
    private void closePortals(boolean all) {
        if (!all && session != null && session.transactionStatus() != 'I') {
            return;
        }
        for (Portal portal : portals.values()) {
            try {
                portal.close();
            } catch (RuntimeException e) {
                // a failed query's stream still closes its memory; nothing to report here
            }
        }
        portals.clear();
    }

    // ---- output ----

    private void rowDescription(List<PgResult.Field> fields, short[] formats) throws IOException {
        int[] codes = formats(formats, fields.size());
        out.begin('T').int16(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            PgResult.Field field = fields.get(i);
            PgType pgType = field.wireType();
            out.cstring(field.name()).int32(0).int16(0).int32(pgType.oid).int16(pgType.size)
                    .int32(field.modifier()).int16(codes[i]);
        }
        out.end();
    }

    private void readyForQuery() throws IOException {
        out.begin('Z').int8(session == null ? 'I' : session.transactionStatus()).end();
        out.flush();
    }

    private void sendError(PgError error) throws IOException {
        writeError(out, error);
    }

    private static void writeError(MessageWriter out, PgError error) throws IOException {
        out.begin('E')
                .int8('S').cstring(error.severity())
                .int8('V').cstring(error.severity())
                .int8('C').cstring(error.sqlState())
                .int8('M').cstring(error.message())
                .int8(0).end();
    }

    /** One format code per column from Bind's list: none means text, one applies to all. */
    private static int[] formats(short[] codes, int columns) {
        int[] formats = new int[columns];
        for (int i = 0; i < columns; i++) {
            formats[i] = codes.length == 0 ? 0 : codes.length == 1 ? codes[0] : codes[i];
        }
        return formats;
    }

    private static short[] shorts(MessageReader.Body body) throws EOFException {
        int count = body.int16();
        short[] values = new short[count];
        for (int i = 0; i < count; i++) {
            values[i] = (short) body.int16();
        }
        return values;
    }
}
