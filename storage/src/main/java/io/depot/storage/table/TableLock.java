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
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The exclusive right to write one table: an OS file lock (against other processes) plus an
 * in-process fair semaphore per lock file (a JVM cannot hold two OS locks on one file, and closing
 * a second channel to a locked file may release the lock). A writer waits for the lock up to a
 * bounded time, in arrival order within this process (polling the OS lock against other
 * processes), then gives up with CONFLICT. A thread that already holds the lock is refused at once
 * instead of waiting for itself.
 */
final class TableLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, Semaphore> PERMITS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Path, Thread> OWNERS = new ConcurrentHashMap<>();
    /** Longest pause between two tries of an OS lock another process holds. */
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Path file;
    private final Semaphore permit;
    private final FileChannel channel;
    private final FileLock lock;
    /** Guards the permit against a second close, which would let two writers in. */
    private final AtomicBoolean released = new AtomicBoolean();

    private TableLock(Path file, Semaphore permit, FileChannel channel, FileLock lock) {
        this.file = file;
        this.permit = permit;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock if it is free now, or throws CONFLICT naming the table. */
    static TableLock acquire(Path file, String tableName) {
        return acquire(file, tableName, Duration.ZERO);
    }

    /** Takes the lock, waiting for another writer to finish for at most {@code wait}, or throws CONFLICT. */
    static TableLock acquire(Path file, String tableName, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Path key = realPath(file, tableName);
        if (OWNERS.get(key) == Thread.currentThread()) {
            throw busy(tableName, Duration.ZERO);
        }
        Semaphore permit = PERMITS.computeIfAbsent(key, ignored -> new Semaphore(1, true));
        try {
            if (!permit.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw busy(tableName, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DepotException(ErrorCode.CONFLICT, "Interrupted while waiting to write table[" + tableName + "]", e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockBefore(channel, deadline, tableName, wait);
            OWNERS.put(key, Thread.currentThread());
            return new TableLock(key, permit, channel, lock);
        } catch (OverlappingFileLockException e) {
            permit.release();
            closeAfterFailure(channel, e);
            throw busy(tableName, wait);
        } catch (IOException | RuntimeException e) {
            permit.release();
            closeAfterFailure(channel, e);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new DepotException(ErrorCode.RESOURCE,
                    "Cannot lock table[" + tableName + "] at " + key + ": " + e.getMessage(), e);
        }
    }

    /** The OS lock, tried until {@code deadline}: another process may hold it. */
    private static FileLock lockBefore(FileChannel channel, long deadline, String tableName, Duration wait)
            throws IOException {
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw busy(tableName, wait);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, remaining));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DepotException(ErrorCode.CONFLICT, "Interrupted while waiting to write table[" + tableName + "]", e);
            }
            pause = Math.min(pause * 2, MAX_POLL_NANOS);
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

    static DepotException busy(String tableName, Duration waited) {
        if (waited.isZero()) {
            return new DepotException(ErrorCode.CONFLICT,
                    "Table[" + tableName + "] is being written by another writer; try again when it has finished");
        }
        return new DepotException(ErrorCode.CONFLICT, "Table[" + tableName + "] is being written by another writer; gave up after waiting "
                + waited.toMillis() + " ms for it to finish (depot.writer.wait.ms)");
    }

    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        OWNERS.remove(file);
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot release lock " + file + ": " + e.getMessage(), e);
        } finally {
            permit.release();
        }
    }
}
