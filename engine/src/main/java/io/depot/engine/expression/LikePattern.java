package io.depot.engine.expression;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A compiled LIKE pattern matched directly against UTF-8 bytes: {@code %} matches any sequence of
 * characters, {@code _} exactly one character (code point), and the optional escape character
 * makes the next pattern character literal. Without an ESCAPE clause no character escapes, as
 * the SQL standard says.
 */
final class LikePattern {
    private static final int ANY_ONE = -1;
    private static final int ANY_SEQUENCE = -2;

    /** Pattern elements: a literal byte (0..255), {@link #ANY_ONE} or {@link #ANY_SEQUENCE}. */
    private final int[] elements;

    private LikePattern(int[] elements) {
        this.elements = elements;
    }

    /** @param escape the escape character, or null for none */
    static LikePattern compile(String pattern, String escape) {
        int escapeCodePoint = -1;
        if (escape != null) {
            if (escape.codePointCount(0, escape.length()) != 1) {
                throw new DepotException(ErrorCode.USER,
                        "LIKE escape[" + escape + "] must be a single character");
            }
            escapeCodePoint = escape.codePointAt(0);
        }
        int[] elements = new int[pattern.length() * 4];
        int count = 0;
        int index = 0;
        while (index < pattern.length()) {
            int codePoint = pattern.codePointAt(index);
            index += Character.charCount(codePoint);
            if (codePoint == escapeCodePoint) {
                if (index >= pattern.length()) {
                    throw new DepotException(ErrorCode.USER,
                            "LIKE pattern[" + pattern + "] ends with the escape character");
                }
                codePoint = pattern.codePointAt(index);
                index += Character.charCount(codePoint);
                count = appendLiteral(elements, count, codePoint);
            } else if (codePoint == '%') {
                // Consecutive % are one.
                if (count == 0 || elements[count - 1] != ANY_SEQUENCE) {
                    elements[count++] = ANY_SEQUENCE;
                }
            } else if (codePoint == '_') {
                elements[count++] = ANY_ONE;
            } else {
                count = appendLiteral(elements, count, codePoint);
            }
        }
        return new LikePattern(Arrays.copyOf(elements, count));
    }

    private static int appendLiteral(int[] elements, int count, int codePoint) {
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        for (byte b : encoded) {
            elements[count++] = b & 0xff;
        }
        return count;
    }

    /** Whether {@code bytes[start..end)} matches, backtracking only to the last %. */
    boolean matches(byte[] bytes, int start, int end) {
        int position = start;
        int element = 0;
        int starElement = -1;
        int starPosition = 0;
        while (position < end) {
            if (element < elements.length && elements[element] == ANY_ONE) {
                position += codePointLength(bytes[position]);
                element++;
            } else if (element < elements.length && elements[element] == (bytes[position] & 0xff)) {
                position++;
                element++;
            } else if (element < elements.length && elements[element] == ANY_SEQUENCE) {
                starElement = element++;
                starPosition = position;
            } else if (starElement >= 0) {
                // Let the last % swallow one more character and retry from there.
                starPosition += codePointLength(bytes[starPosition]);
                position = starPosition;
                element = starElement + 1;
            } else {
                return false;
            }
        }
        while (element < elements.length && elements[element] == ANY_SEQUENCE) {
            element++;
        }
        return element == elements.length && position == end;
    }

    private static int codePointLength(byte lead) {
        int value = lead & 0xff;
        if (value < 0x80) {
            return 1;
        }
        if (value >= 0xf0) {
            return 4;
        }
        if (value >= 0xe0) {
            return 3;
        }
        return value >= 0xc0 ? 2 : 1;
    }
}
