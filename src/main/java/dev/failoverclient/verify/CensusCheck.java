package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import dev.failoverclient.history.Observation;
import dev.failoverclient.ledger.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * Turns the census's observations, in time order, into windows: two or more writable nodes (split
 * brain, with the servers that acknowledged writes meanwhile; on Galera only nodes of different
 * components), none (no primary), a writable node whose semi-sync had fallen back to async, a node
 * out of reach, and on Galera a node outside the Primary component, one not Synced, a component
 * smaller than the cluster, flow control; plus lag statistics. Until every
 * node has been seen once nothing is judged, so a starting census opens no window.
 */
final class CensusCheck implements Check {
    private List<String> nodes = List.of();
    private long intervalMicros;
    private final Map<String, Observation> state = new HashMap<>();
    /** When each node now writable was first recorded so. */
    private final Map<String, Long> writableSince = new HashMap<>();
    /** Servers that acknowledged writes while two nodes were recorded writable, not yet proven at once. */
    private final TreeSet<Long> unprovenAcknowledgedBy = new TreeSet<>();
    private final Map<String, Histogram[]> lag = new LinkedHashMap<>();
    private final List<CensusReport.Promotion> promotions = new ArrayList<>();
    private final Open splitBrain = new Open();
    private final Open noPrimary = new Open();
    private final Open semisyncOff = new Open();
    private final Map<String, Open> unreachable = new LinkedHashMap<>();
    /** Per replica whose IO thread is stopped on an error: since when, and the error. */
    private final Map<String, CensusReport.ReplicationStopped> stoppedSince = new LinkedHashMap<>();
    private final List<CensusReport.ReplicationStopped> replicationStopped = new ArrayList<>();
    private final List<CensusReport.Window> unreachableWindows = new ArrayList<>();
    private final Open nonPrimary = new Open();
    private final Open notSynced = new Open();
    private final Open smallComponent = new Open();
    private final Open flowControl = new Open();
    private boolean galeraSeen;
    private long stoppedMicros = -1;

    /** A window being watched: open while its condition holds. */
    private static final class Open {
        final List<CensusReport.Window> closed = new ArrayList<>();
        long start = -1;
        final TreeSet<String> nodes = new TreeSet<>();
        final TreeSet<Long> acknowledgedBy = new TreeSet<>();
        boolean incomplete;

        void hold(boolean condition, long micros, List<String> concerned, boolean unsure) {
            hold(condition, micros, micros, concerned, unsure);
        }

        /** @param since when the condition began, if it is known only now */
        void hold(boolean condition, long micros, long since, List<String> concerned, boolean unsure) {
            if (condition) {
                if (start < 0) {
                    start = since;
                }
                nodes.addAll(concerned);
                incomplete |= unsure;
            } else {
                close(micros);
            }
        }

        void close(long micros) {
            if (start >= 0) {
                closed.add(new CensusReport.Window(start, micros, List.copyOf(nodes), List.copyOf(acknowledgedBy),
                        incomplete));
                start = -1;
                nodes.clear();
                acknowledgedBy.clear();
                incomplete = false;
            }
        }
    }

    @Override
    public void accept(Entry e) {
        if (e instanceof Entry.CensusStarted s) {
            nodes = s.nodes();
            intervalMicros = s.intervalMicros();
        } else if (e instanceof Observation o) {
            observed(o);
        } else if (e instanceof Entry.LagObserved l) {
            Histogram[] h = lag.computeIfAbsent(l.node(), k -> new Histogram[] {new Histogram(3), new Histogram(3)});
            h[0].add(l.seconds());
            h[1].add(l.trx());
        } else if (e instanceof Entry.CensusStopped s) {
            stoppedMicros = s.micros();
        } else if (e instanceof Entry.Attempted a && a.attempt().ok() && writableSince.size() > 1) {
            long server = ((Outcome.Ok) a.attempt().outcome()).serverId();
            (splitBrain.start >= 0 ? splitBrain.acknowledgedBy : unprovenAcknowledgedBy).add(server);
        }
    }

