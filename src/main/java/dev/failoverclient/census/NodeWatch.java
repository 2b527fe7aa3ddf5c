package dev.failoverclient.census;

import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Endpoint;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.Messages;
import dev.failoverclient.conn.NodeState;
import dev.failoverclient.history.Observation;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/** One node's watcher: polls, keeps its lag histograms, writes what changed and the heartbeats. */
final class NodeWatch implements Runnable {
    private final Endpoint endpoint;
    private final String name;
    private final Connector connector;
    private final long intervalNanos;
    private final Census census;
    private final NodeState.Reader reader;
    private final Histogram seconds = new Histogram(3);
    private final Histogram trx = new Histogram(3);
    private Connector.Session session;
    private Observation written;
    private long writtenAt;
    private long lagWrittenAt;
    private Observation previous;
    private Observation.Lag lastReplicaLag;

    NodeWatch(Endpoint endpoint, ClientConfig config, Duration interval, Census census, Consumer<String> warn) {
        this.endpoint = endpoint;
        this.name = endpoint.toString();
        this.connector = new Connector(config);
        this.intervalNanos = interval.toNanos();
        this.census = census;
        this.reader = new NodeState.Reader(name, warn);
    }

    @Override
    public void run() {
        try {
            long next = System.nanoTime();
            while (!census.stopSignal().requested()) {
                try {
                    record(observe());
                } catch (RuntimeException e) {
                    record(unreachable("census error: " + e));
                }
                next += intervalNanos;
                if (next < System.nanoTime()) {
                    next = System.nanoTime(); // a slow node: poll again at once, then keep the cadence
                }
                census.stopSignal().sleepUntil(next);
            }
        } finally {
            writeLag(census.nowMicros());
            if (session != null) {
                session.close();
            }
        }
    }

    private Observation observe() {
        if (session == null) {
            try {
                session = connector.open(endpoint);
                census.count(1);
            } catch (ConnectException e) {
                return unreachable(e.getMessage());
            }
        }
        NodeState s;
        try {
            s = reader.read(session.connection());
            census.count(s.replicating() == null ? 2 : 3);
        } catch (SQLException e) {
            session.close();
            session = null;
            return unreachable(Messages.errorTuple(e));
        }
        long now = census.nowMicros();
        Long behindTrx = null;
        if (Boolean.TRUE.equals(s.replicating())) {
            Observation primary = census.primaryBesides(name);
            behindTrx = primary == null ? null : behind(primary.gtidBinlogPos(), s.gtidCurrentPos());
        }
        Observation.Lag promotion = null;
        boolean writable = !s.readOnly();
        if (writable && previous != null && previous.reachable() && !previous.writable() && lastReplicaLag != null) {
            promotion = lastReplicaLag;
        }
        return new Observation(now, name, true, null, s.serverId(), s.readOnly(), s.semisyncEnabled(), s.semisyncOn(),
                s.semisyncClients(), s.replicating(), s.ioRunning(), s.sqlRunning(), s.secondsBehind(), behindTrx,
                s.gtidBinlogPos(), s.gtidCurrentPos(), s.gtidBinlogState(), s.replicaError(), promotion,
                galera(s.wsrep()));
    }

    private static Observation.Galera galera(Map<String, String> wsrep) {
        if (wsrep == null) {
            return null;
        }
        Long size = number(wsrep.get("cluster_size"));
        String flow = wsrep.get("flow_control_active");
        String ready = wsrep.get("ready");
        return new Observation.Galera(wsrep.get("cluster_status"), wsrep.get("local_state_comment"),
                size == null ? null : size.intValue(), ready == null ? null : ready.equalsIgnoreCase("ON"),
                flow == null ? null : flow.equalsIgnoreCase("true") || flow.equalsIgnoreCase("ON"),
                number(wsrep.get("cluster_conf_id")));
    }

    /** A status number; {@code null} when absent or none (outside the Primary component the conf id is 2^64-1). */
    private static Long number(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Observation unreachable(String why) {
        return new Observation(census.nowMicros(), name, false, why, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    private void record(Observation o) {
        census.seen(o);
        if (Boolean.TRUE.equals(o.replicating())) {
            // Keep what was last known of each: a replica whose IO thread stopped reports no seconds.
            Observation.Lag known = lastReplicaLag == null ? new Observation.Lag(null, null) : lastReplicaLag;
            lastReplicaLag = new Observation.Lag(o.secondsBehind() != null ? o.secondsBehind() : known.seconds(),
                    o.behindTrx() != null ? o.behindTrx() : known.trx());
            if (o.secondsBehind() != null) {
                seconds.recordValue(o.secondsBehind());
            }
            if (o.behindTrx() != null) {
                trx.recordValue(o.behindTrx());
            }
        } else if (o.writable()) {
            lastReplicaLag = null;
        }
        long now = o.micros();
        // A writable node is written again once another became writable: only a record of each taken
        // after the other turned writable proves that both were (see verify/CensusCheck.java).
        if (!o.sameStateAs(written) || now - writtenAt >= Census.HEARTBEAT.toNanos() / 1_000
                || o.lagBeforePromotion() != null || o.writable() && census.anotherWritableSince(name, writtenAt)) {
            census.log().observed(o);
            written = o;
            writtenAt = now;
        }
        if (now - lagWrittenAt >= Census.HEARTBEAT.toNanos() / 1_000) {
            writeLag(now);
        }
        previous = o;
    }

    private void writeLag(long now) {
        if (seconds.getTotalCount() > 0 || trx.getTotalCount() > 0) {
            census.log().lag(now, name, seconds, trx);
            seconds.reset();
            trx.reset();
        }
        lagWrittenAt = now;
    }

    /** How many transactions {@code replica} lacks of {@code primary}'s, domain by domain (the most of any). */
    static Long behind(String primary, String replica) {
        if (primary == null || replica == null) {
            return null;
        }
        Map<String, Long> have = positions(replica);
        long most = 0;
        for (Map.Entry<String, Long> e : positions(primary).entrySet()) {
            most = Math.max(most, e.getValue() - have.getOrDefault(e.getKey(), 0L));
        }
        return most;
    }

    /** Sequence number per domain of a GTID position such as {@code 0-1-55,1-2-7}. */
    private static Map<String, Long> positions(String gtids) {
        Map<String, Long> byDomain = new HashMap<>();
        for (String g : gtids.split(",")) {
            String[] p = g.trim().split("-");
            if (p.length == 3) {
                byDomain.merge(p[0], Long.parseLong(p[2]), Math::max);
            }
        }
        return byDomain;
    }
}
