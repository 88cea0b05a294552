package io.depot.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestConstantBytes {
    /**
     * Constants of 0 to 20 bytes against ranges of a buffer at every position, including ranges
     * that end within 8 bytes of the buffer's end (no whole word to read) and values that differ
     * from the constant only in the last byte, or only in the bytes after it.
     */
    @Test
    void equalityAgreesWithArraysEquals() {
        Random random = new Random(5);
        for (int round = 0; round < 300; round++) {
            byte[] constant = new byte[random.nextInt(21)];
            for (int i = 0; i < constant.length; i++) {
                constant[i] = (byte) random.nextInt(3);
            }
            ConstantBytes prepared = new ConstantBytes(constant);
            byte[] buffer = new byte[random.nextInt(40)];
            for (int i = 0; i < buffer.length; i++) {
                buffer[i] = (byte) random.nextInt(3);
            }
            // plant the constant somewhere so equal ranges occur
            if (constant.length <= buffer.length) {
                System.arraycopy(constant, 0, buffer, random.nextInt(buffer.length - constant.length + 1), constant.length);
            }
            for (int start = 0; start <= buffer.length; start++) {
                for (int end = start; end <= buffer.length; end++) {
                    boolean expected = Arrays.equals(buffer, start, end, constant, 0, constant.length);
                    assertThat(prepared.equalsRange(buffer, start, end))
                            .as("round %d: [%d, %d) of %s vs %s", round, start, end, Arrays.toString(buffer),
                                    Arrays.toString(constant))
                            .isEqualTo(expected);
                }
            }
        }
    }
}
