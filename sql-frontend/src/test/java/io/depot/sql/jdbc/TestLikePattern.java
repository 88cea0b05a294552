package io.depot.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestLikePattern {
    @Test
    void nullMatchesEverything() {
        assertThat(LikePattern.of(null).matches("orders")).isTrue();
    }

    @Test
    void percentAndUnderscoreAreWildcardsAndCaseIsIgnored() {
        assertThat(LikePattern.of("ord%").matches("orders")).isTrue();
        assertThat(LikePattern.of("ORDERS").matches("orders")).isTrue();
        assertThat(LikePattern.of("order_").matches("orders")).isTrue();
        assertThat(LikePattern.of("order_").matches("order")).isFalse();
        assertThat(LikePattern.of("%").matches("")).isTrue();
    }

    @Test
    void escapedWildcardsAndRegexCharactersAreLiteral() {
        assertThat(LikePattern.of("load\\_history").matches("load_history")).isTrue();
        assertThat(LikePattern.of("load\\_history").matches("loadXhistory")).isFalse();
        assertThat(LikePattern.of("a.b").matches("axb")).isFalse();
        assertThat(LikePattern.of("a.b").matches("a.b")).isTrue();
    }
}
