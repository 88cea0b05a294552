package io.depot.sql.tpch;

/**
 * The TPC-H comparison at scale factor 0.01 (60,000 line items), part of every build. The larger
 * scale factor runs in {@link TestTpchAgainstDuckDbSlow}.
 */
class TestTpchAgainstDuckDb extends TpchAgainstDuckDb {
    @Override
    double scaleFactor() {
        return 0.01;
    }
}
