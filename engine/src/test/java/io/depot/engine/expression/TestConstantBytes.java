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

    /**
     * Sets of one to four constants, all short (the one-word path) or some longer than 8 bytes,
     * against every range of a buffer, agree with testing each constant by Arrays.equals.
     */
    @Test
    void setMembershipAgreesWithArraysEquals() {
        Random random = new Random(9);
        for (int round = 0; round < 300; round++) {
            int maxLength = random.nextBoolean() ? 9 : 13;
            byte[][] constants = new byte[1 + random.nextInt(4)][];
            ConstantBytes[] prepared = new ConstantBytes[constants.length];
            for (int k = 0; k < constants.length; k++) {
                constants[k] = new byte[random.nextInt(maxLength)];
                for (int i = 0; i < constants[k].length; i++) {
                    constants[k][i] = (byte) random.nextInt(3);
                }
                prepared[k] = new ConstantBytes(constants[k]);
            }
            StringConstantSet set = new StringConstantSet(prepared);
            byte[] buffer = new byte[random.nextInt(40)];
            for (int i = 0; i < buffer.length; i++) {
                buffer[i] = (byte) random.nextInt(3);
            }
            byte[] planted = constants[random.nextInt(constants.length)];
            if (planted.length <= buffer.length) {
                System.arraycopy(planted, 0, buffer, random.nextInt(buffer.length - planted.length + 1), planted.length);
            }
            for (int start = 0; start <= buffer.length; start++) {
                for (int end = start; end <= buffer.length; end++) {
                    boolean expected = false;
                    for (byte[] constant : constants) {
                        expected |= Arrays.equals(buffer, start, end, constant, 0, constant.length);
                    }
                    assertThat(set.contains(buffer, start, end)).as("round %d: [%d, %d) of %s", round, start, end,
                            Arrays.toString(buffer)).isEqualTo(expected);
                }
            }
        }
    }
}
