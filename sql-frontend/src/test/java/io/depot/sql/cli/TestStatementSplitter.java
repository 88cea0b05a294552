package io.depot.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestStatementSplitter {
    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments() {
        assertThat(StatementSplitter.split("SELECT 'a;b'; SELECT \"x;y\" FROM t -- c;d\n;  ;SELECT 3"))
                .containsExactly("SELECT 'a;b'", "SELECT \"x;y\" FROM t", "SELECT 3");
    }

    @Test
    void doubledQuotesStayInsideTheLiteral() {
        assertThat(StatementSplitter.split("SELECT 'it''s; fine'")).containsExactly("SELECT 'it''s; fine'");
    }
}
