package io.depot.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.storage.ingest.CsvLoader;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.ingest.LoadOptions;
import io.depot.storage.ingest.LoadProgress;
import io.depot.storage.table.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depot load}'s progress bar: drawn on a terminal only, fed by the load's byte counts. */
class TestLoadProgressBar {
    @TempDir
    Path temp;

    @Test
    void noBarWithoutATerminalOrWithJson() {
        PrintStream unused = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(LoadProgressBar.forTerminal(false, false, 1000, unused)).isNull();
        assertThat(LoadProgressBar.forTerminal(true, true, 1000, unused)).isNull();
        LoadProgressBar bar = LoadProgressBar.forTerminal(true, false, 1000, unused);
        assertThat(bar).isNotNull();
        bar.close();
    }

    @Test
    void theBarShowsTheBytesTheLoadReports() throws IOException {
        List<String> frames = new ArrayList<>();
        Path data = temp.resolve("data.csv");
        StringBuilder text = new StringBuilder("id,name\n");
        for (int i = 0; i < 2000; i++) {
            text.append(i).append(",서울 ").append(i).append('\n');
        }
        Files.writeString(data, text, StandardCharsets.UTF_8);
        long size = Files.size(data);
        LoadProgressBar bar = new LoadProgressBar(size, new DelegatingProgressBarConsumer(frames::add));
        List<String> passes = new ArrayList<>();
        LoadProgress recording = new LoadProgress() {
            @Override
            public void bytesRead(long bytes) {
                bar.bytesRead(bytes);
            }

            @Override
            public void passStarted(String pass, long totalBytes) {
                passes.add(pass);
                bar.passStarted(pass, totalBytes);
            }
        };
        try (Database database = Database.open(temp.resolve("db"))) {
            CsvLoader.load(database, "t", List.of(data), CsvOptions.defaults(), LoadOptions.defaults().withProgress(recording));
            assertThat(bar.shown()).isEqualTo(size); // the loading pass, after the inference pass
            assertThat(passes).containsExactly("Inferring types", "Loading");
        } finally {
            bar.close();
        }
        assertThat(frames).isNotEmpty();
        assertThat(frames.get(frames.size() - 1)).startsWith("Load 100%").contains("Loading");
    }

    @Test
    void aNonInteractiveLoadPrintsOnlyItsSummary() throws IOException {
        Path data = temp.resolve("data.csv");
        Files.writeString(data, "id,name\n1,a\n2,b\n", StandardCharsets.UTF_8);
        ByteArrayOutputStream processErr = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
        try {
            code = DepotCli.run(new String[] {"load", "--db", temp.resolve("db").toString(), "--table", "t", data.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setErr(savedErr);
        }

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Loaded 2 rows into t").doesNotContain("Loading").doesNotContain("%");
        assertThat(out.toString().lines()).hasSize(1);
        assertThat(err.toString()).isEmpty();
        assertThat(processErr.toString(StandardCharsets.UTF_8)).doesNotContain("Loading");
    }
}
