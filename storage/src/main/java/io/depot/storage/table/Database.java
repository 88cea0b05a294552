package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A Depot database: a directory of tables. Owns the one Arrow root allocator of this instance.
 * Thread-safe; open it once per process and share it.
 *
 * <p>Layout: {@code DEPOT} (marker with the layout version), {@code tables/<name>/} per table
 * (lower-cased name, see {@link TableDirectory}), {@code views/<name>.json} per view (see
 * {@link ViewCatalog}), {@code locks/<name>.lock} per table writer,
 * {@code dropped/<name>-<drop time>-<uuid>/} for dropped tables, deleted when the dropping instance
 * closes (or, after a crash, by an open an hour later).
 */
public final class Database implements AutoCloseable {
    /** Rows per segment: 16 blocks of 65,536. */
    static final long DEFAULT_SEGMENT_ROWS = 16L * 65_536;
    private static final String MARKER = "DEPOT";
    private static final String LAYOUT = "depot-layout=1";
    private static final int MAX_TABLE_NAME_LENGTH = 128;
    /** How long a dropped table outlives a crash of the instance that dropped it. */
    private static final long STALE_DROP_MILLIS = 3_600_000L;
    private static final Pattern DROPPED_NAME = Pattern.compile(".+-(\\d+)-[0-9a-f-]{36}");
    /** One engine block: a fold makes a segment worth its footer, and snapshots decode at most this many log rows. */
    static final long DEFAULT_DELTA_FOLD_ROWS = 65_536;
    /** Log bytes at which a small write folds the log whatever its rows (wide text rows). */
    private static final long DELTA_FOLD_BYTES = 64L << 20;

    /** How {@link #beginWrite(String, TableSchema, WriteMode)} starts a writer. */
    private enum WriteMode {
        /** Any change; the write-ahead log is folded into a segment first, so the base has no delta rows. */
        CHANGE,
        /** Appends only, small ones through the write-ahead log; the log is left as it is. */
        INSERT,
        /** Replaces the table whole; the log's rows are dropped with the segments. */
        REPLACE
    }

    private final Path directory;
    private final boolean temporary;
    private final BufferAllocator allocator;
    private final Map<String, TableDirectory> tables = new ConcurrentHashMap<>();
    private final ViewCatalog views;
    private final Set<TableWriter> openWriters = ConcurrentHashMap.newKeySet();
    /** Tables this instance dropped: its snapshots may still read them until it closes. */
    private final Set<Path> droppedHere = ConcurrentHashMap.newKeySet();
    private volatile long segmentRowLimit = DEFAULT_SEGMENT_ROWS;
    /** Rows in a table's write-ahead log at which the small write that reaches them folds it. */
    private volatile long deltaFoldRows = DEFAULT_DELTA_FOLD_ROWS;
    /** How long a writer waits for another writer of the same table before giving up with CONFLICT. */
    private volatile Duration writerWait = Duration.ofMillis(Long.getLong("depot.writer.wait.ms", 30_000));
    /** Small inserts waiting to share a write-ahead log record, per table (lower-cased name). */
    private final Map<String, InsertQueue> insertQueues = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Database(Path directory, boolean temporary) {
        this.directory = directory;
        this.temporary = temporary;
        this.allocator = new RootAllocator(Long.MAX_VALUE);
        this.views = new ViewCatalog(directory.resolve("views"));
    }

