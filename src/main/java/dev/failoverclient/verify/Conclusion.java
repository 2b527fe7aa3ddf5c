package dev.failoverclient.verify;

import dev.failoverclient.ExitCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict and why: the one place a verdict, its line, its JSON reasons and its exit code are
 * decided, for every command ({@code run}, {@code verify}, {@code verify --no-ledger}, {@code lab},
 * the live {@code /verdict}). FAIL when a reason that fails has a count, else UNKNOWN when one that
 * leaves it unknown has, else PASS; FAIL and UNKNOWN always name their reasons.
 *
 * @param reasons the reasons with a count: those that fail first, then those that leave it unknown
 * @param clean   the reasons checked and found zero, named by a PASS line
 * @param scope   what the line says the verdict is about when it is not a ledger's ({@code no ledger}), or null
 */
public record Conclusion(Verdict verdict, List<Reason> reasons, List<Reason> clean, String scope) {

    public Conclusion {
        reasons = List.copyOf(reasons);
        clean = List.copyOf(clean);
    }

    /** The conclusion from every reason the checks gave, in their order. */
    public static Conclusion of(String scope, List<Reason> all) {
        List<Reason> failing = new ArrayList<>();
        List<Reason> unknown = new ArrayList<>();
        List<Reason> clean = new ArrayList<>();
        for (Reason r : all) {
            (r.count() == 0 ? clean : r.effect() == Verdict.FAIL ? failing : unknown).add(r);
        }
        Verdict verdict = !failing.isEmpty() ? Verdict.FAIL : !unknown.isEmpty() ? Verdict.UNKNOWN : Verdict.PASS;
        failing.addAll(unknown);
        return new Conclusion(verdict, failing, clean, scope);
    }

    public static Conclusion of(List<Reason> all) {
        return of(null, all);
    }

    /**
     * {@code Verdict: PASS (lost 0, duplicates 0, unexpected 0)}, or the verdict with every reason:
     * {@code Verdict: FAIL (online loss 5, lost 2)}.
     */
    public String line() {
        List<Reason> shown = reasons.isEmpty() ? clean : reasons;
        return "Verdict: " + verdict + " (" + (scope == null ? "" : scope + ": ")
                + String.join(", ", shown.stream().map(Reason::toString).toList()) + ")";
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
}
