package io.depot.engine.sort;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.StringData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestSortKeyComparators {
    private static StringData strings(List<String> values) {
        StringData.Builder builder = new StringData.Builder(values.size(), 64);
        values.forEach(builder::append);
        return builder.build();
    }

    @Test
    void stringOrderMatchesUnsignedBytesAroundThePrefixLength() {
        List<String> values = new ArrayList<>(List.of("", "a", "a\0", "abcdefg", "abcdefg\0", "abcdefgh", "abcdefgi",
                "abcdefgh\0", "abcdefghij", "서울", "서울시", "😀", "Ａ", "\u007f", "\u0080"));
        Random random = new Random(7);
        String alphabet = "ab서";
        for (int i = 0; i < 500; i++) {
            StringBuilder value = new StringBuilder("abcdef");
            int length = random.nextInt(5);
            for (int j = 0; j < length; j++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(value.toString());
        }
        StringData data = strings(values);
        RowComparator comparator = SortKeyComparators.forKey(data, false, false);
        for (int left = 0; left < values.size(); left++) {
            byte[] leftBytes = values.get(left).getBytes(StandardCharsets.UTF_8);
            for (int right = 0; right < values.size(); right++) {
                int expected = Integer.signum(Arrays.compareUnsigned(leftBytes, values.get(right).getBytes(StandardCharsets.UTF_8)));
                assertThat(Integer.signum(comparator.compare(left, right)))
                        .as("%s vs %s", values.get(left), values.get(right))
                        .isEqualTo(expected);
            }
        }
    }
}
