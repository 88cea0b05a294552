package io.depot.storage.segment;

import java.nio.ByteBuffer;

/** Checks shared by the decoders, so damaged payloads end in CORRUPTION and never in garbage. */
final class DecodeChecks {
    private DecodeChecks() {}

    /** Reads an int8 bit width and checks it is 0..64. */
    static int readWidth(ByteBuffer payload, BlockLocation location, String what) {
        int width = payload.get();
        if (width < 0 || width > BitPacking.MAX_WIDTH) {
            throw location.corruption("has an impossible " + what + " bit width[" + width + "]");
        }
        return width;
    }

    /** Reads an int32 count and checks it is 1..{@code limit}. */
    static int readCount(ByteBuffer payload, int limit, BlockLocation location, String what) {
        int count = payload.getInt();
        if (count < 1 || count > limit) {
            throw location.corruption("has an impossible " + what + "[" + count + "] for at most " + limit);
        }
        return count;
    }

    /** Whether every value in {@code [min, max]} fits the column (see {@link #checkFit}). */
    static boolean fits(PhysicalType type, long min, long max) {
        return switch (type) {
            case INT32 -> min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE;
            case BIT -> min >= 0 && max <= 1;
            case INT64, FLOAT64, INT128 -> true;
        };
    }

    /** Checks that decoded values fit the column: int32 range for INT32, 0 or 1 for BIT. */
    static void checkFit(PhysicalType type, long[] values, int rows, BlockLocation location) {
        long outside = 0;
        switch (type) {
            case INT32 -> {
                for (int i = 0; i < rows; i++) {
                    outside |= values[i] ^ (int) values[i];
                }
            }
            case BIT -> {
                for (int i = 0; i < rows; i++) {
                    outside |= values[i] & ~1L;
                }
            }
            case INT64, FLOAT64, INT128 -> {
                // Every 64-bit pattern is a value.
            }
        }
        if (outside != 0) {
            throw location.corruption("decodes to values outside its " + type + " column");
        }
    }
}
