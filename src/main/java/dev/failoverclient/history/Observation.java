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
 */
public record Observation(long micros, String node, boolean reachable, String error, Long serverId, Boolean readOnly,
                          Boolean semisyncEnabled, Boolean semisyncOn, Integer semisyncClients, Boolean replicating,
                          Boolean ioRunning, Boolean sqlRunning, Long secondsBehind, Long behindTrx,
                          String gtidBinlogPos, String gtidCurrentPos, String gtidBinlogState, String replicaError,
                          Lag lagBeforePromotion) implements Entry {

    /** A replica's lag: seconds behind ({@code null}: unknown) and transactions behind ({@code null}: unknown). */
    public record Lag(Long seconds, Long trx) {
    }

    /** Accepts writes from a user without SUPER. */
    public boolean writable() {
        return reachable && Boolean.FALSE.equals(readOnly);
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
                && java.util.Objects.equals(error, o.error);
    }
}
