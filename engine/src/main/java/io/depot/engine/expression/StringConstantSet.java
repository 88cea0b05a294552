package io.depot.engine.expression;

/**
 * The string constants of an IN list, for testing many values against all of them: when every
 * constant has at most 8 bytes (ship modes, containers, priorities), a value is read as one
 * masked 64-bit word and compared with each constant's word and length, without branches on the
 * value; otherwise each constant tests the value in turn.
 */
final class StringConstantSet {
    private final ConstantBytes[] constants;
    /** Each constant's length and word when all are short, else null. */
    private final int[] lengths;
    private final long[] words;

    StringConstantSet(ConstantBytes[] constants) {
        this.constants = constants.clone();
        boolean allShort = true;
        for (ConstantBytes constant : constants) {
            allShort &= constant.bytes().length <= Long.BYTES;
        }
        this.lengths = allShort ? new int[constants.length] : null;
        this.words = allShort ? new long[constants.length] : null;
        if (allShort) {
            for (int k = 0; k < constants.length; k++) {
                lengths[k] = constants[k].bytes().length;
                words[k] = constants[k].prefix();
            }
        }
    }

    /** Whether {@code values[start, end)} equals one of the constants. */
    boolean contains(byte[] values, int start, int end) {
        int length = end - start;
        if (lengths != null && start + Long.BYTES <= values.length) {
            // a value longer than 8 bytes keeps 8 of them but matches no length
            long word = ConstantBytes.word(values, start) & ConstantBytes.maskFor(length);
            boolean hit = false;
            for (int k = 0; k < lengths.length; k++) {
                hit |= (length == lengths[k]) & (word == words[k]);
            }
            return hit;
        }
        for (ConstantBytes constant : constants) {
            if (constant.equalsRange(values, start, end)) {
                return true;
            }
        }
        return false;
    }
}