    private void observed(Observation o) {
        Observation before = state.put(o.node(), o);
        boolean broken = o.reachable() && Boolean.TRUE.equals(o.replicating()) && Boolean.FALSE.equals(o.ioRunning())
                && o.replicaError() != null && !o.replicaError().isEmpty();
        CensusReport.ReplicationStopped since = stoppedSince.get(o.node());
        if (broken && since == null) {
            stoppedSince.put(o.node(), new CensusReport.ReplicationStopped(o.node(), o.micros(), -1, o.replicaError()));
        } else if (!broken && since != null && o.reachable()) {
            replicationStopped.add(new CensusReport.ReplicationStopped(o.node(), since.startMicros(), o.micros(),
                    since.error()));
            stoppedSince.remove(o.node());
        }
        if (o.writable()) {
            writableSince.putIfAbsent(o.node(), o.micros());
        } else {
            writableSince.remove(o.node());
        }
        // Every node of a Galera Primary component is writable: a node joining it is no promotion.
        boolean replica = o.galera() == null;
        if (replica && o.lagBeforePromotion() != null) {
            promotions.add(new CensusReport.Promotion(o.node(), o.micros(), o.lagBeforePromotion().seconds(),
                    o.lagBeforePromotion().trx()));
        } else if (replica && o.writable() && before != null && before.reachable() && !before.writable()) {
            promotions.add(new CensusReport.Promotion(o.node(), o.micros(), null, null));
        }
        if (!state.keySet().containsAll(nodes)) {
            return;
        }
        long t = o.micros();
        List<String> writable = new ArrayList<>();
        List<String> off = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        List<String> unsynced = new ArrayList<>();
        List<String> small = new ArrayList<>();
        List<String> paused = new ArrayList<>();
        boolean someUnreachable = false;
        for (String n : nodes) {
            Observation s = state.get(n);
            someUnreachable |= !s.reachable();
            Observation.Galera g = s.reachable() ? s.galera() : null;
            if (g != null) {
                galeraSeen = true;
                if (!g.primary()) {
                    outside.add(n);
                } else if (g.clusterSize() != null && g.clusterSize() < nodes.size()) {
                    small.add(n);
                }
                if (!g.synced()) {
                    unsynced.add(n);
                }
                if (Boolean.TRUE.equals(g.flowControl())) {
                    paused.add(n);
                }
            }
            if (s.writable()) {
                writable.add(n);
                if (Boolean.TRUE.equals(s.semisyncEnabled()) && Boolean.FALSE.equals(s.semisyncOn())) {
                    off.add(n);
                }
            }
            unreachable.computeIfAbsent(n, k -> new Open()).hold(!s.reachable(), t, List.of(n), false);
        }
        splitBrain(t, someUnreachable);
        noPrimary.hold(writable.isEmpty(), t, List.of(), someUnreachable);
        semisyncOff.hold(!off.isEmpty(), t, off, false);
        nonPrimary.hold(!outside.isEmpty(), t, outside, someUnreachable);
        notSynced.hold(!unsynced.isEmpty(), t, unsynced, someUnreachable);
        smallComponent.hold(!small.isEmpty(), t, small, someUnreachable);
        flowControl.hold(!paused.isEmpty(), t, paused, someUnreachable);
    }

    /**
     * Two nodes were writable at once only if each was recorded writable after the other became so: the
     * last record of a primary killed a moment ago still says writable until its next poll, and a
     * promoted replica seen first is no split brain. The census writes a writable node again when
     * another turns writable (census/NodeWatch.java), so a real one is proven within a poll and dated
     * from when the later node turned writable.
     */
    private void splitBrain(long t, boolean someUnreachable) {
        TreeSet<String> proven = new TreeSet<>();
        long since = Long.MAX_VALUE;
        List<String> writable = new ArrayList<>(writableSince.keySet());
        for (int i = 0; i < writable.size(); i++) {
            for (int j = i + 1; j < writable.size(); j++) {
                String a = writable.get(i);
                String b = writable.get(j);
                long from = Math.max(writableSince.get(a), writableSince.get(b));
                if (from <= Math.min(state.get(a).micros(), state.get(b).micros()) && !sameComponent(a, b)) {
                    proven.add(a);
                    proven.add(b);
                    since = Math.min(since, from);
                }
            }
        }
        boolean opens = splitBrain.start < 0 && !proven.isEmpty();
        splitBrain.hold(!proven.isEmpty(), t, since, List.copyOf(proven), someUnreachable);
        if (opens) {
            splitBrain.acknowledgedBy.addAll(unprovenAcknowledgedBy);
        }
        if (writableSince.size() < 2) {
            unprovenAcknowledgedBy.clear();
        }
    }

    /**
     * Two Galera nodes of one Primary component are meant to take writes at once: no split brain. Two
     * components cannot hold more nodes together than the cluster has; one component's nodes, each
     * counting all of them, can (its size changes as nodes join, and the census sees each node at its
     * own moment, so the sizes recorded for one component may differ for a poll).
     */
    private boolean sameComponent(String a, String b) {
        Observation.Galera x = state.get(a).galera();
        Observation.Galera y = state.get(b).galera();
        return x != null && y != null && x.clusterSize() != null && y.clusterSize() != null
                && x.clusterSize() + y.clusterSize() > nodes.size();
    }

    /** Nothing without a census; windows still open end at its stop mark, else at the run's end. */
    @Override
    public CensusReport finish(long runEndMicros) {
        if (nodes.isEmpty()) {
            return null;
        }
        long end = stoppedMicros >= 0 ? stoppedMicros : runEndMicros;
        splitBrain.close(end);
        noPrimary.close(end);
        semisyncOff.close(end);
        for (Open u : unreachable.values()) {
            u.close(end);
            unreachableWindows.addAll(u.closed);
        }
        Map<String, CensusReport.Lag> lags = new LinkedHashMap<>();
        lag.forEach((node, h) -> lags.put(node, new CensusReport.Lag(Math.max(h[0].getTotalCount(), h[1].getTotalCount()),
                max(h[0]), p99(h[0]), max(h[1]), p99(h[1]))));
        CensusReport.Galera galera = null;
        if (galeraSeen) {
            nonPrimary.close(end);
            notSynced.close(end);
            smallComponent.close(end);
            flowControl.close(end);
            galera = new CensusReport.Galera(nonPrimary.closed, notSynced.closed, smallComponent.closed,
                    flowControl.closed);
        }
        stoppedSince.values().forEach(r -> replicationStopped.add(new CensusReport.ReplicationStopped(r.node(),
                r.startMicros(), end, r.error())));
        return new CensusReport(nodes, intervalMicros, splitBrain.closed, noPrimary.closed, semisyncOff.closed,
                unreachableWindows, lags, promotions, replicationStopped, galera);
    }

    private static Long max(Histogram h) {
        return h.getTotalCount() == 0 ? null : h.getMaxValue();
    }

    private static Long p99(Histogram h) {
        return h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99);
    }
}
