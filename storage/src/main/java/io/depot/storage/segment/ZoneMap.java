package io.depot.storage.segment;

/**
 * Statistics of one column in one block, one segment or one table.
 *
 * @param min smallest non-null value in the Java form of {@code io.depot.engine} literals
 *     (Boolean, Integer, Long, BigDecimal, Double, LocalDate, LocalDateTime, String), or null when
 *     there is no non-null value
 * @param max largest non-null value, likewise
 * @param nullCount rows holding NULL
 */
public record ZoneMap(Object min, Object max, long nullCount) {
    private static final ZoneMap EMPTY = new ZoneMap(null, null, 0);

    /** The zone map of no rows: the starting point of {@link #union}. */
    public static ZoneMap empty() {
        return EMPTY;
    }

    /**
     * The zone map of this one's rows plus the other's. Values compare as the footer orders
     * them: strings by code point, doubles by {@link Double#compare}, the rest naturally.
     */
    public ZoneMap union(ZoneMap other) {
        Object lower = min == null ? other.min : other.min == null || compare(min, other.min) <= 0 ? min : other.min;
        Object upper = max == null ? other.max : other.max == null || compare(max, other.max) >= 0 ? max : other.max;
        return new ZoneMap(lower, upper, nullCount + other.nullCount);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object left, Object right) {
        if (left instanceof String leftText && right instanceof String rightText) {
            return compareCodePoints(leftText, rightText);
        }
        return ((Comparable) left).compareTo(right);
    }

    /** Code point order, which is also unsigned UTF-8 byte order (String.compareTo is UTF-16 order). */
    private static int compareCodePoints(String left, String right) {
        int leftIndex = 0;
        int rightIndex = 0;
        while (leftIndex < left.length() && rightIndex < right.length()) {
            int leftCodePoint = left.codePointAt(leftIndex);
            int rightCodePoint = right.codePointAt(rightIndex);
            if (leftCodePoint != rightCodePoint) {
                return Integer.compare(leftCodePoint, rightCodePoint);
            }
            leftIndex += Character.charCount(leftCodePoint);
            rightIndex += Character.charCount(rightCodePoint);
        }
        return Integer.compare(left.length() - leftIndex, right.length() - rightIndex);
    }
}
