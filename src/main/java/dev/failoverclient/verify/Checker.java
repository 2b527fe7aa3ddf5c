package dev.failoverclient.verify;

import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Ledger;
import dev.failoverclient.ledger.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checker: a pure function of one client's ledger and the rows read from each node. Jepsen's
 * set checker narrowed to sequences: OK must be present, FAILED must be absent, UNKNOWN may be
 * either, nothing may be present twice.
 */
public final class Checker {
    private Checker() {
    }

    /** The first sequence of the run (rows are read from here), or 1 for an empty ledger. */
    public static long firstSequence(Ledger ledger) {
        return ledger.attempts().isEmpty() ? 1 : ledger.attempts().get(0).sequence();
    }

    /** The last sequence of the run, or 0 for an empty ledger. */
    public static long lastSequence(Ledger ledger) {
        List<Attempt> a = ledger.attempts();
        return a.isEmpty() ? 0 : a.get(a.size() - 1).sequence();
    }

    /**
     * @param primary rows on the primary, read over {@code [firstSequence, lastSequence]}
     * @param others  rows on every other node, by node name, over the same range
     */
    public static ClientReport check(Ledger ledger, NodeRows primary, Map<String, NodeRows> others) {
        long ok = 0;
        long failed = 0;
        long unknown = 0;
        long unknownCommitted = 0;
        List<Long> lost = new ArrayList<>();
        List<Long> unexpected = new ArrayList<>();
        long expected = firstSequence(ledger);
        for (Attempt a : ledger.attempts()) {
            // A stored sequence the ledger never attempted (a hole in the ledger) is unexpected.
            for (long s = expected; s < a.sequence(); s++) {
                if (primary.contains(s)) {
                    unexpected.add(s);
                }
            }
            expected = a.sequence() + 1;
            boolean present = primary.contains(a.sequence());
            Outcome o = a.outcome();
            if (o instanceof Outcome.Ok) {
                ok++;
                if (!present) {
                    lost.add(a.sequence());
                }
            } else if (o instanceof Outcome.Failed) {
                failed++;
                if (present) {
                    unexpected.add(a.sequence());
                }
            } else {
                unknown++;
                if (present) {
                    unknownCommitted++;
                }
            }
        }
        List<ClientReport.ReplicaFinding> replicas = new ArrayList<>();
        for (Map.Entry<String, NodeRows> e : others.entrySet()) {
            replicas.add(compare(e.getKey(), e.getValue(), ledger, primary));
        }
        return new ClientReport(ledger.clientId(), ledger.attempts().size(), ok, failed, unknown, unknownCommitted,
                unknown - unknownCommitted, lost, primary.duplicates(), unexpected,
                Outages.of(ledger.attempts()), replicas);
    }

    private static ClientReport.ReplicaFinding compare(String name, NodeRows node, Ledger ledger, NodeRows primary) {
        List<Long> missing = new ArrayList<>();
        for (Attempt a : ledger.attempts()) {
            if (a.ok() && !node.contains(a.sequence())) {
                missing.add(a.sequence());
            }
        }
        List<Long> errant = new ArrayList<>();
        for (long s : node.sequences()) {
            if (!primary.contains(s)) {
                errant.add(s);
            }
        }
        return new ClientReport.ReplicaFinding(name, node.rows(), missing, errant, node.duplicates());
    }
}
