package dev.failoverclient.verify;

import java.util.List;
import java.util.Map;

/**
 * What the census saw of the whole cluster: windows with two writable nodes (split brain), with
 * none (no primary), with a primary whose semi-sync had fallen back to async, nodes it could not
 * reach, each replica's lag and each promotion's. Times are epoch µs; a window still open when the
 * census stopped ends there.
 *
 * @param intervalMicros how often every node was polled
 */
public record CensusReport(List<String> nodes, long intervalMicros, List<Window> splitBrain, List<Window> noPrimary,
                           List<Window> semisyncOff, List<Window> unreachable, Map<String, Lag> replicaLag,
                           List<Promotion> promotions, List<ReplicationStopped> replicationStopped, Galera galera)
        implements Finding {

    /** Without Galera nodes or replication errors. */
    public CensusReport(List<String> nodes, long intervalMicros, List<Window> splitBrain, List<Window> noPrimary,
                        List<Window> semisyncOff, List<Window> unreachable, Map<String, Lag> replicaLag,
                        List<Promotion> promotions) {
        this(nodes, intervalMicros, splitBrain, noPrimary, semisyncOff, unreachable, replicaLag, promotions, List.of(),
                null);
    }

    /**
     * A replica whose IO thread stopped on an error, from when the census saw it until it ran again (or
     * the census stopped): error 1236 is the replica that asks for transactions its new primary's
     * binary log does not hold, and cannot catch up without a rebuild.
     */
    public record ReplicationStopped(String node, long startMicros, long endMicros, String error) {
        public long durationMillis() {
            return (endMicros - startMicros) / 1_000;
        }
    }

    /**
     * What the census saw of Galera nodes: windows with a reachable node outside the Primary component
     * (it refuses writes), a node not Synced (a donor, a joiner), a Primary component smaller than the
     * cluster, and flow control pausing every commit.
     */
    public record Galera(List<Window> nonPrimary, List<Window> notSynced, List<Window> smallComponent,
                         List<Window> flowControl) {
        public Galera {
            nonPrimary = List.copyOf(nonPrimary);
            notSynced = List.copyOf(notSynced);
            smallComponent = List.copyOf(smallComponent);
            flowControl = List.copyOf(flowControl);
        }
    }

    public CensusReport {
        nodes = List.copyOf(nodes);
        splitBrain = List.copyOf(splitBrain);
        noPrimary = List.copyOf(noPrimary);
        semisyncOff = List.copyOf(semisyncOff);
        unreachable = List.copyOf(unreachable);
        replicaLag = Map.copyOf(replicaLag);
        promotions = List.copyOf(promotions);
        replicationStopped = List.copyOf(replicationStopped);
    }

    /**
     * One window.
     *
     * @param nodes          the nodes it concerns (the writable ones, the unreachable one …)
     * @param acknowledgedBy for a split brain, the server ids that acknowledged writes during it
     * @param incomplete     a node could not be reached during it, so the window may be wrong
     */
    public record Window(long startMicros, long endMicros, List<String> nodes, List<Long> acknowledgedBy,
                         boolean incomplete) {
        public Window {
            nodes = List.copyOf(nodes);
            acknowledgedBy = List.copyOf(acknowledgedBy);
        }

        public long durationMillis() {
            return (endMicros - startMicros) / 1_000;
        }

        /** Acknowledged writes landed on more than one node while both took writes. */
        public boolean diverged() {
            return acknowledgedBy.size() > 1;
        }
    }

    /** A replica's lag over the run: seconds behind and GTID transactions behind the primary. */
    public record Lag(long samples, Long secondsMax, Long secondsP99, Long trxMax, Long trxP99) {
    }

    /** A node that became writable, and how far behind it was when last seen replicating. */
    public record Promotion(String node, long micros, Long lagSeconds, Long lagTrx) {
    }

    /** Split-brain windows in which acknowledged writes landed on two nodes fail the run. */
    @Override
    public List<Reason> reasons() {
        long diverged = divergedSplitBrains();
        return diverged == 0 ? List.of() : List.of(Reason.fails("split_brain", "split brain", diverged));
    }

    /** Split-brain windows in which acknowledged writes landed on more than one node. */
    public long divergedSplitBrains() {
        return splitBrain.stream().filter(Window::diverged).count();
    }
}
