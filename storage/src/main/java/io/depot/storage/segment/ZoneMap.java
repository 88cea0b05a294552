package io.depot.storage.segment;

/**
 * Statistics of one column in one block.
 *
 * @param min smallest non-null value in the Java form of {@code io.depot.engine} literals
 *     (Boolean, Integer, Long, BigDecimal, Double, LocalDate, LocalDateTime, String), or null when
 *     the block has no non-null value
 * @param max largest non-null value, likewise
 * @param nullCount rows holding NULL
 */
public record ZoneMap(Object min, Object max, long nullCount) {}
