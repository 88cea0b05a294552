package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.TableSchema;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Small inserts into one table waiting for the write-ahead log (group commit). Each caller queues
 * its encoded rows; whoever finds no write in progress becomes the leader, takes everything queued
 * (up to {@link #MAX_GROUP_BYTES}) and writes it with {@link GroupWriter} as one record and one
 * fsync, while later callers queue for the next group. Every caller returns only once the record
 * holding its rows is synced (or with the error that kept it out), so each insert stays atomic and
 * durable; they share the sync instead of taking turns for it. Thread-safe.
 */
final class InsertQueue {
    /** Bytes of rows one record takes at most; the rest wait for the next one. */
    static final long MAX_GROUP_BYTES = 32L << 20;

    /** Writes one group of inserts, holding the table lock, and settles every one of them. */
    interface GroupWriter {
        void write(List<Pending> group);
    }

    /** One statement's rows, queued until a group commits them. */
    static final class Pending {
        final TableSchema schema;
        final byte[] rows;
        final int rowCount;
        /** When the caller stops waiting for the table lock ({@link System#nanoTime()}). */
        final long deadline;
        /** Set by the leader's thread while followers may be reading: volatile, written after {@code failure}. */
        private volatile boolean settled;
        private volatile RuntimeException failure;

        Pending(TableSchema schema, byte[] rows, int rowCount, long deadline) {
            this.schema = requireNonNull(schema, "schema is null");
            this.rows = requireNonNull(rows, "rows is null");
            this.rowCount = rowCount;
            this.deadline = deadline;
        }

        /** Marks the rows as committed; called by the leader's writer. */
        void committed() {
            settle(null);
        }

        /** Marks the rows as not committed, for this reason; called by the leader's writer. */
        void failed(RuntimeException reason) {
            settle(requireNonNull(reason, "reason is null"));
        }

        private void settle(RuntimeException reason) {
            if (!settled) {
                failure = reason;
                settled = true;
            }
        }
    }

    private final String tableName;
    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition groupDone = mutex.newCondition();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private boolean writing;

    InsertQueue(String tableName) {
        this.tableName = requireNonNull(tableName, "tableName is null");
    }

    /**
     * Returns once {@code pending}'s rows are committed; throws what kept them out (CONFLICT when
     * the table lock was not free before the pending's deadline).
     */
    void commit(Pending pending, Duration wait, GroupWriter writer) {
        mutex.lock();
        try {
            waiting.add(pending);
            while (!pending.settled) {
                if (!writing) {
                    lead(writer);
                    continue;
                }
                long remaining = pending.deadline - System.nanoTime();
                if (remaining <= 0 && waiting.remove(pending)) {
                    // Still queued, so no group holds it: it can give up without a trace.
                    pending.failed(TableLock.busy(tableName, wait));
                    break;
                }
                // Past its deadline but in a group being written: the outcome is on its way.
                groupDone.awaitNanos(remaining <= 0 ? Long.MAX_VALUE : remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (waiting.remove(pending)) {
                pending.failed(new DepotException(ErrorCode.CONFLICT,
                        "Interrupted while waiting to insert into table[" + tableName + "]", e));
            } else {
                // In a group being written: whether it commits is not known yet, so wait for it.
                awaitUninterruptibly(pending);
            }
        } finally {
            mutex.unlock();
        }
        if (pending.failure != null) {
            throw rethrown(pending.failure);
        }
    }

    /** Writes the queued group with the mutex released, so the next callers can queue meanwhile. */
    private void lead(GroupWriter writer) {
        writing = true;
        List<Pending> group = new ArrayList<>();
        long bytes = 0;
        while (!waiting.isEmpty() && (group.isEmpty() || bytes + waiting.peek().rows.length <= MAX_GROUP_BYTES)) {
            Pending next = waiting.poll();
            bytes += next.rows.length;
            group.add(next);
        }
        mutex.unlock();
        try {
            writer.write(group);
        } catch (RuntimeException e) {
            group.forEach(pending -> pending.failed(e));
        } catch (Error e) {
            group.forEach(pending -> pending.failed(new DepotException(ErrorCode.INTERNAL,
                    "Insert into table[" + tableName + "] failed: " + e, e)));
            throw e;
        } finally {
            mutex.lock();
            // A writer that forgot one must not leave its caller waiting forever.
            group.forEach(pending -> pending.failed(new DepotException(ErrorCode.INTERNAL,
                    "Insert into table[" + tableName + "] was not settled by its group")));
            writing = false;
            groupDone.signalAll();
        }
    }

    private void awaitUninterruptibly(Pending pending) {
        while (!pending.settled) {
            groupDone.awaitUninterruptibly();
        }
    }

    /** The failure as this caller's own exception (the original was thrown in the leader's thread). */
    private static RuntimeException rethrown(RuntimeException failure) {
        if (failure instanceof DepotException depot) {
            return new DepotException(depot.code(), depot.getMessage(), depot);
        }
        return new DepotException(ErrorCode.INTERNAL, failure.toString(), failure);
    }
}
