package io.depot.storage.table;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive right to write one table: an OS file lock (against other processes) plus an
 * in-process registry (a JVM cannot hold two OS locks on one file, and closing a second channel
 * to a locked file may release the lock). A second writer is refused, not queued.
 */
final class TableLock implements AutoCloseable {
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private TableLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws CONFLICT naming the table. */
    static TableLock acquire(Path file, String tableName) {
        Path key = realPath(file, tableName);
        if (!HELD.add(key)) {
            throw busy(tableName);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw busy(tableName);
            }
            return new TableLock(key, channel, lock);
        } catch (OverlappingFileLockException e) {
            HELD.remove(key);
            closeAfterFailure(channel, e);
            throw busy(tableName);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            closeAfterFailure(channel, e);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new DepotException(ErrorCode.RESOURCE,
                    "Cannot lock table[" + tableName + "] at " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lock file's real path, created if absent: the registry must see one key per file even
     * when the database is reached through a symbolic link.
     */
    private static Path realPath(Path file, String tableName) {
        try {
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // Another writer made it first; it is never deleted.
            }
            return file.toRealPath();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE,
                    "Cannot create the lock of table[" + tableName + "] at " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeAfterFailure(FileChannel channel, Exception failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }

    private static DepotException busy(String tableName) {
        return new DepotException(ErrorCode.CONFLICT,
                "Table[" + tableName + "] is being written by another writer; try again when it has finished");
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot release lock " + file + ": " + e.getMessage(), e);
        } finally {
            HELD.remove(file);
        }
    }
}
