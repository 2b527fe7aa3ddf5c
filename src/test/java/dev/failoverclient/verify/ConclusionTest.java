package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.ExitCode;
import dev.failoverclient.ledger.Sequences;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict derived from the checks' reasons: the clients' finding, the census's, the gap analysis's. */
class ConclusionTest {
    private static ClientReport report(List<Long> lost, List<Long> duplicates, List<Long> unexpected,
                                       List<Long> onlineLost, List<ClientReport.ReplicaFinding> replicas) {
        return new ClientReport("c", 10, 10, 0, 0, 0, of(lost), of(duplicates), of(unexpected), of(onlineLost),
                List.of(), replicas, new java.util.TreeMap<>(), List.of());
    }

    private static Sequences of(List<Long> sequences) {
        Sequences s = new Sequences();
        sequences.forEach(s::add);
        return s;
    }

    private static final ClientReport CLEAN = report(List.of(), List.of(), List.of(), List.of(), List.of());

    /** The reasons of the clients' finding, then of a census with {@code diverged} split brains. */
    private static Conclusion conclude(List<ClientReport> reports, boolean rowsRead, boolean strict, int diverged) {
        List<Reason> reasons = new ArrayList<>(new Clients(reports, rowsRead, strict, Map.of()).reasons());
        List<CensusReport.Window> windows = new ArrayList<>();
        for (int i = 0; i < diverged; i++) {
            windows.add(new CensusReport.Window(0, 1_000, List.of("a", "b"), List.of(1L, 2L), false));
        }
        reasons.addAll(new CensusReport(List.of("a", "b"), 100_000, windows, List.of(), List.of(), List.of(), Map.of(),
                List.of()).reasons());
        return Conclusion.of(reasons);
    }

    @Test
    void passNamesTheThreeCountsAndHasNoReason() {
        Conclusion c = conclude(List.of(CLEAN), true, false, 0);
        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
        assertThat(c.line()).isEqualTo("Verdict: PASS (lost 0, duplicates 0, unexpected 0)");
        assertThat(c.asMap()).isEmpty();
        assertThat(c.exitCode()).isEqualTo(ExitCode.PASS);
    }

    @Test
    void anOnlineLossAloneIsNamed() {
        Conclusion c = conclude(List.of(report(List.of(), List.of(), List.of(), List.of(1L, 2L, 3L, 4L, 5L),
                List.of())), true, false, 0);
        assertThat(c.line()).isEqualTo("Verdict: FAIL (online loss 5)");
        assertThat(c.asMap()).containsExactly(Map.entry("online_loss", 5L));
        assertThat(c.exitCode()).isEqualTo(ExitCode.ANOMALY);
    }

    @Test
    void everyFailedCheckIsNamedWithItsCountInAFixedOrder() {
        ClientReport bad = report(List.of(3L, 4L), List.of(7L), List.of(9L, 10L, 11L), List.of(), List.of());
        ClientReport online = report(List.of(), List.of(), List.of(), List.of(1L), List.of());
        Conclusion c = conclude(List.of(bad, bad, online), true, false, 0);
        assertThat(c.line()).isEqualTo("Verdict: FAIL (online loss 1, lost 4, duplicates 2, unexpected 6)");
        assertThat(c.asMap()).containsExactly(Map.entry("online_loss", 1L), Map.entry("lost", 4L),
                Map.entry("duplicates", 2L), Map.entry("unexpected", 6L));
    }

    @Test
    void anUnreadableNodeIsUnknownUnlessSomethingFailedAnyway() {
        Conclusion unknown = conclude(List.of(CLEAN), false, false, 0);
        assertThat(unknown.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(unknown.line()).isEqualTo("Verdict: UNKNOWN (unreadable nodes 1)");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INCOMPLETE);

        Conclusion failed = conclude(List.of(report(List.of(), List.of(), List.of(), List.of(8L, 9L), List.of())),
                false, false, 0);
        assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failed.line()).isEqualTo("Verdict: FAIL (online loss 2, unreadable nodes 1)");
        assertThat(failed.exitCode()).isEqualTo(ExitCode.ANOMALY);
    }

    @Test
    void aSplitBrainInWhichTwoNodesAcknowledgedWritesFails() {
        Conclusion c = conclude(List.of(CLEAN), true, false, 1);
        assertThat(c.line()).isEqualTo("Verdict: FAIL (split brain 1)");
        assertThat(c.asMap()).containsExactly(Map.entry("split_brain", 1L));
    }

    @Test
    void replicaDifferencesFailOnlyWhenStrict() {
        ClientReport lagging = report(List.of(), List.of(), List.of(), List.of(),
                List.of(new ClientReport.ReplicaFinding("r", 5, of(List.of(4L, 5L)), of(List.of(9L)), new Sequences())));
        assertThat(conclude(List.of(lagging), true, false, 0).verdict()).isEqualTo(Verdict.PASS);
        Conclusion strict = conclude(List.of(lagging), true, true, 0);
        assertThat(strict.line()).isEqualTo("Verdict: FAIL (replica differences 3)");
    }

    @Test
    void withoutALedgerDuplicatesFailAndGapsLeaveTheVerdictUnknownExitThree() {
        GapAnalysis.Result clean = new GapAnalysis.Result("a", 3, 1, 3, 0, List.of(), List.of(), 1, List.of());
        GapAnalysis.Result gaps = new GapAnalysis.Result("b", 3, 1, 5, 2, List.of(), List.of(), 1, List.of());
        GapAnalysis.Result dups = new GapAnalysis.Result("c", 4, 1, 3, 0, List.of(), List.of(2L), 1, List.of());

        Conclusion pass = new GapAnalysis.Gaps(List.of(clean)).conclusion();
        assertThat(pass.line()).isEqualTo("Verdict: PASS (no ledger: missing sequences 0, duplicates 0)");
        assertThat(pass.exitCode()).isEqualTo(ExitCode.PASS);

        Conclusion unknown = new GapAnalysis.Gaps(List.of(clean, gaps)).conclusion();
        assertThat(unknown.line()).isEqualTo("Verdict: UNKNOWN (no ledger: missing sequences 2)");
        assertThat(unknown.asMap()).containsExactly(Map.entry("gaps", 2L));
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INCOMPLETE);

        Conclusion fail = new GapAnalysis.Gaps(List.of(gaps, dups)).conclusion();
        assertThat(fail.line()).isEqualTo("Verdict: FAIL (no ledger: duplicates 1, missing sequences 2)");
        assertThat(fail.asMap()).containsExactly(Map.entry("duplicates", 1L), Map.entry("gaps", 2L));
        assertThat(fail.exitCode()).isEqualTo(ExitCode.ANOMALY);
    }
}
