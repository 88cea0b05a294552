package io.depot.sql.cli;

/**
 * How many terminal columns text takes: East Asian wide characters (Hangul, CJK ideographs,
 * full-width forms) take two, so tables with Korean text still line up.
 */
final class DisplayWidth {
    private DisplayWidth() {}

    static int of(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += isWide(codePoint) ? 2 : 1;
            i += Character.charCount(codePoint);
        }
        return width;
    }

    private static boolean isWide(int codePoint) {
        return (codePoint >= 0x1100 && codePoint <= 0x115F)   // Hangul Jamo initials
                || (codePoint >= 0x2E80 && codePoint <= 0xA4CF && codePoint != 0x303F) // CJK radicals .. Yi
                || (codePoint >= 0xAC00 && codePoint <= 0xD7A3) // Hangul syllables
                || (codePoint >= 0xF900 && codePoint <= 0xFAFF) // CJK compatibility ideographs
                || (codePoint >= 0xFE30 && codePoint <= 0xFE4F) // CJK compatibility forms
                || (codePoint >= 0xFF00 && codePoint <= 0xFF60) // full-width forms
                || (codePoint >= 0xFFE0 && codePoint <= 0xFFE6)
                || (codePoint >= 0x1F300 && codePoint <= 0x1F64F) // common emoji
                || (codePoint >= 0x20000 && codePoint <= 0x3FFFD); // CJK extensions
    }
}
