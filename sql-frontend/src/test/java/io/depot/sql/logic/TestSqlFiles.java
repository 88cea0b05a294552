package io.depot.sql.logic;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code sql/<feature>/*.test} file on the test class path, one dynamic test per file
 * grouped by feature directory, each against a fresh database (format: sql/README.md).
 */
class TestSqlFiles {
    @TestFactory
    Stream<DynamicNode> sqlFiles() throws IOException, URISyntaxException {
        Path root = Path.of(TestSqlFiles.class.getResource("/sql").toURI());
        List<Path> features;
        try (Stream<Path> list = Files.list(root)) {
            features = list.filter(Files::isDirectory).sorted().toList();
        }
        return features.stream().map(feature -> DynamicContainer.dynamicContainer(
                feature.getFileName().toString(), testsOf(root, feature)));
    }

    private static Stream<DynamicNode> testsOf(Path root, Path feature) {
        List<Path> files;
        try (Stream<Path> list = Files.list(feature)) {
            files = list.filter(path -> path.toString().endsWith(".test")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return files.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), path.toUri(), () -> {
            String name = root.relativize(path).toString();
            SqlTestFile file = SqlTestFile.parse(name, Files.readString(path, StandardCharsets.UTF_8));
            try (SqlTestRunner runner = new SqlTestRunner(file)) {
                runner.run();
            }
        }));
    }
}