    /** Opens the database in this directory, creating the directory and its layout if absent. */
    public static Database open(Path directory) {
        requireNonNull(directory, "directory is null");
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            prepareLayout(absolute);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE,
                    "Cannot open database[" + absolute + "]: " + e.getMessage(), e);
        }
        return new Database(absolute, false);
    }

    /** A throw-away database in a fresh temporary directory that is deleted on close. */
    public static Database temporary() {
        try {
            Path directory = Files.createTempDirectory("depot-");
            prepareLayout(directory);
            return new Database(directory, true);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot create a temporary database: " + e.getMessage(), e);
        }
    }

    private static void prepareLayout(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path marker = directory.resolve(MARKER);
        if (Files.exists(marker)) {
            String layout = Files.readString(marker, StandardCharsets.UTF_8).trim();
            if (!layout.equals(LAYOUT)) {
                throw new DepotException(ErrorCode.CORRUPTION, "Database[" + directory + "] has layout '"
                        + layout + "', this Depot reads only '" + LAYOUT + "'");
            }
        } else {
            Files.writeString(marker, LAYOUT + "\n", StandardCharsets.UTF_8);
        }
        Files.createDirectories(directory.resolve("tables"));
        Files.createDirectories(directory.resolve("locks"));
        deleteStaleDrops(directory.resolve("dropped"));
        FileSync.syncDirectory(directory);
    }

    public Path directory() {
        return directory;
    }

    /** The root allocator; queries and loads take named child allocators from it. */
    public BufferAllocator allocator() {
        return allocator;
    }

    /** The views of this database, stored in {@code views/}. */
    public ViewCatalog views() {
        checkOpen();
        return views;
    }

    /** Names of committed tables, sorted ignoring case. */
    public List<String> tableNames() {
        checkOpen();
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory.resolve("tables"))) {
            for (Path entry : entries.toList()) {
                // The shared TableDirectory keeps the last parsed manifest; a new one would parse
                // every table's manifest JSON (statistics included) on every call, i.e. per statement.
                String name = entry.getFileName().toString();
                TableDirectory table = isValidName(name) ? tableDirectory(name) : new TableDirectory(entry);
                table.readCurrent().ifPresent(manifest -> names.add(manifest.tableName()));
            }
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot list tables of " + directory + ": " + e.getMessage(), e);
        }
        names.sort(Comparator.comparing((String name) -> name.toLowerCase(Locale.ROOT)).thenComparing(name -> name));
        return List.copyOf(names);
    }

    /** The committed table with this name, ignoring case. */
    public Optional<Table> table(String name) {
        requireNonNull(name, "name is null");
        checkOpen();
        if (!isValidName(name)) {
            return Optional.empty();
        }
        TableDirectory table = tableDirectory(name);
        return table.readCurrent().map(manifest -> new Table(manifest.tableName(), table));
    }

    /**
     * Starts a write to a table. If the table does not exist it is created, with this schema, by
     * the writer's commit (so a failed first load leaves no table behind); if it exists, the
     * schema must match the table's. While another writer of the table is open (also in other
     * processes) it waits, up to {@link #setWriterWait}, then throws CONFLICT.
     */
    public TableWriter beginWrite(String tableName, TableSchema schemaIfNew) {
        return beginWrite(tableName, schemaIfNew, WriteMode.CHANGE);
    }

    /**
     * Starts a write that appends rows, as {@link #beginWrite} does, but whose commit goes to the
     * table's write-ahead log when the write is small (at most {@link TableWriter#MAX_LOGGED_ROWS}
     * rows, nothing but appends): one synced record instead of a segment and a manifest. Logged
     * rows are visible to every snapshot taken after the commit and are folded into a segment
     * once the log holds {@link #DEFAULT_DELTA_FOLD_ROWS} rows, by any other kind of write, or by
     * {@link #checkpoint}. The first write to a new table is an ordinary commit.
     */
    public TableWriter beginInsert(String tableName, TableSchema schemaIfNew) {
        return beginWrite(tableName, schemaIfNew, WriteMode.INSERT);
    }

    /**
     * Starts a write that replaces a table whole, creating it if absent: the commit leaves out
     * every existing segment and gives the table this schema (and no key constraints unless the
     * writer sets them). Until then readers keep seeing the old table.
     */
    public TableWriter beginReplace(String tableName, TableSchema schema) {
        requireNonNull(schema, "schema is null");
        return beginWrite(tableName, schema, WriteMode.REPLACE);
    }

    private TableWriter beginWrite(String tableName, TableSchema schemaIfNew, WriteMode mode) {
        requireNonNull(tableName, "tableName is null");
        checkOpen();
        requireValidName(tableName);
        boolean replace = mode == WriteMode.REPLACE;
        TableLock lock = TableLock.acquire(lockFile(tableName), tableName, writerWait);
        try {
            TableDirectory table = tableDirectory(tableName);
            Optional<Manifest> current = table.readCurrent();
            table.removeOrphansOnce(current);
            if (mode == WriteMode.CHANGE && current.isPresent()) {
                current = Optional.of(foldDelta(current.get().tableName(), table, lock, current.get()));
            }
            TableSchema schema;
            String name;
            if (replace) {
                if (current.isEmpty()) {
                    requireNoView(tableName);
                }
                if (schemaIfNew.size() == 0) {
                    throw new DepotException(ErrorCode.USER, "Table[" + tableName + "] needs at least one column");
                }
                name = current.map(Manifest::tableName).orElse(tableName);
                schema = schemaIfNew;
            } else if (current.isPresent()) {
                name = current.get().tableName();
                schema = current.get().schema();
                if (schemaIfNew != null) {
                    SchemaCheck.requireMatch(name, schema, schemaIfNew);
                }
            } else {
                requireNoView(tableName);
                if (schemaIfNew == null) {
                    throw new DepotException(ErrorCode.USER,
                            "Table[" + tableName + "] does not exist, and no schema was given to create it");
                }
                if (schemaIfNew.size() == 0) {
                    throw new DepotException(ErrorCode.USER, "Table[" + tableName + "] needs at least one column");
                }
                name = tableName;
                schema = schemaIfNew;
            }
            DeltaCache.State delta = current.isPresent() ? table.readDelta(current.get())
                    : DeltaCache.State.empty(schema);
            TableWriter writer = new TableWriter(this, name, table, lock, schema, current, delta, segmentRowLimit,
                    mode == WriteMode.INSERT, true);
            if (replace) {
                writer.removeAllBaseSegments();
                writer.setKeyConstraints(List.of());
            }
            openWriters.add(writer);
            return writer;
        } catch (IOException e) {
            lock.close();
            throw new DepotException(ErrorCode.RESOURCE,
                    "Cannot start writing table[" + tableName + "]: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Inserts a small batch into an existing table through its write-ahead log, sharing one record
     * and one fsync with the inserts other threads make into the table at the same time (group
     * commit, see {@link InsertQueue}) instead of waiting for each other's. Returns once the rows
     * are durable and visible to new snapshots; all of them or none. Waits for other writers of the
     * table up to {@link #setWriterWait}, then fails with CONFLICT.
     *
     * @param schema the table's columns as the caller built {@code batch} for them; CONFLICT if
     *     the table has other columns by the time the rows are written
     * @return false, having written nothing, when the rows cannot go to the log (the table does not
     *     exist or has other columns now, has DECIMAL columns wider than 18 digits, predates the
     *     log, or the batch is over {@link TableWriter#MAX_LOGGED_ROWS} rows or 16 MiB encoded):
     *     then insert with {@link #beginInsert}
     */
    public boolean insertLogged(String tableName, TableSchema schema, VectorSchemaRoot batch) {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(batch, "batch is null");
        checkOpen();
        if (!isValidName(tableName) || batch.getRowCount() > TableWriter.MAX_LOGGED_ROWS) {
            return false;
        }
        // A look without the lock; the group's writer checks again under it.
        Optional<Manifest> current = tableDirectory(tableName).readCurrent();
        if (current.isEmpty() || current.get().deltaLog() == null || !current.get().schema().equals(schema)
                || !TableWriter.fitsLog(schema)) {
            return false;
        }
        String name = current.get().tableName();
        TableWriter.checkNotNull(name, schema, batch);
        if (batch.getRowCount() == 0) {
            return true;
        }
        DeltaStore rows = new DeltaStore(schema);
        rows.append(batch, 0, batch.getRowCount());
        byte[] encoded = DeltaCodec.encode(rows.view());
        if (encoded.length > TableWriter.MAX_LOGGED_BYTES) {
            return false;
        }
        Duration wait = writerWait;
        InsertQueue.Pending pending = new InsertQueue.Pending(schema, encoded, batch.getRowCount(),
                System.nanoTime() + wait.toNanos());
        insertQueues.computeIfAbsent(key(tableName), ignored -> new InsertQueue(name))
                .commit(pending, wait, group -> writeGroup(name, group, wait));
        return true;
    }

    /**
     * Writes one group of queued inserts as one write-ahead log record, holding the table lock
     * (waited for until the earliest deadline in the group), and settles each of them.
     */
    private void writeGroup(String tableName, List<InsertQueue.Pending> group, Duration wait) {
        long deadline = Long.MAX_VALUE;
        for (InsertQueue.Pending pending : group) {
            deadline = Math.min(deadline, pending.deadline);
        }
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        TableLock lock;
        try {
            checkOpen();
            lock = TableLock.acquire(lockFile(tableName), tableName, left);
        } catch (DepotException e) {
            // Name the wait the callers asked for, not what was left of it.
            DepotException reason = e.code() == ErrorCode.CONFLICT ? TableLock.busy(tableName, wait) : e;
            group.forEach(pending -> pending.failed(reason));
            return;
        }
        try (lock) {
            TableDirectory table = tableDirectory(tableName);
            Optional<Manifest> current = table.readCurrent();
            if (current.isEmpty()) {
                DepotException gone = noSuchTable(tableName);
                group.forEach(pending -> pending.failed(gone));
                return;
            }
            table.removeOrphansOnce(current);
            Manifest manifest = current.get();
            List<byte[]> chunks = new ArrayList<>();
            List<InsertQueue.Pending> fitting = new ArrayList<>();
            long rows = 0;
            for (InsertQueue.Pending pending : group) {
                if (manifest.deltaLog() != null && manifest.schema().equals(pending.schema)) {
                    chunks.add(pending.rows);
                    fitting.add(pending);
                    rows += pending.rowCount;
                } else {
                    // Replaced (CREATE OR REPLACE) while the insert waited.
                    pending.failed(new DepotException(ErrorCode.CONFLICT, "Table[" + manifest.tableName()
                            + "] changed its columns while the INSERT waited to be written; run it again"));
                }
            }
            if (fitting.isEmpty()) {
                return;
            }
            appendToLog(table, lock, manifest, table.readDelta(manifest), chunks, rows);
            fitting.forEach(InsertQueue.Pending::committed);
        } catch (IOException e) {
            DepotException failure = new DepotException(ErrorCode.RESOURCE,
                    "Cannot insert into table[" + tableName + "]: " + e.getMessage(), e);
            group.forEach(pending -> pending.failed(failure));
        }
    }

    /** Whether a write-ahead log this long should be folded by the write that made it so. */
    boolean shouldFold(long rowsInLog, long logBytes) {
        return rowsInLog >= deltaFoldRows || logBytes >= DELTA_FOLD_BYTES;
    }

    /**
     * Writes the rows of the table's write-ahead log into a segment, in one commit that also names
     * a fresh log, then deletes the old log (a crash before that leaves a file no manifest from
     * then on names, which the next writer's cleanup removes; its rows are never read twice).
     * Runs inside the caller's lock; returns the manifest now committed ({@code current} when the
     * log has no rows).
     */
    Manifest foldDelta(String tableName, TableDirectory table, TableLock lock, Manifest current) {
        DeltaCache.State delta = table.readDelta(current);
        // A format-1 log is replaced even when empty: records are only ever appended in format 2.
        if (delta.rows().rowCount() == 0 && !isLegacy(delta)) {
            return current;
        }
        long version;
        try (TableWriter fold = new TableWriter(this, current.tableName(), table, lock, current.schema(),
                Optional.of(current), delta, segmentRowLimit, false, false)) {
            fold.appendDeltaRows(delta.rows(), allocator);
            fold.startNewLog();
            version = fold.commit();
        }
        try {
            Files.deleteIfExists(table.deltaLogFile(current.deltaLog()));
        } catch (IOException e) {
            // Left for the next writer's cleanup, which deletes logs the committed manifest does not name.
        }
        return table.readManifest(version);
    }

    private static boolean isLegacy(DeltaCache.State delta) {
        return delta.position().formatVersion() == DeltaLog.LEGACY_FORMAT_VERSION;
    }

    /**
     * Appends {@code chunks} (the DeltaCodec rows of one or more statements) to the table's
     * write-ahead log as one synced record, holding {@code lock}; {@code delta} is the log as read
     * under that lock. A format-1 log is folded into a fresh one first. Once the log has grown past
     * the fold threshold it is folded into a segment; if that fails the rows stay committed in the
     * log and a later write folds it.
     *
     * @return the table version the rows were committed to
     */
    long appendToLog(TableDirectory table, TableLock lock, Manifest current, DeltaCache.State delta,
            List<byte[]> chunks, long rows) throws IOException {
        if (isLegacy(delta)) {
            current = foldDelta(current.tableName(), table, lock, current);
            delta = table.readDelta(current);
        }
        DeltaLog.Position end = DeltaLog.append(table.deltaLogFile(current.deltaLog()), delta.position(), chunks);
        if (shouldFold(delta.rows().rowCount() + rows, end.end())) {
            try {
                foldDelta(current.tableName(), table, lock, current);
            } catch (RuntimeException e) {
                // The rows are committed in the log: the statements succeeded. The next small write
                // past the threshold, or any other write to the table, folds the log again.
            }
        }
        return current.version();
    }

    /**
     * Folds the table's write-ahead log into a segment now (SQL {@code CHECKPOINT}); readers keep
     * seeing the same rows. Waits for another writer of the table as {@link #beginWrite} does.
     *
     * @return the rows folded (0: the log was empty, no new version)
     */
    public long checkpoint(String tableName) {
        requireNonNull(tableName, "tableName is null");
        checkOpen();
        if (!isValidName(tableName)) {
            throw noSuchTable(tableName);
        }
        try (TableLock lock = TableLock.acquire(lockFile(tableName), tableName, writerWait)) {
            TableDirectory table = tableDirectory(tableName);
            Manifest current = table.readCurrent().orElseThrow(() -> noSuchTable(tableName));
            long rows = table.readDelta(current).rows().rowCount();
            foldDelta(current.tableName(), table, lock, current);
            return rows;
        }
    }

    /**
     * Merges the segments of a table with fewer than {@code smallSegmentRows} live rows (and
     * drops their deleted rows) in one commit; snapshots taken before keep their segments.
     * Waits for another writer of the table as {@link #beginWrite} does.
     *
     * @return the number of segments compacted (0: nothing to do, no new version)
     */
    public int compact(String tableName, long smallSegmentRows) {
        try (TableWriter writer = beginWrite(tableName, null)) {
            int compacted = writer.compactSmallSegments(smallSegmentRows, allocator);
            if (compacted > 0) {
                writer.commit();
            }
            return compacted;
        }
    }

    /**
     * Deletes the old versions of a table that {@code policy} lets go, and the segment and
     * deletion vector files only they used (see {@link RetentionPolicy}); snapshots still reachable
     * in this process keep their version. Waits for a writer of the table as {@link #beginWrite} does.
     */
    public VacuumResult vacuum(String tableName, RetentionPolicy policy) {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(policy, "policy is null");
        checkOpen();
        if (!isValidName(tableName)) {
            throw noSuchTable(tableName);
        }
        try (TableLock lock = TableLock.acquire(lockFile(tableName), tableName, writerWait)) {
            TableDirectory table = tableDirectory(tableName);
            Manifest current = table.readCurrent().orElseThrow(() -> noSuchTable(tableName));
            table.removeOrphans(Optional.of(current));
            return new TableVacuum(table, current, policy, Instant.now()).run();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot vacuum table[" + tableName + "]: " + e.getMessage(), e);
        }
    }

    /**
     * Drops a table in one atomic step (a rename out of {@code tables/}); snapshots taken before
     * keep reading it. Waits for a writer of the table as {@link #beginWrite} does.
     */
    public void dropTable(String name) {
        requireNonNull(name, "name is null");
        checkOpen();
        if (!isValidName(name)) {
            throw noSuchTable(name);
        }
        try (TableLock lock = TableLock.acquire(lockFile(name), name, writerWait)) {
            TableDirectory table = tableDirectory(name);
            if (table.readCurrent().isEmpty()) {
                throw noSuchTable(name);
            }
            Path dropped = directory.resolve("dropped");
            Files.createDirectories(dropped);
            Path target = dropped.resolve(key(name) + "-" + System.currentTimeMillis() + "-" + UUID.randomUUID());
            Files.move(table.path(), target, StandardCopyOption.ATOMIC_MOVE);
            FileSync.syncDirectory(directory.resolve("tables"));
            table.dropped(target);
            droppedHere.add(target);
            tables.remove(key(name), table);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot drop table[" + name + "]: " + e.getMessage(), e);
        }
    }

    /**
     * Aborts open writers and closes the allocator. Buffers still allocated make this throw,
     * naming them, so leaks show up where they happen.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (TableWriter writer : List.copyOf(openWriters)) {
                writer.close();
            }
        } finally {
            try {
                deleteDroppedHere();
            } finally {
                try {
                    allocator.close();
                } finally {
                    if (temporary) {
                        deleteTemporaryDirectory();
                    }
                }
            }
        }
    }

    private void deleteDroppedHere() {
        try {
            for (Path dropped : droppedHere) {
                deleteRecursively(dropped);
            }
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE,
                    "Cannot delete dropped tables of " + directory + ": " + e.getMessage(), e);
        }
    }

    private void deleteTemporaryDirectory() {
        try {
            deleteRecursively(directory);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE,
                    "Cannot delete temporary database[" + directory + "]: " + e.getMessage(), e);
        }
    }

    /**
     * How long a writer (an insert, a load, a DELETE, CHECKPOINT, VACUUM, DROP) waits for another
     * writer of the same table to finish before failing with CONFLICT; zero refuses at once. The
     * default is 30 seconds, or the system property {@code depot.writer.wait.ms}.
     */
    public void setWriterWait(Duration wait) {
        requireNonNull(wait, "wait is null");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("writer wait must not be negative: " + wait);
        }
        this.writerWait = wait;
    }

    /** For tests: fold a write-ahead log once it holds this many rows instead of the default. */
    void setDeltaFoldRows(long rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("fold threshold must be positive: " + rows);
        }
        this.deltaFoldRows = rows;
    }

    /** For tests: cut segments after this many rows instead of the default. */
    void setSegmentRowLimit(long rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("segment row limit must be positive: " + rows);
        }
        this.segmentRowLimit = rows;
    }

    void writerClosed(TableWriter writer) {
        openWriters.remove(writer);
    }

    private TableDirectory tableDirectory(String name) {
        String key = key(name);
        Path path = directory.resolve("tables").resolve(key);
        return tables.compute(key, (ignored, existing) ->
                existing == null || existing.isDropped() ? new TableDirectory(path) : existing);
    }

    private Path lockFile(String name) {
        return directory.resolve("locks").resolve(key(name) + ".lock");
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Names become directory names, so only letters, digits and underscores are allowed. */
    static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > MAX_TABLE_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static void requireValidName(String name) {
        if (!isValidName(name)) {
            throw new DepotException(ErrorCode.USER, "Table name[" + name + "] must be 1 to " + MAX_TABLE_NAME_LENGTH
                    + " letters, digits or underscores");
        }
    }

    private void requireNoView(String name) {
        if (views.view(name).isPresent()) {
            throw new DepotException(ErrorCode.USER, "A view named[" + name
                    + "] already exists; tables and views share names");
        }
    }

    private static DepotException noSuchTable(String name) {
        return new DepotException(ErrorCode.USER, "Table[" + name + "] does not exist");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Database[" + directory + "] is closed");
        }
    }

    /**
     * Deletes what was dropped over an hour ago: another live instance may still be reading a
     * table it dropped more recently, and deletes that itself when it closes.
     */
    private static void deleteStaleDrops(Path dropped) throws IOException {
        if (!Files.isDirectory(dropped)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> listing = Files.list(dropped)) {
            entries = listing.toList();
        }
        long staleBefore = System.currentTimeMillis() - STALE_DROP_MILLIS;
        for (Path entry : entries) {
            Matcher name = DROPPED_NAME.matcher(entry.getFileName().toString());
            if (!name.matches() || Long.parseLong(name.group(1)) < staleBefore) {
                deleteRecursively(entry);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
