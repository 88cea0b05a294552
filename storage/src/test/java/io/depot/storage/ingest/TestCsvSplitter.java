package io.depot.storage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCsvSplitter {
    @TempDir
    Path directory;

    @Test
    void splitsAtLineFeedsOutsideQuotesWithTheirLineNumbers() throws IOException {
        Path file = write("a.csv", "h1,h2\n1,\"x\ny\"\n2,z\n3,w\n");
        List<CsvChunk> chunks = CsvSplitter.split(file, CsvOptions.defaults(), 8);

        // the line feed inside "x\ny" (byte 10) is no boundary: the record ends at byte 14
        assertThat(chunks).containsExactly(new CsvChunk(0, 14, 1), new CsvChunk(14, 22, 4));
        assertThat(CsvSplitter.split(file, CsvOptions.defaults(), 4))
                .containsExactly(new CsvChunk(0, 6, 1), new CsvChunk(6, 14, 2), new CsvChunk(14, 18, 4),
                        new CsvChunk(18, 22, 5));
    }

    @Test
    void chunksOfRandomFilesStartAfterLineFeedsOutsideQuotesOnTheirLine() throws IOException {
        java.util.Random random = new java.util.Random(5);
        String[] ends = {"\n", "\n", "\n", "\r\n", "\r"};
        String[] fields = {"1", "abc", "\"q,\nq\"", "\"a\"\"b\"", "", "longer text here", "\"x\r\ny\""};
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 5_000; line++) {
            for (int field = 0; field < 1 + random.nextInt(4); field++) {
                text.append(field == 0 ? "" : ",").append(fields[random.nextInt(fields.length)]);
            }
            text.append(ends[random.nextInt(ends.length)]);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Path file = write("random.csv", text.toString());
        for (long chunkBytes : new long[] {7, 100, 1_000, 9_999}) {
            List<CsvChunk> chunks = CsvSplitter.split(file, CsvOptions.defaults(), chunkBytes);
            assertThat(chunks).hasSizeGreaterThan(1);
            assertThat(chunks.get(chunks.size() - 1).end()).isEqualTo(bytes.length);
            for (int i = 0; i < chunks.size(); i++) {
                CsvChunk chunk = chunks.get(i);
                assertThat(chunk.start()).isEqualTo(i == 0 ? 0 : chunks.get(i - 1).end());
                if (i > 0) {
                    assertThat(bytes[(int) chunk.start() - 1]).isEqualTo((byte) '\n');
                    assertThat(quotesBefore(bytes, (int) chunk.start()) % 2).as("outside quotes").isZero();
                }
                assertThat(chunk.firstLine()).as("chunk %d of %d bytes", i, chunkBytes)
                        .isEqualTo(1 + lineEndsBefore(bytes, (int) chunk.start()));
            }
        }
    }

    private static long quotesBefore(byte[] bytes, int end) {
        long quotes = 0;
        for (int i = 0; i < end; i++) {
            quotes += bytes[i] == '"' ? 1 : 0;
        }
        return quotes;
    }

    /** LF, CRLF and a lone CR each end a line, inside quotes too. */
    private static long lineEndsBefore(byte[] bytes, int end) {
        long lines = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                lines++;
            }
        }
        return lines;
    }

    @Test
    void irregularQuotingKeepsTheFileWhole() throws IOException {
        CsvOptions options = CsvOptions.defaults();
        assertThat(CsvSplitter.split(write("inner.csv", "a,b\n1,5'11\" tall\n2,x\n3,y\n"), options, 4))
                .containsExactly(CsvChunk.WHOLE_FILE);
        assertThat(CsvSplitter.split(write("after.csv", "a,b\n1,\"x\"y\n2,x\n3,y\n"), options, 4))
                .containsExactly(CsvChunk.WHOLE_FILE);
        assertThat(CsvSplitter.split(write("open.csv", "a,b\n1,x\n2,y\n3,\"never closed\n4,z\n"), options, 4))
                .containsExactly(CsvChunk.WHOLE_FILE);
    }

    @Test
    void gzipAndUnsafeCharsetsAndSmallFilesStayWhole() throws IOException {
        String text = "a,b\n1,x\n2,y\n3,z\n";
        Path gzip = directory.resolve("a.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(CsvSplitter.split(gzip, CsvOptions.defaults(), 4)).containsExactly(CsvChunk.WHOLE_FILE);
        Path utf16 = directory.resolve("a16.csv");
        Files.writeString(utf16, text, StandardCharsets.UTF_16LE);
        assertThat(CsvSplitter.split(utf16, CsvOptions.defaults().withCharset(StandardCharsets.UTF_16LE), 4))
                .containsExactly(CsvChunk.WHOLE_FILE);
        Path plain = write("a.csv", text);
        assertThat(CsvSplitter.split(plain, CsvOptions.defaults(), 1 << 20)).containsExactly(CsvChunk.WHOLE_FILE);
        assertThat(CsvSplitter.split(plain, CsvOptions.defaults().withCharset(Charset.forName("EUC-KR")), 4)).hasSize(4);
    }

    @Test
    void countsLoneCarriageReturnsAsLineEnds() throws IOException {
        Path file = write("cr.csv", "a\rb\n1\n2\n");
        assertThat(CsvSplitter.split(file, CsvOptions.defaults(), 2))
                .containsExactly(new CsvChunk(0, 4, 1), new CsvChunk(4, 6, 3), new CsvChunk(6, 8, 4));
    }

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
