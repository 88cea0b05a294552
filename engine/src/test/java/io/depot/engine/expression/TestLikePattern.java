package io.depot.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random LIKE patterns against random strings, compared with the same pattern as a regular
 * expression: patterns of literals and {@code %} only (matched by literal searches), and with
 * {@code _} (matched element by element), over multi-byte characters and at offsets inside a
 * larger byte array.
 */
class TestLikePattern {
    private static final String[] PATTERN_PIECES = {"a", "b", "ab", "é", "%", "%", "_", "%%", "abba", "aéb"};
    private static final String[] TEXT_PIECES = {"a", "b", "é", "ab", "ba", "x", "abba", "aéb"};

    @Test
    void matchesAsTheEquivalentRegularExpression() {
        Random random = new Random(5);
        for (int p = 0; p < 3_000; p++) {
            boolean underscores = p % 3 == 0;
            StringBuilder pattern = new StringBuilder();
            int pieces = random.nextInt(6);
            for (int i = 0; i < pieces; i++) {
                String piece = PATTERN_PIECES[random.nextInt(PATTERN_PIECES.length)];
                if (!underscores && piece.equals("_")) {
                    piece = "a";
                }
                pattern.append(piece);
            }
            LikePattern like = LikePattern.compile(pattern.toString(), null);
            Pattern regex = Pattern.compile(toRegex(pattern.toString()), Pattern.DOTALL);
            for (int t = 0; t < 40; t++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(8);
                for (int i = 0; i < length; i++) {
                    text.append(TEXT_PIECES[random.nextInt(TEXT_PIECES.length)]);
                }
                byte[] value = text.toString().getBytes(StandardCharsets.UTF_8);
                // the value sits between other bytes, as in a column's byte array
                byte[] bytes = new byte[value.length + 6];
                bytes[0] = bytes[1] = bytes[2] = 'a';
                bytes[bytes.length - 1] = bytes[bytes.length - 2] = bytes[bytes.length - 3] = 'b';
                System.arraycopy(value, 0, bytes, 3, value.length);
                assertThat(like.matches(bytes, 3, 3 + value.length))
                        .as("'%s' LIKE '%s'", text, pattern)
                        .isEqualTo(regex.matcher(text).matches());
            }
        }
    }

    private static String toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return regex.toString();
    }
}
