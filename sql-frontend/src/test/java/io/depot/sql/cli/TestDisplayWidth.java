package io.depot.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestDisplayWidth {
    @Test
    void hangulTakesTwoColumns() {
        assertThat(DisplayWidth.of("서울")).isEqualTo(4);
        assertThat(DisplayWidth.of("Seoul 서울")).isEqualTo(10);
        assertThat(DisplayWidth.of("")).isZero();
        assertThat(DisplayWidth.of("東京")).isEqualTo(4);
    }
}
