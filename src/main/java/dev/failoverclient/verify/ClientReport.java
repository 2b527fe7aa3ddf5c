package dev.failoverclient.verify;

import java.util.List;

/**
 * Verification of one client against the primary (and optionally other nodes). Sequence lists are
 * ascending.
 *
 * @param lost       acknowledged (OK) but absent on the primary: data loss
 * @param duplicates stored more than once on the primary
 * @param unexpected FAILED (or never attempted) but present on the primary
 * @param replicas   differences of each other node against the ledger and the primary
 */
public record ClientReport(
        String clientId,
        long attempted,
        long ok,
        long failed,
        long unknown,
        long unknownCommitted,
        long unknownNotCommitted,
        List<Long> lost,
        List<Long> duplicates,
        List<Long> unexpected,
        List<Outage> outages,
        List<ReplicaFinding> replicas) {

    public ClientReport {
        lost = List.copyOf(lost);
        duplicates = List.copyOf(duplicates);
        unexpected = List.copyOf(unexpected);
        outages = List.copyOf(outages);
        replicas = List.copyOf(replicas);
    }

    /** No lost, duplicate or unexpected write on the primary. */
    public boolean clean() {
        return lost.isEmpty() && duplicates.isEmpty() && unexpected.isEmpty();
    }

    /**
     * How another node differs.
     *
     * @param missing    acknowledged writes the node lacks (not yet replicated, or diverged)
     * @param errant     rows the node holds that the primary lacks (e.g. a demoted primary's extra transactions)
     * @param duplicates stored more than once on the node
     */
    public record ReplicaFinding(String node, long rows, List<Long> missing, List<Long> errant, List<Long> duplicates) {
        public ReplicaFinding {
            missing = List.copyOf(missing);
            errant = List.copyOf(errant);
            duplicates = List.copyOf(duplicates);
        }

        public boolean clean() {
            return missing.isEmpty() && errant.isEmpty() && duplicates.isEmpty();
        }
    }
}
