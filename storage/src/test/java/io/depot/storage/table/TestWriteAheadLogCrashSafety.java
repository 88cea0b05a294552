package io.depot.storage.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a process doing small inserts at random moments, appends and folds of the
 * write-ahead log alike, and checks after each kill that every insert it acknowledged is in the
 * table exactly once, with its values, and that nothing else is there but the one insert it was
 * committing. The approach of {@link TestCrashSafety}: the child's output goes to a file.
 */
class TestWriteAheadLogCrashSafety extends AllocatorTest {
    private static final int KILLS = 12;
    private static final Pattern LINE = Pattern.compile("(intent|ack) (\\d+) (\\d+)");

    @TempDir
    Path directory;

    @TempDir
    Path outputs;

    @Test
    void everyAcknowledgedInsertSurvivesAKillExactlyOnce() throws Exception {
        killRepeatedly(1, KILLS);
    }

    /** Four threads whose inserts share records (group commit): a kill may cut a record of several. */
    @Test
    void everyAcknowledgedGroupCommittedInsertSurvivesAKillExactlyOnce() throws Exception {
        killRepeatedly(4, 8);
    }

    private void killRepeatedly(int threads, int kills) throws Exception {
        Random random = new Random(7L * threads);
        Set<Long> acknowledged = new HashSet<>();
        long nextId = 0;
        int foldsSeen = 0;
        for (int kill = 0; kill < kills; kill++) {
            Path output = outputs.resolve("child-" + threads + "-" + kill + ".out");
            Process child = start(random.nextLong(), nextId, 20 + random.nextInt(40), threads, output);
            try {
                assertThat(awaitLines(child, output, 1)).as("child started").isTrue();
                awaitLines(child, output, 2 + random.nextInt(60));
                Thread.sleep(random.nextInt(200));
            } finally {
                child.destroyForcibly();
                child.waitFor(60, TimeUnit.SECONDS);
            }
            // Every row an intent named may be there (the commit may have finished before the kill);
            // those acknowledged must be.
            Map<Long, Boolean> mayBeThere = new HashMap<>();
            for (String line : completeLines(output)) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.matches()) {
                    long first = Long.parseLong(matcher.group(2));
                    long count = Long.parseLong(matcher.group(3));
                    for (long id = first; id < first + count; id++) {
                        if (matcher.group(1).equals("ack")) {
                            acknowledged.add(id);
                        }
                        mayBeThere.put(id, true);
                        nextId = Math.max(nextId, id + 1);
                    }
                }
            }
            try (Database database = Database.open(directory)) {
                Snapshot snapshot = database.table("t").orElseThrow().snapshot();
                foldsSeen = Math.max(foldsSeen, snapshot.segmentCount());
                List<List<Object>> rows = Batches.readAll(snapshot, allocator);
                Set<Long> present = new HashSet<>();
                for (List<Object> row : rows) {
                    long id = (Long) row.get(0);
                    assertThat(present.add(id)).as("row %d once", id).isTrue();
                    assertThat(row).isEqualTo(TestWriteAheadLog.row(id));
                }
                assertThat(present).containsAll(acknowledged);
                for (long id : present) {
                    assertThat(acknowledged.contains(id) || mayBeThere.containsKey(id))
                            .as("row %d was inserted by an intent", id).isTrue();
                }
                // Rows committed but not acknowledged (killed between commit and print) count from now on.
                acknowledged.addAll(present);
            }
        }
        assertThat(acknowledged.size()).as("inserts acknowledged over all kills").isGreaterThan(50);
        assertThat(foldsSeen).as("folds happened").isPositive();
    }

    private Process start(long seed, long firstId, int foldRows, int threads, Path output) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                InsertingProcess.class.getName(), directory.toString(), Long.toString(seed),
                Long.toString(firstId), Integer.toString(foldRows), Integer.toString(threads)))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(output.toFile())
                .start();
    }

    /** Polls the child's output until it has {@code lines} complete lines, the child dies or 60 s pass. */
    private static boolean awaitLines(Process child, Path output, int lines) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (completeLines(output).size() >= lines) {
                return true;
            }
            if (!child.isAlive()) {
                return false;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** The lines the child has finished writing; a line cut by the kill is left out. */
    private static List<String> completeLines(Path output) throws IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }
}
