package io.depot.sql.tpch;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The TPC-H comparison at scale factor 0.1 (600,000 line items): more groups, larger joins and
 * more segments than the SF 0.01 run sees. Part of the default suite and CI (about a minute on
 * two cores, most of it Q5, whose join order is poor); for a quick local loop skip it with
 * {@code -Ddepot.tpch.slow=false}.
 */
@EnabledIfSystemProperty(named = "depot.tpch.slow", matches = "true")
class TestTpchAgainstDuckDbSlow extends TpchAgainstDuckDb {
    @Override
    double scaleFactor() {
        return 0.1;
    }
}
