package dev.failoverclient.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What {@link ClientsCheck} found: one report per client, and per other node whose binary log state
 * is known the GTIDs it has and the primary lacks (a demoted primary's diverged branch), as ranges.
 *
 * @param rowsRead       whether the primary's rows were read (if not, row-based counts are unknown)
 * @param strictReplicas whether other nodes' differences fail the verdict
 */
public record Clients(List<ClientReport> reports, boolean rowsRead, boolean strictReplicas,
                      Map<String, List<String>> errantTransactions) implements Finding {

    public Clients {
        reports = List.copyOf(reports);
        errantTransactions = Collections.unmodifiableMap(new LinkedHashMap<>(errantTransactions));
    }

    /**
     * The online check's losses, then lost, duplicate and unexpected writes on the primary (named at
     * zero: a PASS line shows them), other nodes' differences when strict, and an unreadable primary.
     */
    @Override
    public List<Reason> reasons() {
        List<Reason> r = new ArrayList<>();
        long onlineLost = sum(c -> c.onlineLost().count());
        if (onlineLost > 0) {
            r.add(Reason.fails("online_loss", "online loss", onlineLost));
        }
        if (rowsRead) {
            r.add(Reason.fails("lost", "lost", sum(c -> c.lost().count())));
            r.add(Reason.fails("duplicates", "duplicates", sum(c -> c.duplicates().count())));
            r.add(Reason.fails("unexpected", "unexpected", sum(c -> c.unexpected().count())));
            long partial = sum(ClientReport::partialTransactions);
            if (partial > 0) {
                r.add(Reason.fails("partial", "partial transactions", partial));
            }
        } else {
            r.add(Reason.unknown("unreadable_nodes", "unreadable nodes", 1));
        }
        long differences = sum(c -> c.replicas().stream().mapToLong(ClientReport.ReplicaFinding::differences).sum());
        if (strictReplicas && differences > 0) {
            r.add(Reason.fails("replica_differences", "replica differences", differences));
        }
        return r;
    }

    /** Sums one count over every client. */
    public long sum(ToLongFunction<ClientReport> count) {
        return reports.stream().mapToLong(count).sum();
    }
}
