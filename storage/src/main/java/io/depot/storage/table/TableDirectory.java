package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one table: {@code CURRENT} names the committed manifest, manifests are
 * {@code manifest-<version>.json}, segments are {@code seg-<version>-<uuid>.dseg} where version is
 * the commit that wrote them. The path moves when the table is dropped, so snapshots taken
 * earlier in this process keep finding their files.
 */
final class TableDirectory {
    static final String CURRENT = "CURRENT";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final Pattern MANIFEST_NAME = Pattern.compile("manifest-(\\d+)\\.json");
    private static final Pattern SEGMENT_NAME = Pattern.compile("(?:seg|del)-(\\d+)-[0-9a-f-]+\\.d(?:seg|del)");
    private static final Pattern LOG_NAME = Pattern.compile("wal-(\\d+)\\.dwal");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private volatile Path path;
    private volatile boolean dropped;
    /** Whether a writer of this instance has already removed what crashed writers left. */
    private volatile boolean orphansRemoved;
    private final DeltaCache delta = new DeltaCache();
    private volatile ParsedManifest lastParsed;
    private volatile ComputedStatistics lastStatistics;

    TableDirectory(Path path) {
        this.path = requireNonNull(path, "path is null");
    }

    Path path() {
        return path;
    }

    /** Points this table at the place a drop moved its files to, for snapshots still reading. */
    void dropped(Path newPath) {
        this.path = requireNonNull(newPath, "newPath is null");
        this.dropped = true;
    }

    boolean isDropped() {
        return dropped;
    }

    /** The committed manifest, or empty when the table has never committed (or was dropped). */
    Optional<Manifest> readCurrent() {
        return currentManifestName().map(name -> {
            // Committed manifests never change: parsing the JSON again for every statement is waste.
            // The file's identity guards against a table dropped and created again by another process.
            Path file = path.resolve(name);
            Object identity = identity(file);
            ParsedManifest parsed = lastParsed;
            if (parsed != null && parsed.file().equals(file) && identity != null && identity.equals(parsed.identity())) {
                return parsed.manifest();
            }
            Manifest manifest = readManifest(file);
            lastParsed = new ParsedManifest(file, identity, manifest);
            return manifest;
        });
    }

    /**
     * The statistics of a manifest, reused while the same (cached, immutable) manifest comes back:
     * parsing every segment's zone maps and merging its distinct sketches cost each statement a
     * pass over all segments' statistics before planning could start.
     */
    ManifestStatistics statistics(Manifest manifest, Function<Manifest, ManifestStatistics> compute) {
        ComputedStatistics last = lastStatistics;
        if (last != null && last.manifest() == manifest) {
            return last.statistics();
        }
        ManifestStatistics statistics = compute.apply(manifest);
        lastStatistics = new ComputedStatistics(manifest, statistics);
        return statistics;
    }

    private record ComputedStatistics(Manifest manifest, ManifestStatistics statistics) {}

    /** The manifest {@link #readCurrent} read last, with its file and the file's identity. */
    private record ParsedManifest(Path file, Object identity, Manifest manifest) {}

    /** File key, size and modification time, or null when they cannot be read (then nothing is reused). */
    private static Object identity(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes attributes =
                    Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return java.util.Arrays.asList(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
        } catch (IOException e) {
            return null;
        }
    }

