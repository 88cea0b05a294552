package io.depot.sql.cli;

import io.depot.storage.ingest.LoadProgress;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * The progress bar {@code depot load} draws on a terminal: megabytes of input read out of the
 * files' total, with speed and time left. Never drawn when output goes to a file or pipe, or
 * with {@code --json}: schedulers get the summary line alone.
 */
final class LoadProgressBar implements LoadProgress, AutoCloseable {
    private final ProgressBar bar;

    LoadProgressBar(long totalBytes, ProgressBarConsumer consumer) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("Loading")
                .setInitialMax(Math.max(1, totalBytes))
                .setUnit(" MB", 1_000_000)
                .showSpeed()
                .setConsumer(consumer)
                .build();
    }

    /**
     * A bar on standard error when the process has a terminal and JSON was not asked for;
     * otherwise null (and the load reports nothing).
     */
    static LoadProgressBar forTerminal(boolean interactive, boolean json, long totalBytes, PrintStream terminal) {
        if (!interactive || json || totalBytes <= 0) {
            return null;
        }
        return new LoadProgressBar(totalBytes, new ConsoleProgressBarConsumer(terminal));
    }

    /** Whether this process talks to a terminal (not a pipe, file or scheduler). */
    static boolean interactive() {
        return System.console() != null;
    }

    @Override
    public void bytesRead(long bytes) {
        bar.stepBy(bytes);
    }

    /** Bytes shown so far. */
    long shown() {
        return bar.getCurrent();
    }

    @Override
    public void close() {
        bar.close();
    }
}
