package io.depot.engine.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.ShortStrings;
import io.depot.engine.batch.StringData;
import io.depot.storage.type.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * VARCHAR keys are held packed into longs until a key too long to pack arrives; the group ids must
 * not notice the switch, nor a merge of partials held differently.
 */
class TestGroupByHash {
    private static final List<ColumnType> KEY_TYPES = List.of(ColumnType.VARCHAR, ColumnType.BIGINT);

    private static StringData strings(List<String> values) {
        int[] offsets = new int[values.size() + 1];
        boolean[] nulls = new boolean[values.size()];
        StringBuilder all = new StringBuilder();
        List<byte[]> encoded = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < values.size(); i++) {
            byte[] bytes = values.get(i) == null ? new byte[0] : values.get(i).getBytes(StandardCharsets.UTF_8);
            nulls[i] = values.get(i) == null;
            encoded.add(bytes);
            total += bytes.length;
            offsets[i + 1] = total;
        }
        byte[] bytes = new byte[total];
        for (int i = 0; i < encoded.size(); i++) {
            System.arraycopy(encoded.get(i), 0, bytes, offsets[i], encoded.get(i).length);
        }
        return new StringData(offsets, bytes, nulls, values.size());
    }

    private static String key(Random random, boolean allowLong) {
        int choice = random.nextInt(12);
        if (choice == 0) {
            return null;
        }
        if (choice == 1) {
            return "";
        }
        if (allowLong && choice == 2) {
            return "a long key " + random.nextInt(5);
        }
        return "k" + random.nextInt(6);
    }

    /** Feeds batches, the first ones all short keys (and, for some, packed), and checks ids against a map. */
    @Test
    void idsStayTheSameWhenALongKeyTurnsTheColumnToStrings() {
        Random random = new Random(42);
        GroupByHash hash = new GroupByHash(KEY_TYPES);
        Map<List<Object>, Integer> expected = new HashMap<>();
        for (int batch = 0; batch < 12; batch++) {
            boolean allowLong = batch >= 6;
            int size = 200;
            List<String> words = new ArrayList<>();
            long[] numbers = new long[size];
            for (int i = 0; i < size; i++) {
                words.add(key(random, allowLong));
                numbers[i] = random.nextInt(3);
            }
            StringData strings = strings(words);
            ColumnData first = strings;
            if (hash.packsStrings(0) && batch % 2 == 1) {
                first = ShortStrings.pack(strings);
            }
            assertThat(hash.packsStrings(0)).isEqualTo(batch <= 6);
            int[] ids = hash.groupIds(List.of(first, new LongData(numbers, null, size)), size);
            for (int i = 0; i < size; i++) {
                List<Object> key = Arrays.asList(words.get(i), numbers[i]);
                Integer id = expected.computeIfAbsent(key, k -> expected.size());
                assertThat(ids[i]).as("batch %d row %d key %s", batch, i, key).isEqualTo(id);
            }
        }
        assertThat(hash.packsStrings(0)).isFalse();
        StringData keys = (StringData) hash.keys(0, hash.groupCount()).get(0);
        for (Map.Entry<List<Object>, Integer> entry : expected.entrySet()) {
            int group = entry.getValue();
            assertThat(keys.isNull(group) ? null : keys.string(group)).isEqualTo(entry.getKey().get(0));
        }
    }

    /**
     * Batches of few distinct key combinations take the per-batch code path, others the hash
     * lookups; ids must agree with a map across both, NULLs and 64-bit extremes included.
     */
    @Test
    void lowAndHighCardinalityBatchesGiveTheSameIds() {
        Random random = new Random(11);
        List<ColumnType> types = List.of(ColumnType.BIGINT, ColumnType.INTEGER);
        GroupByHash hash = new GroupByHash(types);
        Map<List<Object>, Integer> expected = new HashMap<>();
        long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0};
        for (int batch = 0; batch < 30; batch++) {
            int size = 1 + random.nextInt(3_000);
            long[] first = new long[size];
            long[] second = new long[size];
            boolean[] firstNulls = batch % 3 == 0 ? new boolean[size] : null;
            boolean[] secondNulls = batch % 5 == 0 ? new boolean[size] : null;
            for (int i = 0; i < size; i++) {
                first[i] = switch (batch % 4) {
                    case 0 -> 100 + random.nextInt(7);
                    case 1 -> -3 + random.nextInt(40);
                    case 2 -> extremes[random.nextInt(extremes.length)];
                    default -> random.nextInt(100_000);
                };
                second[i] = random.nextInt(batch % 2 == 0 ? 3 : 200);
                if (firstNulls != null) {
                    firstNulls[i] = random.nextInt(6) == 0;
                }
                if (secondNulls != null) {
                    secondNulls[i] = random.nextInt(4) == 0;
                }
            }
            int[] ids = hash.groupIds(List.of(new LongData(first, firstNulls, size), new LongData(second, secondNulls, size)),
                    size);
            for (int i = 0; i < size; i++) {
                List<Object> key = Arrays.asList(firstNulls != null && firstNulls[i] ? null : first[i],
                        secondNulls != null && secondNulls[i] ? null : second[i]);
                Integer id = expected.computeIfAbsent(key, k -> expected.size());
                assertThat(ids[i]).as("batch %d row %d key %s", batch, i, key).isEqualTo(id);
            }
        }
        assertThat(hash.groupCount()).isEqualTo(expected.size());
    }

    @Test
    void partialsHeldPackedAndAsStringsMergeIntoTheSameGroups() {
        GroupByHash packed = new GroupByHash(KEY_TYPES);
        GroupByHash unpacked = new GroupByHash(KEY_TYPES);
        List<String> shortWords = Arrays.asList("A", null, "", "N", "A");
        List<String> mixedWords = Arrays.asList("N", "a long key", null, "", "R");
        packed.groupIds(List.of(strings(shortWords), new LongData(new long[5], null, 5)), 5);
        unpacked.groupIds(List.of(strings(mixedWords), new LongData(new long[5], null, 5)), 5);
        assertThat(packed.packsStrings(0)).isTrue();
        assertThat(unpacked.packsStrings(0)).isFalse();
        for (GroupByHash[] order : new GroupByHash[][] {{packed, unpacked}, {unpacked, packed}}) {
            GroupByHash merged = new GroupByHash(KEY_TYPES);
            merged.mergeGroups(order[0], 0, 1);
            merged.mergeGroups(order[1], 0, 1);
            StringData keys = (StringData) merged.keys(0, merged.groupCount()).get(0);
            List<String> names = new ArrayList<>();
            for (int group = 0; group < keys.size(); group++) {
                names.add(keys.isNull(group) ? null : keys.string(group));
            }
            assertThat(names).containsExactlyInAnyOrder("A", null, "", "N", "a long key", "R");
        }
    }

    /**
     * A key that comes as dictionary codes (each batch its own dictionary, entries in any order,
     * a NULL entry, some entries no row uses) must get the ids its strings get, whether the batch
     * takes the per-combination path (few codes) or gathers the entries (many second keys), the
     * other batches' keys coming as strings or packed, and after a long entry turns the column
     * to strings. A code mapped to the wrong entry's group fails the comparison with the map.
     */
    @Test
    void keysThroughDictionaryCodesGetTheIdsOfTheirStrings() {
        Random random = new Random(7);
        GroupByHash hash = new GroupByHash(KEY_TYPES);
        Map<List<Object>, Integer> expected = new HashMap<>();
        List<String> vocabulary = Arrays.asList("A", "N", "R", "F", "O", "", "한글", "a long key 1", "a long key 2");
        for (int batch = 0; batch < 40; batch++) {
            int size = 1 + random.nextInt(2_000);
            boolean allowLong = batch >= 20;
            List<String> dictionary = new ArrayList<>();
            for (String word : vocabulary) {
                if ((allowLong || !word.startsWith("a long")) && random.nextInt(3) != 0) {
                    dictionary.add(word);
                }
            }
            if (dictionary.isEmpty()) {
                dictionary.add("N");
            }
            java.util.Collections.shuffle(dictionary, random);
            List<String> entries = new ArrayList<>(dictionary);
            entries.add(null); // the NULL code is one past the entries
            int[] codes = new int[size];
            List<String> words = new ArrayList<>();
            long[] numbers = new long[size];
            boolean manySecondKeys = batch % 4 == 3;
            for (int i = 0; i < size; i++) {
                codes[i] = random.nextInt(8) == 0 ? dictionary.size() : random.nextInt(dictionary.size());
                words.add(entries.get(codes[i]));
                numbers[i] = manySecondKeys ? random.nextInt(5_000) : random.nextInt(3);
            }
            LongData second = new LongData(numbers, null, size);
            int[] ids;
            if (batch % 5 == 4) {
                // a batch whose key column came as strings, between coded ones
                ids = hash.groupIds(List.of(strings(words), second), size);
            } else {
                ids = hash.groupIds(List.of(strings(entries), second), new int[][] {codes, null}, size);
            }
            for (int i = 0; i < size; i++) {
                List<Object> key = Arrays.asList(words.get(i), numbers[i]);
                Integer id = expected.computeIfAbsent(key, k -> expected.size());
                assertThat(ids[i]).as("batch %d row %d key %s", batch, i, key).isEqualTo(id);
            }
        }
        assertThat(hash.groupCount()).isEqualTo(expected.size());
        assertThat(hash.packsStrings(0)).isFalse();
        List<ColumnData> keys = hash.keys(0, hash.groupCount());
        StringData firstKeys = (StringData) keys.get(0);
        LongData secondKeys = (LongData) keys.get(1);
        for (Map.Entry<List<Object>, Integer> entry : expected.entrySet()) {
            int group = entry.getValue();
            assertThat(Arrays.asList(firstKeys.isNull(group) ? null : firstKeys.string(group), secondKeys.values()[group]))
                    .isEqualTo(entry.getKey());
        }
    }

    /** Two coded keys with different dictionaries per batch, as TPC-H Q1's flags: ids by the strings. */
    @Test
    void twoCodedKeysWithDictionariesPerBatch() {
        List<ColumnType> types = List.of(ColumnType.VARCHAR, ColumnType.VARCHAR);
        GroupByHash hash = new GroupByHash(types);
        // batch 1: flags {A, N, R}, status {F, O}; batch 2: flags {N, R} (N now code 0), status {O}
        int[] ids1 = hash.groupIds(List.of(strings(Arrays.asList("A", "N", "R", null)), strings(Arrays.asList("F", "O", null))),
                new int[][] {{0, 1, 2, 1, 3, 0}, {0, 1, 0, 1, 1, 2}}, 6);
        int[] ids2 = hash.groupIds(List.of(strings(Arrays.asList("N", "R", null)), strings(Arrays.asList("O", null))),
                new int[][] {{0, 1, 0, 2, 1, 0}, {0, 0, 0, 0, 1, 0}}, 6);
        // keys: (A,F) (N,O) (R,F) (N,O) (NULL,O) (A,NULL) | (N,O) (R,O) (N,O) (NULL,O) (R,NULL) (N,O)
        assertThat(ids1).containsExactly(0, 1, 2, 1, 3, 4);
        assertThat(ids2).containsExactly(1, 5, 1, 3, 6, 1);
    }
}
