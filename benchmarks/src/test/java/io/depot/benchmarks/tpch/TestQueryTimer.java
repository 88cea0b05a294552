package io.depot.benchmarks.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestQueryTimer {
    /** An engine whose every query fails with this exception. */
    private record FailingEngine(Exception failure) implements BenchmarkEngine {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public String description() {
            return "fails every query";
        }

        @Override
        public void load(Map<TpchTable<?>, Path> csvFiles) {}

        @Override
        public List<List<Object>> execute(String sql) throws Exception {
            throw failure;
        }

        @Override
        public void stop(Thread worker) {}

        @Override
        public long bytesOnDisk() {
            return 0;
        }

        @Override
        public void close() {}
    }

    @Test
    void theEnginesOwnStatementTimeoutIsATimeoutNotAnError() throws Exception {
        QueryTimer timer = new QueryTimer(1, 3, Duration.ofSeconds(15));
        Measurement timedOut = timer.measure(new FailingEngine(new SQLTimeoutException("Statement was canceled")),
                "SELECT 1", Duration.ofSeconds(20), new ArrayList<>());
        Measurement failed = timer.measure(new FailingEngine(new SQLException("Table not found")),
                "SELECT 1", Duration.ofSeconds(20), new ArrayList<>());

        assertThat(timedOut.status()).isEqualTo(Measurement.timeout(20).status());
        assertThat(timedOut.message()).isEqualTo(Measurement.timeout(20).message());
        assertThat(failed.status()).isEqualTo(Measurement.error("x").status());
        assertThat(failed.message()).contains("Table not found");
    }
}
