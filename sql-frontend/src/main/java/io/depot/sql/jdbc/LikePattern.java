package io.depot.sql.jdbc;

import java.util.regex.Pattern;

/**
 * A {@code DatabaseMetaData} name pattern ({@code %} any run, {@code _} one character,
 * {@code \} escapes). Matching ignores case because Depot's identifiers do: a tool asking for
 * {@code ORDERS} finds the table {@code orders}. A null pattern matches every name.
 */
final class LikePattern {
    private static final LikePattern ANY = new LikePattern(null);

    private final Pattern regex;

    private LikePattern(Pattern regex) {
        this.regex = regex;
    }

    static LikePattern of(String pattern) {
        if (pattern == null) {
            return ANY;
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char character = pattern.charAt(i);
            if (character == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (character == '%' || character == '_') {
                regex.append(Pattern.quote(literal.toString())).append(character == '%' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(character);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return new LikePattern(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex == null || (name != null && regex.matcher(name).matches());
    }
}
