package io.depot.storage.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestHyperLogLog {
    @Test
    void estimatesDistinctLongsWithinAFewPercent() {
        for (int count : new int[] {0, 1, 10, 1_000, 20_000, 300_000}) {
            HyperLogLog sketch = new HyperLogLog();
            for (int repeat = 0; repeat < 3; repeat++) {
                for (long value = 0; value < count; value++) {
                    sketch.addLong(value * 1_000_003);
                }
            }
            assertThat((double) sketch.estimate()).as("%d values", count).isCloseTo(count, within(count * 0.05 + 0.5));
        }
    }

    @Test
    void estimatesDistinctStrings() {
        HyperLogLog sketch = new HyperLogLog();
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = ("서울-" + (i % 10_000)).getBytes(StandardCharsets.UTF_8);
            sketch.addBytes(bytes, 0, bytes.length);
        }
        byte[] empty = new byte[0];
        sketch.addBytes(empty, 0, 0);
        assertThat((double) sketch.estimate()).isCloseTo(10_001, within(500.0));
    }

    @Test
    void mergedSketchesCountTheUnion() {
        HyperLogLog left = new HyperLogLog();
        HyperLogLog right = new HyperLogLog();
        for (long value = 0; value < 60_000; value++) {
            left.addLong(value);
            right.addLong(value + 30_000);
        }
        HyperLogLog union = left.copy();
        union.merge(right);
        assertThat((double) union.estimate()).isCloseTo(90_000, within(4_500.0));
        assertThat(HyperLogLog.fromBytes(union.toBytes())).isEqualTo(union);
        assertThat(left.estimate()).isLessThan(union.estimate());
    }

    @Test
    void refusesMalformedRegisters() {
        assertThatThrownBy(() -> HyperLogLog.fromBytes(new byte[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a sketch has 1024 registers, not 3");
        byte[] registers = new byte[HyperLogLog.REGISTER_COUNT];
        registers[7] = 99;
        assertThatThrownBy(() -> HyperLogLog.fromBytes(registers))
                .hasMessage("sketch register[99] is out of range");
    }
}
