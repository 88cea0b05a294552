package io.depot.sql.files;

import static io.depot.sql.SqlTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.DepotSql;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read_csv and friends: files queried in place with the loader's type inference. */
class TestFileTableFunctions {
    @TempDir
    Path dir;

    private DepotSql depot;

    @BeforeEach
    void open() {
        depot = DepotSql.temporary();
    }

    @AfterEach
    void close() {
        depot.close();
    }

    private String write(String name, String content) throws IOException {
        return write(name, content, StandardCharsets.UTF_8);
    }

    private String write(String name, String content, Charset charset) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, charset);
        return file.toString();
    }

    private static String literal(String path) {
        return "'" + path.replace("'", "''") + "'";
    }

    @Test
    void aCsvWithOnlyAHeaderIsAnEmptyTableOfTextColumns() throws IOException {
        String empty = write("empty.csv", "id,도시\n");
        assertThat(query(depot, "SELECT * FROM read_csv(" + literal(empty) + ")")).isEmpty();
        assertThat(query(depot, "SELECT COUNT(*), MAX(\"도시\") FROM read_csv(" + literal(empty) + ")"))
                .containsExactly(Arrays.asList(0L, null));
        var columns = depot.prepare("SELECT * FROM read_csv(" + literal(empty) + ")").columns();
        assertThat(columns).extracting(column -> column.name() + " " + column.type())
                .containsExactly("id VARCHAR", "도시 VARCHAR");
    }

    @Test
    void readsCsvWithInferredTypesNullsAndKoreanText() throws IOException {
        String orders = write("orders.csv", """
                id,city,amount,day
                1,서울,10.50,2024-01-02
                2,부산,,2024-02-03
                3,,7.25,
                """);
        assertThat(query(depot, "SELECT * FROM read_csv(" + literal(orders) + ") ORDER BY id")).containsExactly(
                List.of(1L, "서울", new BigDecimal("10.50"), LocalDate.of(2024, 1, 2)),
                Arrays.asList(2L, "부산", null, LocalDate.of(2024, 2, 3)),
                Arrays.asList(3L, null, new BigDecimal("7.25"), null));
        assertThat(query(depot, "SELECT count(*), sum(amount) FROM read_csv(" + literal(orders) + ") WHERE city IS NOT NULL"))
                .containsExactly(List.of(2L, new BigDecimal("10.50")));
    }

    @Test
    void namedOptionsForDelimiterHeaderNullsAndEncoding() throws IOException {
        String semicolons = write("a.csv", "1;NA;x\n2;5;y\n");
        assertThat(query(depot, "SELECT column1, column2, column3 FROM read_csv(" + literal(semicolons)
                + ", delim => ';', header => false, nullstr => 'NA') ORDER BY column1"))
                .containsExactly(Arrays.asList(1L, null, "x"), List.of(2L, 5L, "y"));
        String korean = write("k.csv", "이름,나이\n김철수,30\n", Charset.forName("EUC-KR"));
        assertThat(query(depot, "SELECT \"이름\", \"나이\" FROM read_csv(" + literal(korean) + ", encoding => 'EUC-KR')"))
                .containsExactly(List.of("김철수", 30L));
    }

    @Test
    void globsReadEveryMatchingFileInNameOrder() throws IOException {
        write("data/part1.csv", "k,v\n1,a\n");
        write("data/part2.csv", "k,v\n2,b\n3,c\n");
        write("data/other.txt", "k,v\n9,z\n");
        assertThat(query(depot, "SELECT k, v FROM read_csv(" + literal(dir.resolve("data") + "/*.csv") + ")"))
                .containsExactly(List.of(1L, "a"), List.of(2L, "b"), List.of(3L, "c"));
        assertThatThrownBy(() -> query(depot, "SELECT * FROM read_csv(" + literal(dir.resolve("data") + "/*.tsv") + ")"))
                .isInstanceOf(DepotException.class).hasMessageContaining("No file matches");
    }

    @Test
    void readsJsonLines() throws IOException {
        String events = write("events.jsonl", """
                {"id": 1, "user": {"name": "민지"}, "score": 1.5}
                {"id": 2, "user": {"name": "Bob"}, "score": null}
                """);
        assertThat(query(depot, "SELECT id, \"user.name\", score FROM read_json(" + literal(events) + ") ORDER BY id"))
                .containsExactly(List.of(1L, "민지", new BigDecimal("1.5")), Arrays.asList(2L, "Bob", null));
        assertThat(query(depot, "SELECT count(*) FROM read_jsonl(" + literal(events) + ")")).containsExactly(List.of(2L));
    }

    @Test
    void readsParquetWrittenByDuckDb() throws Exception {
        Path parquet = dir.resolve("t.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            statement.execute("COPY (SELECT i AS id, 'n' || i AS name FROM range(100000) t(i)) TO "
                    + literal(parquet.toString()) + " (FORMAT parquet)");
        }
        assertThat(query(depot, "SELECT count(*), sum(id), max(name) FROM read_parquet(" + literal(parquet.toString()) + ")"))
                .containsExactly(List.of(100000L, 4999950000L, "n99999"));
    }

    @Test
    void joinsFilesWithTablesAndCreatesAndInsertsFromThem() throws IOException {
        String cities = write("cities.csv", "code,name\n1,서울\n2,부산\n");
        String people = write("people.csv", "who,code\nA,1\nB,2\nC,1\n");
        depot.prepare("CREATE TABLE people AS SELECT * FROM read_csv(" + literal(people) + ")").executeUpdate();
        assertThat(query(depot, "SELECT c.name, count(*) FROM people p JOIN read_csv(" + literal(cities)
                + ") c ON p.code = c.code GROUP BY c.name ORDER BY c.name"))
                .containsExactly(List.of("부산", 1L), List.of("서울", 2L));
        depot.prepare("INSERT INTO people SELECT * FROM read_csv(" + literal(people) + ") WHERE who = 'A'").executeUpdate();
        assertThat(query(depot, "SELECT count(*) FROM people")).containsExactly(List.of(4L));
    }

    @Test
    void badValueInInsertFailsNamingFileLineAndColumnAndChangesNothing() throws IOException {
        depot.prepare("CREATE TABLE nums (n INTEGER)").executeUpdate();
        depot.prepare("INSERT INTO nums VALUES (1)").executeUpdate();
        // more than one batch of good rows before the bad one: the failure must undo them all
        StringBuilder csv = new StringBuilder("n\n");
        for (int i = 0; i < 70_000; i++) {
            csv.append(i).append('\n');
        }
        csv.append("x\n");
        String bad = write("bad.csv", csv.toString());
        assertThatThrownBy(() -> depot.prepare("INSERT INTO nums SELECT CAST(n AS INTEGER) FROM read_csv("
                        + literal(bad) + ")").executeUpdate())
                .isInstanceOf(DepotException.class);
        assertThat(query(depot, "SELECT count(*) FROM nums")).containsExactly(List.of(1L));
    }

    @Test
    void declaredColumnsFailOnABadValueNamingFileLineAndColumnAndInsertChangesNothing() throws IOException {
        depot.prepare("CREATE TABLE amounts (id INTEGER, amount DECIMAL(10,2))").executeUpdate();
        depot.prepare("INSERT INTO amounts VALUES (0, 1.00)").executeUpdate();
        StringBuilder csv = new StringBuilder("id,amount\n");
        for (int i = 1; i <= 70_000; i++) {
            csv.append(i).append(',').append(i % 100).append(".5\n");
        }
        csv.append("70001,lots\n");
        String bad = write("amounts.csv", csv.toString());
        String read = "read_csv(" + literal(bad) + ", columns => 'id INTEGER, amount DECIMAL(10,2)')";
        assertThatThrownBy(() -> depot.prepare("INSERT INTO amounts SELECT * FROM " + read).executeUpdate())
                .isInstanceOf(DepotException.class)
                .hasMessageContaining("amounts.csv").hasMessageContaining("70002").hasMessageContaining("amount")
                .hasMessageContaining("lots");
        assertThat(query(depot, "SELECT count(*), sum(amount) FROM amounts")).containsExactly(List.of(1L, new BigDecimal("1.00")));
        String good = write("good.csv", "amount,id\n2.50,7\n,8\n");
        depot.prepare("INSERT INTO amounts SELECT * FROM read_csv(" + literal(good)
                + ", columns => 'id INTEGER, amount DECIMAL(10,2)')").executeUpdate();
        assertThat(query(depot, "SELECT id, amount FROM amounts ORDER BY id")).containsExactly(
                List.of(0, new BigDecimal("1.00")), List.of(7, new BigDecimal("2.50")), Arrays.asList(8, null));
    }

    @Test
    void readsArrowFiles() throws IOException {
        Path file = dir.resolve("t.arrow");
        Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true)),
                Field.nullable("name", ArrowType.Utf8.INSTANCE)));
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            BigIntVector ids = (BigIntVector) root.getVector(0);
            VarCharVector names = (VarCharVector) root.getVector(1);
            root.allocateNew();
            ids.setSafe(0, 1);
            names.setSafe(0, "하나".getBytes(StandardCharsets.UTF_8));
            ids.setSafe(1, 2);
            names.setNull(1);
            root.setRowCount(2);
            writer.writeBatch();
            writer.end();
        }
        assertThat(query(depot, "SELECT id, name FROM read_arrow(" + literal(file.toString()) + ") ORDER BY id"))
                .containsExactly(List.of(1L, "하나"), Arrays.asList(2L, null));
    }

    @Test
    void aQueryThatStopsEarlyStopsTheReaderAndFreesItsBatches() throws Exception {
        StringBuilder csv = new StringBuilder("n,s\n");
        for (int i = 0; i < 300_000; i++) {
            csv.append(i).append(",text ").append(i).append('\n');
        }
        String big = write("big.csv", csv.toString());
        long baseline = depot.database().allocator().getAllocatedMemory();
        assertThat(query(depot, "SELECT n FROM read_csv(" + literal(big) + ") LIMIT 3")).hasSize(3);
        assertThat(query(depot, "SELECT count(*), max(n) FROM read_csv(" + literal(big) + ")"))
                .containsExactly(List.of(300_000L, 299_999L));
        assertThat(depot.database().allocator().getAllocatedMemory()).isEqualTo(baseline);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("depot-file-scan"));
    }

    @Test
    void explainShowsTheFileScan() throws IOException {
        String file = write("e.csv", "a,b\n1,x\n");
        String plan = query(depot, "EXPLAIN SELECT b FROM read_csv(" + literal(file) + ") WHERE a = 1").toString();
        assertThat(plan).contains("FileScan[format=CSV", "e.csv", "columns=[a, b]");
    }

    @Test
    void missingFileAndBadArgumentsAreUserErrors() throws IOException {
        assertThatThrownBy(() -> query(depot, "SELECT * FROM read_csv(" + literal(dir.resolve("nope.csv").toString()) + ")"))
                .isInstanceOf(DepotException.class).hasMessageContaining("nope.csv")
                .extracting(e -> ((DepotException) e).code()).isEqualTo(ErrorCode.USER);
        String file = write("f.csv", "a\n1\n");
        assertThatThrownBy(() -> query(depot, "SELECT * FROM read_csv(" + literal(file) + ", delim => ';;')"))
                .isInstanceOf(DepotException.class).hasMessageContaining("one character");
        assertThatThrownBy(() -> query(depot, "SELECT * FROM read_csv(" + literal(file) + ", encoding => 'NOPE-1')"))
                .isInstanceOf(DepotException.class).hasMessageContaining("NOPE-1");
    }
}
