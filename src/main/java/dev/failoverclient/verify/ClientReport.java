package dev.failoverclient.verify;

import dev.failoverclient.ledger.Outage;
import dev.failoverclient.ledger.SequenceRanges;
import dev.failoverclient.ledger.Sequences;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Verification of one client against the primary (and optionally other nodes).
 *
 * @param lost       acknowledged (OK) but absent on the primary: data loss
 * @param duplicates stored more than once on the primary
 * @param unexpected FAILED (or never attempted) but present on the primary
 * @param onlineLost acknowledged writes the online check found missing during the run
 * @param replicas    differences of each other node against the ledger and the primary
 * @param cycleStarts in a lab run, the first sequence attempted after each cycle's fault, by cycle
 * @param lostWhere   the LOST sequences grouped by the other nodes that hold them
 * @param partial     rows of the transactions stored in part on the primary (all their rows)
 * @param partialTransactions how many transactions were stored in part
 * @param rowsPerAttempt      rows of each attempt: 1, or the transaction's rows ({@code --transaction-rows})
 */
public record ClientReport(
        String clientId,
        long attempted,
        long ok,
        long failed,
        long unknown,
        long unknownCommitted,
        Sequences lost,
        Sequences duplicates,
        Sequences unexpected,
        Sequences onlineLost,
        List<Outage> outages,
        List<ReplicaFinding> replicas,
        SortedMap<Integer, Long> cycleStarts,
        List<Located> lostWhere,
        Sequences partial,
        long partialTransactions,
        int rowsPerAttempt) {

    /** A report of single-row attempts. */
    public ClientReport(String clientId, long attempted, long ok, long failed, long unknown, long unknownCommitted,
                        Sequences lost, Sequences duplicates, Sequences unexpected, Sequences onlineLost,
                        List<Outage> outages, List<ReplicaFinding> replicas, SortedMap<Integer, Long> cycleStarts,
                        List<Located> lostWhere) {
        this(clientId, attempted, ok, failed, unknown, unknownCommitted, lost, duplicates, unexpected, onlineLost,
                outages, replicas, cycleStarts, lostWhere, new Sequences(), 0, 1);
    }

    public ClientReport {
        outages = List.copyOf(outages);
        replicas = List.copyOf(replicas);
        cycleStarts = Collections.unmodifiableSortedMap(new TreeMap<>(cycleStarts));
        lostWhere = List.copyOf(lostWhere);
    }

    /**
     * Where lost writes are: {@code sequences} held by exactly {@code nodes} (none: on no node read),
     * and the GTIDs that wrote them there where a binary log told ({@code null} otherwise).
     */
    public record Located(SequenceRanges.Range sequences, List<String> nodes, String gtids) {
        public Located {
            nodes = List.copyOf(nodes);
        }
    }

    public long unknownNotCommitted() {
        return unknown - unknownCommitted;
    }

    /** No lost, duplicate, unexpected or partial write on the primary. */
    public boolean clean() {
        return lost.isEmpty() && duplicates.isEmpty() && unexpected.isEmpty() && partial.isEmpty();
    }

    /** Attempts are transactions of several rows. */
    public boolean transactions() {
        return rowsPerAttempt > 1;
    }

    /**
     * How another node differs.
     *
     * @param rows       rows of the client the node holds over the run's sequences
     * @param missing    acknowledged writes the node lacks (not yet replicated, or diverged)
     * @param errant     rows the node holds that the primary lacks (e.g. a demoted primary's extra transactions)
     * @param duplicates stored more than once on the node
     */
    public record ReplicaFinding(String node, long rows, Sequences missing, Sequences errant, Sequences duplicates,
                                 Sequences partial) {
        public ReplicaFinding(String node, long rows, Sequences missing, Sequences errant, Sequences duplicates) {
            this(node, rows, missing, errant, duplicates, new Sequences());
        }

        public boolean clean() {
            return missing.isEmpty() && errant.isEmpty() && duplicates.isEmpty() && partial.isEmpty();
        }

        /** Rows that differ: a transaction stored in part shows as its missing or errant rows already. */
        public long differences() {
            return missing.count() + errant.count() + duplicates.count();
        }
    }
}
