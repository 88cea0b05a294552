package io.depot.engine.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every build row whose hash equals a probe row's is in the chain the probe row finds, also when
 * hashes share their slot bits or their tag bits; NULL keys are in no chain.
 */
class TestJoinHashTable {
    /** Keys given by their hashes alone (the table never looks at the key columns). */
    private static JoinKeys hashes(long[] hashes, boolean[] anyNull) {
        return new JoinKeys(List.of(), hashes, anyNull, hashes.length);
    }

    private static Set<Integer> chain(JoinHashTable table, int head) {
        Set<Integer> rows = new TreeSet<>();
        for (int row = head; row >= 0; row = table.chainLinks()[row]) {
            assertThat(rows.add(row)).isTrue();
        }
        return rows;
    }

    @Test
    void chainsHoldEveryRowOfTheirHashWhateverCollides() {
        Random random = new Random(3);
        int rows = 5_000;
        long[] build = new long[rows];
        boolean[] nulls = new boolean[rows];
        List<Long> distinct = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long base = random.nextLong();
            distinct.add(base);
            // the same tag (high half) with other slot bits, and the same slot bits with another tag
            distinct.add((base & 0xFFFF_FFFF_0000_0000L) | (random.nextInt() & 0xFFFF_FFFFL));
            distinct.add((base & 0xFFFF_FFFFL) | ((long) random.nextInt() << 32));
        }
        for (int row = 0; row < rows; row++) {
            build[row] = distinct.get(random.nextInt(distinct.size()));
            nulls[row] = random.nextInt(20) == 0;
        }
        JoinHashTable table = JoinHashTable.build(hashes(build, nulls));
        long[] probe = new long[distinct.size() + 50];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = i < distinct.size() ? distinct.get(i) : random.nextLong();
        }
        int[] heads = table.chainHeads(hashes(probe, null));
        for (int i = 0; i < probe.length; i++) {
            Set<Integer> chain = chain(table, heads[i]);
            for (int row = 0; row < rows; row++) {
                if (build[row] == probe[i] && !nulls[row]) {
                    assertThat(chain).as("probe %d", i).contains(row);
                }
                if (nulls[row]) {
                    assertThat(chain).doesNotContain(row);
                }
            }
            // chains come in ascending row order
            int previous = -1;
            for (int row = heads[i]; row >= 0; row = table.chainLinks()[row]) {
                assertThat(row).isGreaterThan(previous);
                previous = row;
            }
        }
    }

    @Test
    void emptyBuildSideFindsNothing() {
        JoinHashTable table = JoinHashTable.build(hashes(new long[0], null));
        assertThat(table.chainHeads(hashes(new long[] {1, 2, 0}, null))).containsExactly(-1, -1, -1);
    }
}
