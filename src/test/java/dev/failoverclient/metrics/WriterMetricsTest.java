package dev.failoverclient.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.config.Endpoint;
import dev.failoverclient.conn.ServerIdentity;
import dev.failoverclient.conn.TlsSession;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.workload.WriterListener;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WriterMetricsTest {
    private static final Outcome OK = new Outcome.Ok(7);
    private static final Outcome FAILED = new Outcome.Failed(1290, "HY000", "read-only");
    private static final Outcome UNKNOWN = new Outcome.Unknown(0, "08000", "Socket error");

    private static String scrape(WriterMetrics m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, m.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anOutageIsCountedAndTimedFromTheLastAcknowledgedWriteToTheFirstAfterIt() throws Exception {
        WriterMetrics m = new WriterMetrics(1);
        WriterListener a = m.listener("a");
        WriterListener b = m.listener("b");
        a.connected(new ServerIdentity(new Endpoint("db", 3306), "db-0", 7, "11.4.5", false),
                new TlsSession("TLSv1.3", "TLS_AES_256_GCM_SHA384"));
        assertThat(scrape(m)).contains("mariadb_failover_connection_encrypted{client=\"a\"} 1.0");
        a.attempted(1, 1_000_000, 2_000_000, OK);            // ends at 1.002 s
        a.attempted(2, 2_000_000, 1_000_000, FAILED);
        a.disconnected();
        a.attempted(3, 3_000_000, 5_000_000_000L, UNKNOWN);
        String during = scrape(m);
        assertThat(during).contains("mariadb_failover_outage_in_progress{client=\"a\"} 1.0")
                .contains("mariadb_failover_connected_server_id{client=\"a\"} 0.0")
                .contains("mariadb_failover_connection_encrypted{client=\"a\"} 0.0");
        a.connected(new ServerIdentity(new Endpoint("db", 3306), "db-1", 8, "11.4.5", false), TlsSession.NONE);
        a.attempted(4, 9_000_000, 1_000_000, OK);            // ends at 9.001 s: the outage lasted 7.999 s
        a.lossFound(5);
        a.duplicatesFound(2);
        a.unexpectedFound(1);
        b.attempted(1, 1_000_000, 1_000_000, OK);

        String text = scrape(m);
        assertThat(text)
                .contains("mariadb_failover_writes_total{client=\"a\",outcome=\"ok\"} 2.0")
                .contains("mariadb_failover_writes_total{client=\"a\",outcome=\"failed\"} 1.0")
                .contains("mariadb_failover_writes_total{client=\"a\",outcome=\"unknown\"} 1.0")
                .contains("mariadb_failover_writes_total{client=\"b\",outcome=\"ok\"} 1.0")
                .contains("mariadb_failover_outages_total{client=\"a\"} 1.0")
                .contains("mariadb_failover_outages_total{client=\"b\"} 0.0")
                .contains("mariadb_failover_outage_seconds_sum{client=\"a\"} 7.999")
                .contains("mariadb_failover_outage_seconds_bucket{client=\"a\",le=\"5.0\"} 0")
                .contains("mariadb_failover_outage_seconds_bucket{client=\"a\",le=\"10.0\"} 1")
                .contains("mariadb_failover_outage_in_progress{client=\"a\"} 0.0")
                .contains("mariadb_failover_lost_writes_total{client=\"a\"} 5.0")
                .contains("mariadb_failover_duplicate_writes_total{client=\"a\"} 2.0")
                .contains("mariadb_failover_unexpected_writes_total{client=\"a\"} 1.0")
                .contains("mariadb_failover_longest_outage_seconds{client=\"a\"} 7.999")
                .contains("mariadb_failover_longest_outage_seconds{client=\"b\"} 0.0")
                .contains("mariadb_failover_reconnects_total{client=\"a\"} 1.0")
                .contains("mariadb_failover_last_acknowledged_sequence{client=\"a\"} 4.0")
                .contains("mariadb_failover_connected_server_id{client=\"a\"} 8.0")
                .contains("mariadb_failover_connection_encrypted{client=\"a\"} 0.0")
                .contains("mariadb_failover_write_latency_seconds_count{client=\"a\"} 2")
                .contains("mariadb_failover_write_latency_seconds_sum{client=\"a\"} 0.003");
        // Base units and Prometheus naming: no per-sequence or per-attempt labels.
        assertThat(text.lines().filter(l -> l.startsWith("mariadb_failover_"))
                        .filter(l -> !l.startsWith("mariadb_failover_transaction_rows ")))
                .allMatch(l -> l.matches("mariadb_failover_[a-z_]+\\{client=\"[ab]\"(,(outcome|le|where)=\"[^\"]+\")?} .*"));
    }

    @Test
    void readChecksCountStaleReadsByWhereTheyWereReadAndTimeVisibility() throws Exception {
        WriterMetrics m = new WriterMetrics(10);
        WriterListener a = m.listener("a");
        a.visible(3_000);
        a.visible(40_000);
        a.staleRead("own");
        a.staleRead("read");
        a.staleRead("read");

        assertThat(scrape(m))
                .contains("mariadb_failover_transaction_rows 10.0")
                .contains("mariadb_failover_stale_reads_total{client=\"a\",where=\"own\"} 1.0")
                .contains("mariadb_failover_stale_reads_total{client=\"a\",where=\"read\"} 2.0")
                .contains("mariadb_failover_read_visibility_seconds_count{client=\"a\"} 2")
                .contains("mariadb_failover_read_visibility_seconds_sum{client=\"a\"} 0.043")
                .contains("mariadb_failover_read_visibility_seconds_bucket{client=\"a\",le=\"0.005\"} 1")
                .contains("mariadb_failover_read_visibility_seconds_bucket{client=\"a\",le=\"0.05\"} 2");
    }
}
