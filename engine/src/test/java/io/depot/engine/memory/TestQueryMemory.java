package io.depot.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.junit.jupiter.api.Test;

class TestQueryMemory extends AllocatorTest {
    @Test
    void allocationsOfACancelledQueryFailWithTheReason() {
        try (QueryMemory memory = new QueryMemory(allocator, "query", 1 << 20)) {
            ArrowBuf before = memory.allocator().buffer(64);
            memory.cancel(new DepotException(ErrorCode.RESOURCE, "Query exceeded its time limit"));
            memory.cancel(new DepotException(ErrorCode.USER, "Query was cancelled"));
            assertThatThrownBy(() -> memory.allocator().buffer(64))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE))
                    .hasMessage("Query exceeded its time limit");
            // operators' own child allocators are cancelled too
            try (BufferAllocator operator = memory.allocator().newChildAllocator("operator", 0, 1 << 20)) {
                assertThatThrownBy(() -> operator.buffer(64)).isInstanceOf(DepotException.class);
            }
            assertThatThrownBy(memory::checkNotCancelled).hasMessage("Query exceeded its time limit");
            before.close();
        }
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    /** Worker copies of a parallel pipeline reserve and release heap at the same time. */
    @Test
    void heapReservationsFromManyThreadsBalance() throws Exception {
        try (QueryMemory memory = new QueryMemory(allocator, "query", 1L << 40)) {
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        try (HeapReservation reservation = new HeapReservation(memory)) {
                            for (int i = 0; i < 200_000; i++) {
                                reservation.resize(1 + i % 7_919);
                            }
                        }
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(memory.heapReservedBytes()).isZero();
            memory.allocator().buffer(64).close();
        }
    }

    /** An aggregation resizes once per batch, mostly to the size it has: that must leave the budget exact. */
    @Test
    void resizingAReservationKeepsTheBudgetExact() {
        try (QueryMemory memory = new QueryMemory(allocator, "query", 1_000)) {
            try (HeapReservation reservation = new HeapReservation(memory)) {
                reservation.resize(600);
                reservation.resize(600);
                assertThat(reservation.bytes()).isEqualTo(600);
                assertThat(memory.heapReservedBytes()).isEqualTo(600);
                // the heap lowers what the allocator may hand out
                assertThatThrownBy(() -> memory.allocator().buffer(512)).isInstanceOf(OutOfMemoryException.class);
                reservation.resize(100);
                reservation.resize(100);
                assertThat(memory.heapReservedBytes()).isEqualTo(100);
                memory.allocator().buffer(512).close();
                assertThatThrownBy(() -> reservation.resize(1_001)).isInstanceOfSatisfying(DepotException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE));
                assertThat(reservation.bytes()).isEqualTo(100);
            }
            assertThat(memory.heapReservedBytes()).isZero();
        }
    }

    @Test
    void aQueryThatIsNotCancelledAllocates() {
        try (QueryMemory memory = new QueryMemory(allocator, "query", 1 << 20)) {
            memory.checkNotCancelled();
            memory.allocator().buffer(64).close();
        }
    }
}
