package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.ExitCode;
import dev.failoverclient.ledger.Sequences;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConclusionTest {
    private static ClientReport report(List<Long> lost, List<Long> duplicates, List<Long> unexpected,
                                       List<ClientReport.ReplicaFinding> replicas) {
        return new ClientReport("c", 10, 10, 0, 0, 0, of(lost), of(duplicates), of(unexpected), new Sequences(),
                List.of(), replicas, new java.util.TreeMap<>(), List.of());
    }

    private static Sequences of(List<Long> sequences) {
        Sequences s = new Sequences();
        sequences.forEach(s::add);
        return s;
    }

    private static final ClientReport CLEAN = report(List.of(), List.of(), List.of(), List.of());

    @Test
    void passNamesTheThreeCountsAndHasNoReason() {
        Conclusion c = Conclusion.of(List.of(CLEAN), false, 0, 0, 0);
        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
        assertThat(c.line()).isEqualTo("Verdict: PASS (lost 0, duplicates 0, unexpected 0)");
        assertThat(c.asMap()).isEmpty();
        assertThat(c.exitCode()).isEqualTo(ExitCode.PASS);
    }

    @Test
    void anOnlineLossAloneIsNamed() {
        Conclusion c = Conclusion.of(List.of(CLEAN), false, 5, 0, 0);
        assertThat(c.line()).isEqualTo("Verdict: FAIL (online loss 5)");
        assertThat(c.asMap()).containsExactly(Map.entry("online_loss", 5L));
        assertThat(c.exitCode()).isEqualTo(ExitCode.ANOMALY);
    }

    @Test
    void everyFailedCheckIsNamedWithItsCountInAFixedOrder() {
        ClientReport bad = report(List.of(3L, 4L), List.of(7L), List.of(9L, 10L, 11L), List.of());
        Conclusion c = Conclusion.of(List.of(bad, bad), false, 1, 0, 0);
        assertThat(c.line()).isEqualTo("Verdict: FAIL (online loss 1, lost 4, duplicates 2, unexpected 6)");
        assertThat(c.asMap()).containsExactly(Map.entry("online_loss", 1L), Map.entry("lost", 4L),
                Map.entry("duplicates", 2L), Map.entry("unexpected", 6L));
    }

    @Test
    void anUnreadableNodeIsUnknownUnlessSomethingFailedAnyway() {
        Conclusion unknown = Conclusion.of(List.of(), false, 0, 0, 1);
        assertThat(unknown.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(unknown.line()).isEqualTo("Verdict: UNKNOWN (unreadable nodes 1)");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INCOMPLETE);

        Conclusion failed = Conclusion.of(List.of(), false, 2, 0, 1);
        assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failed.line()).isEqualTo("Verdict: FAIL (online loss 2, unreadable nodes 1)");
    }

    @Test
    void aSplitBrainInWhichTwoNodesAcknowledgedWritesFails() {
        Conclusion c = Conclusion.of(List.of(CLEAN), false, 0, 1, 0);
        assertThat(c.line()).isEqualTo("Verdict: FAIL (split brain 1)");
        assertThat(c.asMap()).containsExactly(Map.entry("split_brain", 1L));
    }

    @Test
    void replicaDifferencesFailOnlyWhenStrict() {
        ClientReport lagging = report(List.of(), List.of(), List.of(),
                List.of(new ClientReport.ReplicaFinding("r", 5, of(List.of(4L, 5L)), of(List.of(9L)), new Sequences())));
        assertThat(Conclusion.of(List.of(lagging), false, 0, 0, 0).verdict()).isEqualTo(Verdict.PASS);
        Conclusion strict = Conclusion.of(List.of(lagging), true, 0, 0, 0);
        assertThat(strict.line()).isEqualTo("Verdict: FAIL (replica differences 3)");
    }
}
