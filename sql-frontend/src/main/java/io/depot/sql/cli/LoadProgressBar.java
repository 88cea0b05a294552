package io.depot.sql.cli;

import io.depot.storage.ingest.LoadProgress;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * The progress bar {@code depot load} draws on a terminal: megabytes of input read out of the
 * files' total, with speed and time left, once per pass over the input (a load that infers
 * types shows "Inferring types", then "Loading"). Never drawn when output goes to a file or pipe, or
 * with {@code --json}: schedulers get the summary line alone.
 */
final class LoadProgressBar implements LoadProgress, AutoCloseable {
    private final ProgressBar bar;

    LoadProgressBar(long totalBytes, ProgressBarConsumer consumer) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("Load")
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

    /** Starts the bar over for the next pass, named after the bar ("Inferring types", "Loading"). */
    @Override
    public void passStarted(String pass, long totalBytes) {
        bar.reset();
        bar.maxHint(Math.max(1, totalBytes));
        bar.setExtraMessage(pass);
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
