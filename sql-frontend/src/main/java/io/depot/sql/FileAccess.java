package io.depot.sql;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which files on the database host a session's SQL may read (a {@code read_csv('path')}-style
 * table function, a {@code COPY ... FROM 'path'}): any file for an embedded application, which
 * can read them itself anyway; none for a remote user of {@code depot serve}, unless the
 * administrator allows one directory ({@code --allow-files DIR}).
 *
 * <p>Functions that read a file named in SQL must pass the name through {@link #check} before
 * opening it.
 */
public final class FileAccess {
    /** Every file the process can read. */
    public static final FileAccess UNRESTRICTED = new FileAccess(null, true);
    /** No file at all. */
    public static final FileAccess NONE = new FileAccess(null, false);

    /** The access of the session planning on this thread; unset means an embedded caller. */
    private static final ThreadLocal<FileAccess> CURRENT = new ThreadLocal<>();

    private final Path directory;
    private final boolean unrestricted;

    private FileAccess(Path directory, boolean unrestricted) {
        this.directory = directory;
        this.unrestricted = unrestricted;
    }

    /** Files inside this directory (at any depth, after resolving links and {@code ..}). */
    public static FileAccess under(Path directory) {
        requireNonNull(directory, "directory is null");
        try {
            return new FileAccess(directory.toRealPath(), false);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Directory[%s] for file access does not exist or cannot be read", directory), e);
        }
    }

    /**
     * Runs {@code action} (planning a statement) with this access as {@link #current()}; a
     * session sets it around every statement it plans, so file functions planned inside, views
     * expanded included, see the session's access.
     */
    public <T> T whilePlanning(java.util.function.Supplier<T> action) {
        FileAccess previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * The access of the statement being planned on this thread: the session's, or
     * {@link #UNRESTRICTED} for an embedded caller that plans through {@code DepotSql} directly.
     */
    public static FileAccess current() {
        FileAccess access = CURRENT.get();
        return access == null ? UNRESTRICTED : access;
    }

    /** The directory files must be in, when access is limited to one. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /**
     * The real path of a file the session may read; a USER error naming the file when it may
     * not. A relative name is resolved against the allowed directory.
     */
    public Path check(Path file) {
        requireNonNull(file, "file is null");
        if (unrestricted) {
            return file;
        }
        if (directory == null) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Reading file[%s] is not allowed: this session may not read files on the server", file));
        }
        Path resolved = directory.resolve(file).normalize();
        try {
            // a link inside the directory may point outside it: compare real paths
            Path real = Files.exists(resolved) ? resolved.toRealPath() : resolved;
            if (real.startsWith(directory)) {
                return real;
            }
        } catch (IOException e) {
            // not readable: refused below like any file outside the directory
        }
        throw new DepotException(ErrorCode.USER, String.format(
                "Reading file[%s] is not allowed: this session may read files only under directory[%s]",
                file, directory));
    }

    @Override
    public String toString() {
        return unrestricted ? "unrestricted" : directory == null ? "none" : "under " + directory;
    }
}
