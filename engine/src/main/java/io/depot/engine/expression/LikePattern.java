package io.depot.engine.expression;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    /**
     * For a pattern without {@code _}: its literal runs between the {@code %}s, matched by
     * searching (leftmost occurrence first is always right when only {@code %} separates them);
     * null when the pattern has a {@code _}.
     */
    private final byte[][] literals;
    private final boolean leadingPercent;
    private final boolean trailingPercent;

    private LikePattern(int[] elements) {
        this.elements = elements;
        boolean anyOne = false;
        List<byte[]> runs = new ArrayList<>();
        int runStart = -1;
        for (int i = 0; i <= elements.length; i++) {
            boolean literal = i < elements.length && elements[i] >= 0;
            anyOne |= i < elements.length && elements[i] == ANY_ONE;
            if (literal && runStart < 0) {
                runStart = i;
            } else if (!literal && runStart >= 0) {
                byte[] run = new byte[i - runStart];
                for (int j = 0; j < run.length; j++) {
                    run[j] = (byte) elements[runStart + j];
                }
                runs.add(run);
                runStart = -1;
            }
        }
        this.literals = anyOne ? null : runs.toArray(new byte[0][]);
        this.leadingPercent = elements.length > 0 && elements[0] == ANY_SEQUENCE;
        this.trailingPercent = elements.length > 0 && elements[elements.length - 1] == ANY_SEQUENCE;
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

    /** Whether {@code bytes[start..end)} matches. */
    boolean matches(byte[] bytes, int start, int end) {
        return literals != null ? matchesLiterals(bytes, start, end) : matchesElements(bytes, start, end);
    }

    /**
     * A pattern of literals and {@code %}: the first literal anchored at the start unless a
     * {@code %} leads, the last at the end unless one trails, each one between found by a search
     * after the previous one. Byte matching is character matching: in UTF-8 a character's bytes
     * never occur inside another character's.
     */
    private boolean matchesLiterals(byte[] bytes, int start, int end) {
        int first = 0;
        int last = literals.length;
        if (!leadingPercent && last > 0) {
            byte[] literal = literals[0];
            if (end - start < literal.length || !Arrays.equals(bytes, start, start + literal.length, literal, 0,
                    literal.length)) {
                return false;
            }
            start += literal.length;
            first = 1;
        }
        if (!trailingPercent) {
            if (first == last) {
                // no % at all: the one literal (or nothing) must be the whole value
                return start == end;
            }
            byte[] literal = literals[last - 1];
            if (end - start < literal.length || !Arrays.equals(bytes, end - literal.length, end, literal, 0,
                    literal.length)) {
                return false;
            }
            end -= literal.length;
            last--;
        }
        for (int i = first; i < last; i++) {
            int found = indexOf(bytes, start, end, literals[i]);
            if (found < 0) {
                return false;
            }
            start = found + literals[i].length;
        }
        return true;
    }

    /**
     * Where {@code literal} first occurs in {@code bytes[start..end)}, or -1. A candidate must
     * match the literal's first and last bytes before the rest is compared, in a plain loop: in
     * text most positions fail on those two, and the literals of LIKE patterns are too short for
     * a library comparison's setup to pay off.
     */
    private static int indexOf(byte[] bytes, int start, int end, byte[] literal) {
        int last = literal.length - 1;
        byte head = literal[0];
        byte tail = literal[last];
        int lastStart = end - literal.length;
        for (int i = start; i <= lastStart; i++) {
            if (bytes[i] == head && bytes[i + last] == tail && middleMatches(bytes, i, literal)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the literal's bytes between its first and last occur at {@code bytes[at + 1..)}. */
    private static boolean middleMatches(byte[] bytes, int at, byte[] literal) {
        for (int k = 1; k < literal.length - 1; k++) {
            if (bytes[at + k] != literal[k]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code bytes[start..end)} matches the elements, backtracking only to the last %. */
    private boolean matchesElements(byte[] bytes, int start, int end) {
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
