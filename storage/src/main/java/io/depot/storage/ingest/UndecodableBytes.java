package io.depot.storage.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Finds where a file stops being valid in its charset, for the error message: the reader decodes
 * ahead in large chunks, so only a second scan (on the error path alone) can name the line.
 */
final class UndecodableBytes {
    private static final int CHUNK = 1 << 16;

    private UndecodableBytes() {}

    /** "name line N: bytes that are not valid CHARSET (0xAB at byte offset M); give the file's charset". */
    static String describe(Path file, String name, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
        CharBuffer chars = CharBuffer.allocate(CHUNK);
        long offset = 0;
        long line = 1;
        try (InputStream input = InputFiles.open(file)) {
            boolean end = false;
            while (!end) {
                int read = input.read(bytes.array(), bytes.position(), bytes.remaining());
                end = read < 0;
                if (read > 0) {
                    bytes.position(bytes.position() + read);
                }
                bytes.flip();
                while (true) {
                    int before = bytes.position();
                    CoderResult result = decoder.decode(bytes, chars, end);
                    for (int i = before; i < bytes.position(); i++) {
                        if (bytes.get(i) == '\n') {
                            line++;
                        }
                    }
                    offset += bytes.position() - before;
                    chars.clear();
                    if (result.isError()) {
                        int bad = bytes.get(bytes.position()) & 0xFF;
                        return String.format(Locale.ROOT,
                                "%s line %d: bytes that are not valid %s (0x%02X at byte offset %d); give the file's charset",
                                name, line, charset.name(), bad, offset);
                    }
                    if (result.isUnderflow()) {
                        break;
                    }
                }
                bytes.compact();
            }
        } catch (IOException e) {
            // fall through to the message without a position
        }
        return String.format("%s: bytes that are not valid %s; give the file's charset", name, charset.name());
    }
}