    /** The file name {@code CURRENT} holds, or empty when the table has never committed. */
    Optional<String> currentManifestName() {
        Path current = path.resolve(CURRENT);
        String manifestName;
        try {
            manifestName = Files.readString(current, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot read " + current + ": " + e.getMessage(), e);
        }
        if (!MANIFEST_NAME.matcher(manifestName).matches()) {
            throw new DepotException(ErrorCode.CORRUPTION,
                    "Table pointer[" + current + "] names no manifest: '" + manifestName + "'");
        }
        return Optional.of(manifestName);
    }

    /**
     * The rows of the manifest's write-ahead log up to its current end (none when the manifest
     * names no log or its file does not exist yet).
     */
    DeltaCache.State readDelta(Manifest manifest) {
        TableSchema schema = manifest.schema();
        if (manifest.deltaLog() == null) {
            return DeltaCache.State.empty(schema);
        }
        return delta.read(path, manifest.deltaLog(), manifest.tableName(), schema);
    }

    /** The name of the write-ahead log a commit that becomes {@code version} starts. */
    static String deltaLogName(long version) {
        return String.format(Locale.ROOT, "wal-%020d.dwal", version);
    }

    Path deltaLogFile(String name) {
        return path.resolve(name);
    }

    private static Manifest readManifest(Path file) {
        Manifest manifest;
        try {
            manifest = JSON.readValue(Files.readAllBytes(file), Manifest.class);
        } catch (NoSuchFileException e) {
            throw new DepotException(ErrorCode.CORRUPTION, "Manifest[" + file + "] is missing", e);
        } catch (IOException | RuntimeException e) {
            throw new DepotException(ErrorCode.CORRUPTION,
                    "Manifest[" + file + "] is unreadable: " + e.getMessage(), e);
        }
        if (manifest.formatVersion() < Manifest.FORMAT_VERSION_WITHOUT_DELETES
                || manifest.formatVersion() > Manifest.FORMAT_VERSION) {
            throw new DepotException(ErrorCode.CORRUPTION, "Manifest[" + file + "] has format version["
                    + manifest.formatVersion() + "], this Depot reads only versions["
                    + Manifest.FORMAT_VERSION_WITHOUT_DELETES + ".." + Manifest.FORMAT_VERSION + "]");
        }
        return manifest;
    }

    /** A fresh segment file name for the commit that will become {@code version}. */
    Path newSegmentFile(long version) throws IOException {
        Files.createDirectories(path);
        return path.resolve("seg-" + version + "-" + UUID.randomUUID() + ".dseg");
    }

    /** A fresh deletion vector file name for the commit that will become {@code version}. */
    Path newDeletionVectorFile(long version) throws IOException {
        Files.createDirectories(path);
        return path.resolve("del-" + version + "-" + UUID.randomUUID() + ".ddel");
    }

    /** Writes and syncs {@code manifest-<version>.json}; it is not visible until {@link #switchCurrent}. */
    Path writeManifest(Manifest manifest) throws IOException {
        Files.createDirectories(path);
        Path file = path.resolve(manifestName(manifest.version()));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new DepotException(ErrorCode.INTERNAL, "Cannot write manifest " + file + ": " + e.getMessage(), e);
        }
        // A file of this name can only be left by a writer that crashed before its commit (the
        // caller holds the lock, and this version is above the committed one): replace it.
        Files.write(file, json, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        FileSync.syncFile(file);
        return file;
    }

    /** Atomically makes {@code version} the committed one: temp file, fsync, rename, fsync dir. */
    void switchCurrent(long version) throws IOException {
        Path temporary = path.resolve(CURRENT + "." + UUID.randomUUID() + TEMPORARY_SUFFIX);
        Files.writeString(temporary, manifestName(version) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileSync.syncFile(temporary);
        Files.move(temporary, path.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
    }

    void syncDirectory() throws IOException {
        FileSync.syncDirectory(path);
    }

    /**
     * Deletes what crashed or aborted writes left: temporary files, manifests and segments
     * written for versions after the committed one, and write-ahead logs other than the committed
     * manifest's (folded ones; readers hold their rows in memory or retry when the file is gone).
     * Files of older versions stay, as snapshots may still read them. Lists the whole directory,
     * so writers do it once per open ({@link #removeOrphansOnce}); vacuum does it every time.
     * Call only while holding the lock.
     */
    void removeOrphans(Optional<Manifest> committed) throws IOException {
        orphansRemoved = true;
        if (!Files.isDirectory(path)) {
            return;
        }
        long committedVersion = committed.map(Manifest::version).orElse(0L);
        String liveLog = committed.map(Manifest::deltaLog).orElse(null);
        List<Path> files;
        try (Stream<Path> listing = Files.list(path)) {
            files = listing.toList();
        }
        for (Path file : files) {
            if (isOrphan(file.getFileName().toString(), committedVersion, liveLog)) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** {@link #removeOrphans} the first time a writer of this instance opens the table. */
    void removeOrphansOnce(Optional<Manifest> committed) throws IOException {
        if (!orphansRemoved) {
            removeOrphans(committed);
        }
    }

    private static boolean isOrphan(String name, long committedVersion, String liveLog) {
        if (name.endsWith(TEMPORARY_SUFFIX)) {
            return true;
        }
        if (LOG_NAME.matcher(name).matches()) {
            return !name.equals(liveLog);
        }
        if (name.equals(CURRENT)) {
            return false;
        }
        Matcher manifest = MANIFEST_NAME.matcher(name);
        if (manifest.matches()) {
            return Long.parseLong(manifest.group(1)) > committedVersion;
        }
        Matcher segment = SEGMENT_NAME.matcher(name);
        if (segment.matches()) {
            return Long.parseLong(segment.group(1)) > committedVersion;
        }
        return false;
    }

    /** Versions of the manifests in the directory, ascending. */
    List<Long> manifestVersions() throws IOException {
        List<Long> versions = new ArrayList<>();
        for (Path file : listFiles()) {
            Matcher manifest = MANIFEST_NAME.matcher(file.getFileName().toString());
            if (manifest.matches()) {
                versions.add(Long.parseLong(manifest.group(1)));
            }
        }
        Collections.sort(versions);
        return versions;
    }

    /** The manifest of {@code version}; CORRUPTION when it is missing or unreadable. */
    Manifest readManifest(long version) {
        return readManifest(path.resolve(manifestName(version)));
    }

    /** Segment and deletion vector files, each with the version of the commit that wrote it. */
    Map<Path, Long> dataFiles() throws IOException {
        Map<Path, Long> files = new TreeMap<>();
        for (Path file : listFiles()) {
            Matcher data = SEGMENT_NAME.matcher(file.getFileName().toString());
            if (data.matches()) {
                files.put(file, Long.parseLong(data.group(1)));
            }
        }
        return files;
    }

    private List<Path> listFiles() throws IOException {
        try (Stream<Path> listing = Files.list(path)) {
            return listing.toList();
        }
    }

    /** Removes the directory if nothing is in it, as after an aborted first load. */
    void removeIfEmpty() throws IOException {
        if (!Files.isDirectory(path)) {
            return;
        }
        try (Stream<Path> listing = Files.list(path)) {
            if (listing.findAny().isPresent()) {
                return;
            }
        }
        Files.deleteIfExists(path);
    }

    static String manifestName(long version) {
        if (version < 0) {
            return String.format(Locale.ROOT, "manifest-%020d.json", version);
        }
        // what the format above gives, without parsing a format string: every snapshot calls this
        String digits = Long.toString(version);
        return "manifest-" + "0".repeat(20 - digits.length()) + digits + ".json";
    }
}
