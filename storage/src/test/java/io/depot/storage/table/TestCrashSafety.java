package io.depot.storage.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a writer process at random points of its loads, deletes, compactions and
 * commits, many times over, and after each kill checks that the table is exactly a state the
 * writer committed or was committing, that the next writer gets the lock, and that it removes
 * every file the killed writer left behind.
 */
class TestCrashSafety extends AllocatorTest {
    private static final int KILLS = 24;
    private static final Pattern INTENT = Pattern.compile("intent (\\d+) (\\d+) (-?\\d+)");
    private static final Pattern COMMITTED = Pattern.compile("committed (\\d+)");

    @TempDir
    Path directory;

    /** Where each child writes its output. */
    @TempDir
    Path outputs;

    /** What the child said it was committing: row count and checksum per version. */
    private record State(long rows, long checksum) {}

    @Test
    void killedWriterAlwaysLeavesTheLastCommitIntact() throws Exception {
        Random random = new Random(42);
        Map<Long, State> intents = new ConcurrentHashMap<>();
        long lastCommitted = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            // The child's output goes to a file, not a pipe: reading a pipe while the JDK drains it
            // on the child's exit can fail with "Stream closed" and lose the last lines (the very
            // intent the check needs), which made this test flaky on loaded machines.
            Path output = outputs.resolve("child-" + kill + ".out");
            Process child = start(random.nextLong(), output);
            try {
                assertThat(awaitOutput(child, output, lines -> lines.contains("ready")))
                        .as("child started").isTrue();
                // Let the child commit 0 to 2 versions first, whatever the machine's speed, then
                // kill it at a random moment of the next ones.
                int commitsFirst = random.nextInt(3);
                awaitOutput(child, output, lines -> committedVersions(lines).size() >= commitsFirst);
                Thread.sleep(random.nextInt(300));
            } finally {
                child.destroyForcibly();
                child.waitFor(60, TimeUnit.SECONDS);
            }
            List<String> lines = completeLines(output);
            recordIntents(lines, intents);
            Set<Long> committed = committedVersions(lines);
            if (!committed.isEmpty()) {
                lastCommitted = Math.max(lastCommitted, committed.stream().mapToLong(Long::longValue).max().getAsLong());
            }
            checkTable(lastCommitted, intents);
        }
        // The writer made progress between kills, so kills landed at many different points.
        assertThat(lastCommitted).isGreaterThanOrEqualTo(5);
    }

    /**
     * Checks the table against what the child reported (the version it reported committed, or
     * the next one when the kill came after the rename of CURRENT but before the report) and
     * lets the next writer clean up.
     */
    private void checkTable(long lastCommitted, Map<Long, State> intents) throws IOException {
        try (Database database = Database.open(directory)) {
            if (database.table("crash").isEmpty()) {
                assertThat(lastCommitted).isZero();
                return;
            }
            Snapshot snapshot = database.table("crash").orElseThrow().snapshot();
            long version = snapshot.version();
            assertThat(version).as("version after a kill").isBetween(lastCommitted, lastCommitted + 1);
            State expected = intents.get(version);
            assertThat(expected).as("an intent for version %d", version).isNotNull();
            List<List<Object>> rows = Batches.readAll(snapshot, allocator);
            assertThat(rows).hasSize((int) expected.rows());
            assertThat(snapshot.rowCount()).isEqualTo(expected.rows());
            assertThat(CrashingWriterProcess.checksum(rows)).isEqualTo(expected.checksum());

            // The lock of the killed process is gone, and opening a writer removes its leftovers.
            try (TableWriter writer = database.beginWrite("crash", null)) {
                assertThat(writer.baseSnapshot().orElseThrow().version()).isEqualTo(version);
                assertThat(unreferencedFiles(directory.resolve("tables/crash"), version)).isEmpty();
            }
        }
    }

    /** Files in the table directory that no manifest up to {@code version} needs. */
    private static Set<String> unreferencedFiles(Path table, long version) throws IOException {
        Set<String> files = new HashSet<>();
        try (Stream<Path> listing = Files.list(table)) {
            listing.forEach(file -> files.add(file.getFileName().toString()));
        }
        files.remove(TableDirectory.CURRENT);
        for (long manifest = 1; manifest <= version; manifest++) {
            String name = TableDirectory.manifestName(manifest);
            if (files.remove(name)) {
                String json = Files.readString(table.resolve(name));
                Matcher referenced = Pattern.compile("\"((?:seg|del)-[^\"]+)\"").matcher(json);
                while (referenced.find()) {
                    files.remove(referenced.group(1));
                }
            }
        }
        return files;
    }

    private Process start(long seed, Path output) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashingWriterProcess.class.getName(), directory.toString(), Long.toString(seed)))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(output.toFile())
                .start();
    }

    /** Polls the child's output until {@code condition} holds, the child dies or 60 s pass. */
    private static boolean awaitOutput(Process child, Path output, Predicate<List<String>> condition)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (condition.test(completeLines(output))) {
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

    private static void recordIntents(List<String> lines, Map<Long, State> intents) {
        for (String line : lines) {
            Matcher intent = INTENT.matcher(line);
            if (intent.matches()) {
                intents.put(Long.parseLong(intent.group(1)),
                        new State(Long.parseLong(intent.group(2)), Long.parseLong(intent.group(3))));
            }
        }
    }

    private static Set<Long> committedVersions(List<String> lines) {
        Set<Long> committed = new HashSet<>();
        for (String line : lines) {
            Matcher done = COMMITTED.matcher(line);
            if (done.matches()) {
                committed.add(Long.parseLong(done.group(1)));
            }
        }
        return committed;
    }
}
