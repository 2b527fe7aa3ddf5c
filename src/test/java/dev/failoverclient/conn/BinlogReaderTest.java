package dev.failoverclient.conn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinlogReaderTest {
    @Test
    void theDriversQuotingIsUndone() {
        assertThat(BinlogReader.unquote("it\\'s \\\\ a \\\"test\\\"")).isEqualTo("it's \\ a \"test\"");
        assertThat(BinlogReader.unquote("it''s")).isEqualTo("it's");
        assertThat(BinlogReader.unquote("plain")).isEqualTo("plain");
    }
}
