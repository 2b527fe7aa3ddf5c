package dev.failoverclient.history;

/**
 * What the census saw on one node at one moment ({@code census.jsonl}, a {@code node} line): written
 * when anything but the positions changed, and as a heartbeat. Boxed fields are {@code null} when
 * the node did not tell (not reachable, not a replica, or a privilege missing).
 *
 * @param node               the node as the census names it ({@code host:port})
 * @param error              why it was not reachable ({@code null} when it was)
 * @param behindTrx          GTID sequence distance behind the primary's binary log, when there was one primary
 * @param lagBeforePromotion for a node that just became writable, its lag when last seen replicating
 * @param galera             a Galera node's state ({@code null}: no Galera node, or not reachable)
 */
public record Observation(long micros, String node, boolean reachable, String error, Long serverId, Boolean readOnly,
                          Boolean semisyncEnabled, Boolean semisyncOn, Integer semisyncClients, Boolean replicating,
                          Boolean ioRunning, Boolean sqlRunning, Long secondsBehind, Long behindTrx,
                          String gtidBinlogPos, String gtidCurrentPos, String gtidBinlogState, String replicaError,
                          Lag lagBeforePromotion, Galera galera) implements Entry {

    /** A node that is no Galera node. */
    public Observation(long micros, String node, boolean reachable, String error, Long serverId, Boolean readOnly,
                       Boolean semisyncEnabled, Boolean semisyncOn, Integer semisyncClients, Boolean replicating,
                       Boolean ioRunning, Boolean sqlRunning, Long secondsBehind, Long behindTrx, String gtidBinlogPos,
                       String gtidCurrentPos, String gtidBinlogState, String replicaError, Lag lagBeforePromotion) {
        this(micros, node, reachable, error, serverId, readOnly, semisyncEnabled, semisyncOn, semisyncClients,
                replicating, ioRunning, sqlRunning, secondsBehind, behindTrx, gtidBinlogPos, gtidCurrentPos,
                gtidBinlogState, replicaError, lagBeforePromotion, null);
    }

    /**
     * What a Galera node says of itself ({@code SHOW STATUS LIKE 'wsrep%'}); a field it did not tell is
     * {@code null}.
     *
     * @param clusterStatus {@code wsrep_cluster_status}: {@code Primary}, or {@code non-Primary} when the node
     *                      is cut off from the majority (it refuses writes with 1047)
     * @param localState    {@code wsrep_local_state_comment}: {@code Synced}, {@code Donor/Desynced},
     *                      {@code Joining}, {@code Joined}, {@code Initialized}
     * @param clusterSize   {@code wsrep_cluster_size}: the nodes of its component
     * @param ready         {@code wsrep_ready}: it accepts queries
     * @param flowControl   {@code wsrep_flow_control_active}: replication paused every node's commits
     * @param confId        {@code wsrep_cluster_conf_id}: the same for every node of one component
     */
    public record Galera(String clusterStatus, String localState, Integer clusterSize, Boolean ready,
                         Boolean flowControl, Long confId) {
        public boolean primary() {
            return "Primary".equals(clusterStatus);
        }

        public boolean synced() {
            return "Synced".equals(localState);
        }
    }

    /** A replica's lag: seconds behind ({@code null}: unknown) and transactions behind ({@code null}: unknown). */
    public record Lag(Long seconds, Long trx) {
    }

    /** Accepts writes from a user without SUPER (on Galera: ready, in the Primary component). */
    public boolean writable() {
        return reachable && Boolean.FALSE.equals(readOnly)
                && (galera == null || Boolean.TRUE.equals(galera.ready()) && galera.primary());
    }

    /** The same state, ignoring what moves with every write (positions, lag) and the time. */
    public boolean sameStateAs(Observation o) {
        return o != null && reachable == o.reachable && java.util.Objects.equals(serverId, o.serverId)
                && java.util.Objects.equals(readOnly, o.readOnly)
                && java.util.Objects.equals(semisyncEnabled, o.semisyncEnabled)
                && java.util.Objects.equals(semisyncOn, o.semisyncOn)
                && java.util.Objects.equals(semisyncClients, o.semisyncClients)
                && java.util.Objects.equals(replicating, o.replicating)
                && java.util.Objects.equals(ioRunning, o.ioRunning)
                && java.util.Objects.equals(sqlRunning, o.sqlRunning)
                && java.util.Objects.equals(replicaError, o.replicaError)
                && java.util.Objects.equals(error, o.error)
                && java.util.Objects.equals(galera, o.galera);
    }
}
