package dev.failoverclient.verify;

import dev.failoverclient.ExitCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict and why. Every check that failed, or could not run, is a {@link Reason} with its
 * count; FAIL and UNKNOWN always carry at least one, so no verdict line leaves its cause unsaid.
 */
public record Conclusion(Verdict verdict, List<Reason> reasons) {

    public Conclusion {
        reasons = List.copyOf(reasons);
    }

    /**
     * One failed check: {@code key} for the JSON summary, {@code label} for the verdict line.
     */
    public record Reason(String key, String label, long count) {
        @Override
        public String toString() {
            return label + " " + count;
        }
    }

    /**
     * FAIL when a write was lost, duplicated or unexpectedly stored on the primary, when the online
     * check found acknowledged writes missing during the run, when two nodes acknowledged writes while
     * both were writable, or (with {@code strictReplicas}) when another node differs; otherwise UNKNOWN
     * when a node could not be read; otherwise PASS.
     *
     * @param reports         one per client, empty when the primary could not be read
     * @param onlineLost      acknowledged writes the online check found missing during the run
     * @param splitBrains     split-brain windows in which acknowledged writes landed on two nodes
     * @param unreadableNodes nodes whose rows could not be read
     */
    public static Conclusion of(List<ClientReport> reports, boolean strictReplicas, long onlineLost,
                                long splitBrains, int unreadableNodes) {
        List<Reason> failed = new ArrayList<>();
        add(failed, "online_loss", "online loss", onlineLost);
        add(failed, "lost", "lost", reports.stream().mapToLong(r -> r.lost().count()).sum());
        add(failed, "duplicates", "duplicates", reports.stream().mapToLong(r -> r.duplicates().count()).sum());
        add(failed, "unexpected", "unexpected", reports.stream().mapToLong(r -> r.unexpected().count()).sum());
        add(failed, "split_brain", "split brain", splitBrains);
        if (strictReplicas) {
            add(failed, "replica_differences", "replica differences", reports.stream()
                    .flatMap(r -> r.replicas().stream()).mapToLong(ClientReport.ReplicaFinding::differences).sum());
        }
        List<Reason> reasons = new ArrayList<>(failed);
        add(reasons, "unreadable_nodes", "unreadable nodes", unreadableNodes);
        Verdict verdict = !failed.isEmpty() ? Verdict.FAIL : unreadableNodes > 0 ? Verdict.UNKNOWN : Verdict.PASS;
        return new Conclusion(verdict, reasons);
    }

    /**
     * {@code Verdict: PASS (lost 0, duplicates 0, unexpected 0)}, or the verdict with every reason:
     * {@code Verdict: FAIL (online loss 5, lost 2)}.
     */
    public String line() {
        if (reasons.isEmpty()) {
            return "Verdict: " + verdict + " (lost 0, duplicates 0, unexpected 0)";
        }
        return "Verdict: " + verdict + " (" + String.join(", ", reasons.stream().map(Reason::toString).toList()) + ")";
    }

    /** The reasons by key, in order: {@code {"online_loss": 5, "lost": 2}}; empty for PASS. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        reasons.forEach(r -> m.put(r.key(), r.count()));
        return m;
    }

    public ExitCode exitCode() {
        return verdict.exitCode();
    }

    private static void add(List<Reason> reasons, String key, String label, long count) {
        if (count > 0) {
            reasons.add(new Reason(key, label, count));
        }
    }
}
