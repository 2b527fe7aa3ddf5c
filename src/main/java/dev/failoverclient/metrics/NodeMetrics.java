package dev.failoverclient.metrics;

import dev.failoverclient.history.Observation;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the census sees, as gauges (names in docs/formats.md, "The live endpoint"): per node whether it answers, accepts
 * writes, how far it lags and whether semi-sync protects its commits; and how many nodes accept
 * writes at once, the number an alert on split brain (2 or more) or no primary (0) watches. A value
 * the node did not tell (a replica's lag while it is the primary, a field its privileges hide) is NaN.
 */
public final class NodeMetrics implements Consumer<Observation> {
    private final Gauge up;
    private final Gauge writable;
    private final Gauge lagSeconds;
    private final Gauge lagTransactions;
    private final Gauge semisync;
    private final Gauge writableNodes;
    private final Gauge galeraPrimary;
    private final Gauge galeraSynced;
    private final Gauge galeraClusterSize;
    private final Gauge galeraFlowControl;
    /** Writable per node, as last seen: each census thread updates its own node's entry. */
    private final Map<String, Boolean> writableByNode = new ConcurrentHashMap<>();

    public NodeMetrics(PrometheusRegistry registry) {
        up = Gauge.builder().name("mariadb_failover_node_up")
                .help("1 when the census reached the node at its last poll, 0 when not").labelNames("node")
                .register(registry);
        writable = Gauge.builder().name("mariadb_failover_node_writable")
                .help("1 when the node accepts writes (reachable, read_only OFF)").labelNames("node")
                .register(registry);
        lagSeconds = Gauge.builder().name("mariadb_failover_node_replica_lag_seconds")
                .help("Seconds_Behind_Master of a replica (NaN: not a replica, or not told)").labelNames("node")
                .register(registry);
        lagTransactions = Gauge.builder().name("mariadb_failover_node_replica_lag_transactions")
                .help("Transactions a replica lacks of the primary's binary log, by GTID (NaN: unknown)")
                .labelNames("node").register(registry);
        semisync = Gauge.builder().name("mariadb_failover_node_semisync_master_status")
                .help("Rpl_semi_sync_master_status of a node with semi-sync enabled: 1 ON, 0 OFF (fell back to"
                        + " async); NaN when not enabled or not told").labelNames("node").register(registry);
        writableNodes = Gauge.builder().name("mariadb_failover_writable_nodes")
                .help("Nodes accepting writes at once: 1 healthy, 0 no primary, 2 or more split brain (on Galera:"
                        + " the nodes of the Primary component, all of them when healthy)").register(registry);
        galeraPrimary = Gauge.builder().name("mariadb_failover_node_galera_primary")
                .help("A Galera node: 1 in the Primary component, 0 outside it (it refuses writes); NaN elsewhere")
                .labelNames("node").register(registry);
        galeraSynced = Gauge.builder().name("mariadb_failover_node_galera_synced")
                .help("A Galera node: 1 Synced, 0 a donor, a joiner or not ready; NaN elsewhere").labelNames("node")
                .register(registry);
        galeraClusterSize = Gauge.builder().name("mariadb_failover_node_galera_cluster_size")
                .help("A Galera node: wsrep_cluster_size, the nodes of its component; NaN elsewhere")
                .labelNames("node").register(registry);
        galeraFlowControl = Gauge.builder().name("mariadb_failover_node_galera_flow_control")
                .help("A Galera node: 1 while flow control pauses the cluster's commits; NaN elsewhere")
                .labelNames("node").register(registry);
    }

    /** One poll of one node (called by that node's census thread). */
    @Override
    public void accept(Observation o) {
        String node = o.node();
        up.labelValues(node).set(o.reachable() ? 1 : 0);
        writable.labelValues(node).set(o.writable() ? 1 : 0);
        lagSeconds.labelValues(node).set(orNaN(Boolean.TRUE.equals(o.replicating()) ? o.secondsBehind() : null));
        lagTransactions.labelValues(node).set(orNaN(Boolean.TRUE.equals(o.replicating()) ? o.behindTrx() : null));
        semisync.labelValues(node).set(Boolean.TRUE.equals(o.semisyncEnabled()) && o.semisyncOn() != null
                ? (o.semisyncOn() ? 1 : 0) : Double.NaN);
        Observation.Galera g = o.reachable() ? o.galera() : null;
        galeraPrimary.labelValues(node).set(g == null ? Double.NaN : g.primary() ? 1 : 0);
        galeraSynced.labelValues(node).set(g == null ? Double.NaN : g.synced() && Boolean.TRUE.equals(g.ready()) ? 1 : 0);
        galeraClusterSize.labelValues(node).set(g == null || g.clusterSize() == null ? Double.NaN : g.clusterSize());
        galeraFlowControl.labelValues(node).set(g == null || g.flowControl() == null ? Double.NaN
                : g.flowControl() ? 1 : 0);
        writableByNode.put(node, o.writable());
        writableNodes.set(writableByNode.values().stream().filter(Boolean::booleanValue).count());
    }

    private static double orNaN(Long value) {
        return value == null ? Double.NaN : value;
    }
}
