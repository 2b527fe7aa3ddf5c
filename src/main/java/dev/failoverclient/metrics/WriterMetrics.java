package dev.failoverclient.metrics;

import dev.failoverclient.conn.ServerIdentity;
import dev.failoverclient.conn.TlsSession;
import dev.failoverclient.ledger.Outage;
import dev.failoverclient.ledger.OutageRule;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.workload.WriterListener;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The writers' Prometheus metrics (names in docs/formats.md, "The live endpoint"; dashboards rely on them). Each writer
 * gets a {@link WriterListener} whose data points are bound to its client id once, so the write
 * loop only adds to counters: no label lookup, no lock, no allocation per write.
 */
public final class WriterMetrics {
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10, 30};
    private static final double[] VISIBILITY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
        2.5, 5, 10, 30};
    private static final double[] OUTAGE_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter writes;
    private final Histogram latency;
    private final Counter outages;
    private final Histogram outageSeconds;
    private final Gauge outageInProgress;
    private final Counter lost;
    private final Counter reconnects;
    private final Gauge lastAcknowledged;
    private final Gauge serverId;
    private final Gauge encrypted;
    private final Counter staleReads;
    private final Histogram visibility;
    private final Counter duplicates;
    private final Counter unexpected;
    private final Gauge longestOutage;

    /** @param transactionRows rows per attempt ({@code --transaction-rows}): an attempt is one transaction */
    public WriterMetrics(int transactionRows) {
        writes = Counter.builder().name("mariadb_failover_writes_total")
                .help("Write attempts by outcome: ok (acknowledged), failed (certainly not committed), unknown (sent,"
                        + " no answer); with --transaction-rows each attempt is one transaction of"
                        + " mariadb_failover_transaction_rows rows").labelNames("client", "outcome").register(registry);
        Gauge.builder().name("mariadb_failover_transaction_rows")
                .help("Rows per write attempt, committed as one transaction (--transaction-rows; 1: autocommit)")
                .register(registry).set(transactionRows);
        latency = Histogram.builder().name("mariadb_failover_write_latency_seconds")
                .help("Latency of acknowledged writes").labelNames("client").classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS).register(registry);
        outages = Counter.builder().name("mariadb_failover_outages_total")
                .help("Outages that ended: runs of refused or unanswered writes between two acknowledged ones")
                .labelNames("client").register(registry);
        outageSeconds = Histogram.builder().name("mariadb_failover_outage_seconds")
                .help("Duration of ended outages, from the last acknowledged write before to the first after")
                .labelNames("client").classicOnly().classicUpperBounds(OUTAGE_BUCKETS).register(registry);
        outageInProgress = Gauge.builder().name("mariadb_failover_outage_in_progress")
                .help("1 while the client cannot write, 0 while it writes").labelNames("client").register(registry);
        lost = Counter.builder().name("mariadb_failover_lost_writes_total")
                .help("Acknowledged writes the online check found missing after a reconnect").labelNames("client")
                .register(registry);
        reconnects = Counter.builder().name("mariadb_failover_reconnects_total")
                .help("Connections opened after the first one").labelNames("client").register(registry);
        lastAcknowledged = Gauge.builder().name("mariadb_failover_last_acknowledged_sequence")
                .help("Sequence of the client's last acknowledged write").labelNames("client").register(registry);
        serverId = Gauge.builder().name("mariadb_failover_connected_server_id")
                .help("@@server_id of the server the client writes to (0 while disconnected)").labelNames("client")
                .register(registry);
        encrypted = Gauge.builder().name("mariadb_failover_connection_encrypted")
                .help("1 while the client's connection is encrypted (TLS), 0 on a plain one or while disconnected")
                .labelNames("client").register(registry);
        staleReads = Counter.builder().name("mariadb_failover_stale_reads_total")
                .help("Acknowledged writes a read did not show: on the writer's own connection (where=own) or on the"
                        + " read endpoint after the read-check timeout (where=read)").labelNames("client", "where")
                .register(registry);
        duplicates = Counter.builder().name("mariadb_failover_duplicate_writes_total")
                .help("Sequences the online check found stored twice after a reconnect (the verdict recounts them)")
                .labelNames("client").register(registry);
        unexpected = Counter.builder().name("mariadb_failover_unexpected_writes_total")
                .help("Refused (FAILED) writes the online check found stored after a reconnect (the verdict recounts"
                        + " them)").labelNames("client").register(registry);
        longestOutage = Gauge.builder().name("mariadb_failover_longest_outage_seconds")
                .help("The longest outage that ended so far").labelNames("client").register(registry);
        visibility = Histogram.builder().name("mariadb_failover_read_visibility_seconds")
                .help("Time from a write's acknowledgement until the read endpoint showed it (--read-check)")
                .labelNames("client").classicOnly().classicUpperBounds(VISIBILITY_BUCKETS).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The listener of one writer, its data points bound to {@code clientId}. */
    public WriterListener listener(String clientId) {
        return new Client(clientId);
    }

    /** One writer's data points and the outage it may be in (the analysis's rule, {@link OutageRule}). */
    private final class Client implements WriterListener {
        private final CounterDataPoint ok;
        private final CounterDataPoint failed;
        private final CounterDataPoint unknown;
        private final DistributionDataPoint latencySeconds;
        private final CounterDataPoint outageCount;
        private final DistributionDataPoint outageDuration;
        private final GaugeDataPoint inOutage;
        private final CounterDataPoint lostWrites;
        private final CounterDataPoint reconnected;
        private final GaugeDataPoint acknowledged;
        private final GaugeDataPoint server;
        private final GaugeDataPoint tls;
        private final CounterDataPoint staleOwn;
        private final CounterDataPoint staleRead;
        private final DistributionDataPoint visibleAfter;
        private final CounterDataPoint duplicateWrites;
        private final CounterDataPoint unexpectedWrites;
        private final GaugeDataPoint longest;
        private double longestSeconds;
        private final OutageRule outage;
        private boolean connectedBefore;

        Client(String id) {
            ok = writes.labelValues(id, "ok");
            failed = writes.labelValues(id, "failed");
            unknown = writes.labelValues(id, "unknown");
            latencySeconds = latency.labelValues(id);
            outageCount = outages.labelValues(id);
            outageDuration = outageSeconds.labelValues(id);
            inOutage = outageInProgress.labelValues(id);
            lostWrites = lost.labelValues(id);
            reconnected = reconnects.labelValues(id);
            acknowledged = lastAcknowledged.labelValues(id);
            server = serverId.labelValues(id);
            tls = encrypted.labelValues(id);
            staleOwn = staleReads.labelValues(id, "own");
            staleRead = staleReads.labelValues(id, "read");
            visibleAfter = visibility.labelValues(id);
            duplicateWrites = duplicates.labelValues(id);
            unexpectedWrites = unexpected.labelValues(id);
            longest = longestOutage.labelValues(id);
            outage = new OutageRule(id);
            longest.set(0);
            inOutage.set(0);
            server.set(0);
            tls.set(0);
        }

        @Override
        public void connected(ServerIdentity identity, TlsSession session) {
            if (connectedBefore) {
                reconnected.inc();
            }
            connectedBefore = true;
            server.set(identity.serverId());
            tls.set(session.encrypted() ? 1 : 0);
        }

        @Override
        public void disconnected() {
            server.set(0);
            tls.set(0);
        }

        @Override
        public void attempted(long sequence, long startMicros, long latencyNanos, Outcome outcome) {
            long endMicros = startMicros + latencyNanos / 1_000;
            if (outcome instanceof Outcome.Ok) {
                ok.inc();
                latencySeconds.observe(latencyNanos / 1e9);
                acknowledged.set(sequence);
                Outage ended = outage.ok(endMicros);
                if (ended != null) {
                    double seconds = (ended.endMicros() - ended.startMicros()) / 1e6;
                    outageCount.inc();
                    outageDuration.observe(seconds);
                    inOutage.set(0);
                    if (seconds > longestSeconds) {
                        longestSeconds = seconds;
                        longest.set(seconds);
                    }
                }
                return;
            }
            if (outcome instanceof Outcome.Failed) {
                failed.inc();
            } else {
                unknown.inc();
            }
            if (outage.notOk(startMicros, endMicros)) {
                inOutage.set(1);
            }
        }

        @Override
        public void lossFound(int count) {
            lostWrites.inc(count);
        }

        @Override
        public void duplicatesFound(int count) {
            duplicateWrites.inc(count);
        }

        @Override
        public void unexpectedFound(int count) {
            unexpectedWrites.inc(count);
        }

        @Override
        public void visible(long delayMicros) {
            visibleAfter.observe(delayMicros / 1e6);
        }

        @Override
        public void staleRead(String where) {
            ("own".equals(where) ? staleOwn : staleRead).inc();
        }
    }
}
