package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The views of a database: one {@code views/<lower-cased name>.json} per view. Creating or
 * replacing a view writes a temporary file, fsyncs it and renames it over the old one, so a crash
 * leaves either the old definition or the new one; dropping deletes the file. Changes are
 * serialized within the process; across processes the last rename wins.
 */
public final class ViewCatalog {
    private static final String SUFFIX = ".json";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path directory;

    ViewCatalog(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /** Every view, sorted by name ignoring case. */
    public List<ViewDefinition> views() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<ViewDefinition> views = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                if (entry.getFileName().toString().endsWith(SUFFIX)) {
                    read(entry).ifPresent(views::add);
                }
            }
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot list views in " + directory + ": " + e.getMessage(), e);
        }
        views.sort(Comparator.comparing((ViewDefinition view) -> view.name().toLowerCase(Locale.ROOT)));
        return List.copyOf(views);
    }

    /** The view with this name, ignoring case. */
    public Optional<ViewDefinition> view(String name) {
        requireNonNull(name, "name is null");
        if (!Database.isValidName(name)) {
            return Optional.empty();
        }
        return read(file(name));
    }

    /**
     * Stores a view durably. Refuses (USER) an existing view unless {@code replace}; checking that
     * no table has the name is the caller's job.
     */
    public synchronized void create(ViewDefinition view, boolean replace) {
        requireNonNull(view, "view is null");
        if (!Database.isValidName(view.name())) {
            throw new DepotException(ErrorCode.USER, "View name[" + view.name()
                    + "] must be letters, digits or underscores");
        }
        Optional<ViewDefinition> existing = view(view.name());
        if (existing.isPresent() && !replace) {
            throw new DepotException(ErrorCode.USER, "View[" + existing.get().name() + "] already exists");
        }
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(key(view.name()) + "." + UUID.randomUUID() + TEMPORARY_SUFFIX);
            Files.write(temporary, JSON.writeValueAsBytes(view), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileSync.syncFile(temporary);
            Files.move(temporary, file(view.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            FileSync.syncDirectory(directory);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot store view[" + view.name() + "] in "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    /** Drops a view; returns false when there was none with this name. */
    public synchronized boolean drop(String name) {
        requireNonNull(name, "name is null");
        if (!Database.isValidName(name)) {
            return false;
        }
        try {
            boolean deleted = Files.deleteIfExists(file(name));
            if (deleted) {
                FileSync.syncDirectory(directory);
            }
            return deleted;
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot drop view[" + name + "]: " + e.getMessage(), e);
        }
    }

    private Optional<ViewDefinition> read(Path file) {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), ViewDefinition.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.CORRUPTION, "View definition[" + file + "] is unreadable: "
                    + e.getMessage(), e);
        }
    }

    private Path file(String name) {
        return directory.resolve(key(name) + SUFFIX);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
