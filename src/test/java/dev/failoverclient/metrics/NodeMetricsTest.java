package dev.failoverclient.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.history.Observation;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final NodeMetrics metrics = new NodeMetrics(registry);

    private String scrape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Observation primary(String node, boolean semisyncOn) {
        return new Observation(1, node, true, null, 1L, false, true, semisyncOn, semisyncOn ? 1 : 0, null, null, null,
                null, null, "0-1-10", "0-1-10", null, null, null);
    }

    private static Observation replica(String node, long seconds, long trx) {
        return new Observation(1, node, true, null, 2L, true, false, false, 0, true, true, true, seconds, trx,
                "0-1-3", "0-1-3", null, null, null);
    }

    private static Observation unreachable(String node) {
        return new Observation(1, node, false, "connect timed out", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    @Test
    void aHealthyPairShowsOnePrimaryTheReplicasLagAndSemisyncOn() throws Exception {
        metrics.accept(primary("db-0:3306", true));
        metrics.accept(replica("db-1:3306", 4, 7));

        assertThat(scrape()).contains("mariadb_failover_writable_nodes 1.0")
                .contains("mariadb_failover_node_up{node=\"db-0:3306\"} 1.0")
                .contains("mariadb_failover_node_writable{node=\"db-0:3306\"} 1.0")
                .contains("mariadb_failover_node_writable{node=\"db-1:3306\"} 0.0")
                .contains("mariadb_failover_node_replica_lag_seconds{node=\"db-1:3306\"} 4.0")
                .contains("mariadb_failover_node_replica_lag_transactions{node=\"db-1:3306\"} 7.0")
                .contains("mariadb_failover_node_replica_lag_seconds{node=\"db-0:3306\"} NaN")
                .contains("mariadb_failover_node_semisync_master_status{node=\"db-0:3306\"} 1.0")
                .contains("mariadb_failover_node_semisync_master_status{node=\"db-1:3306\"} NaN");
    }

    @Test
    void twoWritableNodesAreASplitBrainAndAFallbackToAsyncShowsAsZero() throws Exception {
        metrics.accept(primary("db-0:3306", true));
        metrics.accept(replica("db-1:3306", 0, 0));
        metrics.accept(primary("db-1:3306", false));

        assertThat(scrape()).contains("mariadb_failover_writable_nodes 2.0")
                .contains("mariadb_failover_node_replica_lag_seconds{node=\"db-1:3306\"} NaN")
                .contains("mariadb_failover_node_semisync_master_status{node=\"db-1:3306\"} 0.0");
    }

    @Test
    void noReachablePrimaryIsZeroWritableNodes() throws Exception {
        metrics.accept(primary("db-0:3306", true));
        metrics.accept(unreachable("db-0:3306"));

        assertThat(scrape()).contains("mariadb_failover_writable_nodes 0.0")
                .contains("mariadb_failover_node_up{node=\"db-0:3306\"} 0.0")
                .contains("mariadb_failover_node_writable{node=\"db-0:3306\"} 0.0")
                .contains("mariadb_failover_node_semisync_master_status{node=\"db-0:3306\"} NaN");
    }
}
