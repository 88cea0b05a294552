package io.depot.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bit packing at every width against a bit-by-bit reference, in every kind of buffer the decoder
 * meets: packed data at the very end of its array (where the unaligned-window path must hand the
 * last values to the word path), followed by other bytes, inside a slice with an array offset,
 * and in a direct buffer (no array at all).
 */
class TestBitPacking {
    private static final int[] COUNTS = {0, 1, 2, 7, 8, 9, 63, 64, 65, 127, 1_000, 65_536};

    @Test
    void everyWidthRoundTripsInEveryKindOfBuffer() {
        Random random = new Random(42);
        for (int width = 0; width <= BitPacking.MAX_WIDTH; width++) {
            for (int count : COUNTS) {
                long reference = random.nextLong();
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    long offsetFromReference = width == 64 ? random.nextLong() : random.nextLong() & ((1L << width) - 1);
                    values[i] = reference + offsetFromReference;
                }
                LittleEndianOutput output = new LittleEndianOutput();
                BitPacking.pack(values, 0, count, reference, width, output);
                byte[] packed = output.toByteArray();
                assertThat((long) packed.length).isEqualTo(BitPacking.packedLength(count, width));
                assertThat(referenceUnpack(packed, count, width, reference)).isEqualTo(values);

                String what = "width " + width + " count " + count;
                assertUnpacks(ByteBuffer.wrap(packed), values, width, reference, what + " at the end of its array");
                byte[] followed = new byte[packed.length + 5];
                System.arraycopy(packed, 0, followed, 0, packed.length);
                Arrays.fill(followed, packed.length, followed.length, (byte) -1);
                assertUnpacks(ByteBuffer.wrap(followed), values, width, reference, what + " followed by other bytes");
                byte[] embedded = new byte[packed.length + 11];
                System.arraycopy(packed, 0, embedded, 3, packed.length);
                assertUnpacks(ByteBuffer.wrap(embedded, 3, packed.length).slice(), values, width, reference,
                        what + " in a slice");
                ByteBuffer direct = ByteBuffer.allocateDirect(packed.length);
                direct.order(ByteOrder.LITTLE_ENDIAN).put(packed).flip();
                assertUnpacks(direct, values, width, reference, what + " in a direct buffer");
            }
        }
    }

    @Test
    void aShortBufferIsAnUnderflowNotGarbage() {
        long[] values = new long[100];
        LittleEndianOutput output = new LittleEndianOutput();
        BitPacking.pack(values, 0, values.length, 0, 13, output);
        byte[] packed = output.toByteArray();
        ByteBuffer truncated = ByteBuffer.wrap(packed, 0, packed.length - 1).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> BitPacking.unpack(truncated, values.length, 13, 0, new long[100], 0))
                .isInstanceOf(BufferUnderflowException.class);
    }

    private static void assertUnpacks(ByteBuffer buffer, long[] expected, int width, long reference, String what) {
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        int start = buffer.position();
        long[] target = new long[expected.length + 2];
        target[0] = 17;
        target[target.length - 1] = 19;
        BitPacking.unpack(buffer, expected.length, width, reference, target, 1);
        assertThat(Arrays.copyOfRange(target, 1, expected.length + 1)).as(what).isEqualTo(expected);
        assertThat(target[0]).as(what + ": before the target range").isEqualTo(17);
        assertThat(target[target.length - 1]).as(what + ": after the target range").isEqualTo(19);
        assertThat(buffer.position() - start).as(what + ": bytes consumed")
                .isEqualTo((int) BitPacking.packedLength(expected.length, width));
    }

    /** Value {@code i} is bits {@code [i * width, (i + 1) * width)} of the little-endian stream. */
    private static long[] referenceUnpack(byte[] packed, int count, int width, long reference) {
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            long value = 0;
            for (int b = 0; b < width; b++) {
                long bit = (long) i * width + b;
                int set = (packed[(int) (bit >>> 3)] >>> (bit & 7)) & 1;
                value |= (long) set << b;
            }
            values[i] = value + reference;
        }
        return values;
    }
}
