package dev.failoverclient.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.ledger.Micros;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class DateTimeTextTest {
    private static final DateTimeFormatter DATETIME6 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    @Test
    void isTheUtcDateTimeWithMicroseconds() {
        DateTimeText text = new DateTimeText();
        assertThat(text.of(micros("2025-01-08T10:35:21.012345Z"))).isEqualTo("2025-01-08 10:35:21.012345");
        assertThat(text.of(micros("2025-01-08T10:35:21.000000Z"))).isEqualTo("2025-01-08 10:35:21.000000");
        assertThat(text.of(micros("2025-01-08T10:35:21.999999Z"))).isEqualTo("2025-01-08 10:35:21.999999");
        assertThat(text.of(micros("2025-01-08T10:35:22.000001Z"))).isEqualTo("2025-01-08 10:35:22.000001");
        assertThat(text.of(micros("1999-12-31T23:59:59.5Z"))).isEqualTo("1999-12-31 23:59:59.500000");
    }

    @Test
    void matchesJavaTimeAcrossSecondsDaysAndYears() {
        DateTimeText text = new DateTimeText();
        for (long m = micros("2024-12-31T23:59:58Z"); m < micros("2025-01-01T00:00:03Z"); m += 123_457) {
            assertThat(text.of(m)).isEqualTo(DATETIME6.format(LocalDateTime.ofEpochSecond(Math.floorDiv(m, 1_000_000),
                    (int) Math.floorMod(m, 1_000_000) * 1_000, ZoneOffset.UTC)));
        }
    }

    private static long micros(String iso) {
        return Micros.of(Instant.parse(iso));
    }
}
