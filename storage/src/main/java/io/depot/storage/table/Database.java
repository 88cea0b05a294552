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
     * schema must match the table's. Refuses (CONFLICT) while another writer of the table is open,
     * also in other processes: writers do not queue.
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
        TableLock lock = TableLock.acquire(lockFile(tableName), tableName);
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
                    : new DeltaCache.State(DeltaView.empty(schema), 0, false);
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
        if (delta.rows().rowCount() == 0) {
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

    /**
     * Folds the table's write-ahead log into a segment now (SQL {@code CHECKPOINT}); readers keep
     * seeing the same rows. Refused (CONFLICT) while another writer of the table is open.
     *
     * @return the rows folded (0: the log was empty, no new version)
     */
    public long checkpoint(String tableName) {
        requireNonNull(tableName, "tableName is null");
        checkOpen();
        if (!isValidName(tableName)) {
            throw noSuchTable(tableName);
        }
        try (TableLock lock = TableLock.acquire(lockFile(tableName), tableName)) {
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
     * Refused (CONFLICT) while another writer of the table is open.
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
     * in this process keep their version. Refused (CONFLICT) while a writer of the table is open.
     */
    public VacuumResult vacuum(String tableName, RetentionPolicy policy) {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(policy, "policy is null");
        checkOpen();
        if (!isValidName(tableName)) {
            throw noSuchTable(tableName);
        }
        try (TableLock lock = TableLock.acquire(lockFile(tableName), tableName)) {
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
     * keep reading it. Refused (CONFLICT) while a writer of the table is open.
     */
    public void dropTable(String name) {
        requireNonNull(name, "name is null");
        checkOpen();
        if (!isValidName(name)) {
            throw noSuchTable(name);
        }
        try (TableLock lock = TableLock.acquire(lockFile(name), name)) {
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
