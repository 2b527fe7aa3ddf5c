package dev.failoverclient.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.ledger.Micros;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class StatisticsBlockTest {

    @Test
    void keepsTheSeedsLinesWordForWord() {
        WriterStats stats = new WriterStats("client-mariadb-test-client-xxx");
        for (int i = 1; i <= 448; i++) {
            stats.attempted(i);
            stats.ok(Micros.of(Instant.parse("2025-01-08T10:40:15.123456Z")), 1_500);
        }
        stats.attempted(449);
        stats.failed(Micros.of(Instant.parse("2025-01-08T10:35:21.650000Z")),
                Micros.of(Instant.parse("2025-01-08T10:35:21.654321Z")), false);
        stats.attempted(450);
        stats.failed(Micros.of(Instant.parse("2025-01-08T10:35:21.650000Z")),
                Micros.of(Instant.parse("2025-01-08T10:35:21.654321Z")), false);
        stats.connectionError();

        String block = StatisticsBlock.format(stats.snapshot(), ZoneOffset.UTC);

        assertThat(block).startsWith("""
                ============================================================
                Client Statistics (ID: client-mariadb-test-client-xxx)
                ============================================================
                Current Sequence:     450
                Total Writes:         450
                Successful Writes:    448
                Failed Writes:        2
                Connection Errors:    1
                Success Rate:         99.56%
                Last Success:         2025-01-08 10:40:15.123456
                Last Error:           2025-01-08 10:35:21.654321
                Unknown Outcomes:     0 (sent, no answer: may have committed)
                Lost (online check):  0
                Latency p50/p99/max:  1.50ms / 1.50ms / 1.50ms
                ============================================================""");
    }

    @Test
    void neverHappenedIsSaidSo() {
        String block = StatisticsBlock.format(new WriterStats("c").snapshot(), ZoneOffset.UTC);
        assertThat(block).contains("Last Success:         Never\n").contains("Success Rate:         100.00%\n")
                .contains("Latency p50/p99/max:  n/a\n");
    }

    @Test
    void timesArePaddedInTheZoneOfTheRun() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(StatisticsBlock.time(Instant.parse("2026-03-29T00:59:59.999999Z"), berlin))
                .isEqualTo("2026-03-29 01:59:59.999999");
        assertThat(StatisticsBlock.time(Instant.parse("2026-03-29T01:00:00Z"), berlin))
                .isEqualTo("2026-03-29 03:00:00.000000");
        assertThat(StatisticsBlock.time(Instant.parse("0999-01-02T03:04:05.000060Z"), ZoneOffset.UTC))
                .isEqualTo("0999-01-02 03:04:05.000060");
        // The pattern the block used before it appended digits itself, on times of every width.
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
        for (long micros = 1; micros < 4_000_000_000_000_000L; micros = micros * 7 + 3) {
            Instant t = Instant.EPOCH.plusNanos(micros * 1_000);
            assertThat(StatisticsBlock.time(t, berlin)).isEqualTo(pattern.format(t.atZone(berlin)));
        }
    }
}
