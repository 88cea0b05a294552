package io.depot.benchmarks.tpch;

import io.depot.sql.tpch.TpchData;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TPC-H tables of one scale factor as CSV files in a cache directory, generated once: a
 * table's file appears (by rename) only when it is complete, so an interrupted run regenerates
 * just the missing tables.
 *
 * @param generation how long generating took, or null when every file was already there
 */
record TpchCsvCache(Map<TpchTable<?>, Path> files, Duration generation, long bytes) {
    static TpchCsvCache prepare(Path cacheRoot, double scaleFactor, PrintStream log) throws IOException {
        Path directory = cacheRoot.resolve("sf" + scaleFactorText(scaleFactor));
        Files.createDirectories(directory);
        Map<TpchTable<?>, Path> files = new LinkedHashMap<>();
        long started = System.nanoTime();
        boolean generated = false;
        long bytes = 0;
        for (TpchTable<?> table : TpchTable.getTables()) {
            Path file = directory.resolve(table.getTableName() + ".csv");
            if (!Files.isRegularFile(file)) {
                log.printf("generating %s at SF %s into %s%n", table.getTableName(), scaleFactorText(scaleFactor), file);
                Path partial = directory.resolve(table.getTableName() + ".csv.partial");
                TpchData.writeCsv(table, scaleFactor, partial);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                generated = true;
            }
            bytes += Files.size(file);
            files.put(table, file);
        }
        return new TpchCsvCache(files, generated ? Duration.ofNanos(System.nanoTime() - started) : null, bytes);
    }

    /** 1, 0.1, 0.001: as in file names and titles. */
    static String scaleFactorText(double scaleFactor) {
        return BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
    }
}
