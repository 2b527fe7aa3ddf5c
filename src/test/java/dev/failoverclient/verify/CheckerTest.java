package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Ledger;
import dev.failoverclient.ledger.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written ledgers and row sets with known answers. */
class CheckerTest {

    /** Builds a ledger from a string: one letter per sequence from {@code first}: O ok, F failed, U unknown. */
    static Ledger ledger(long first, String outcomes) {
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < outcomes.length(); i++) {
            long seq = first + i;
            long start = seq * 1_000;
            Outcome o = switch (outcomes.charAt(i)) {
                case 'O' -> new Outcome.Ok(1);
                case 'F' -> new Outcome.Failed(1290, "HY000", "read-only");
                default -> new Outcome.Unknown(0, "08000", "Socket error");
            };
            attempts.add(new Attempt("c", seq, start, start + 500, o));
        }
        return new Ledger("c", attempts, List.of(), false);
    }

    private static ClientReport check(Ledger l, long... present) {
        return Checker.check(l, NodeRows.of(Checker.firstSequence(l), present), Map.of());
    }

    @Test
    void cleanRunPasses() {
        ClientReport r = check(ledger(1, "OOOO"), 1, 2, 3, 4);
        assertThat(r.clean()).isTrue();
        assertThat(r.attempted()).isEqualTo(4);
        assertThat(r.ok()).isEqualTo(4);
        assertThat(Conclusion.of(List.of(r), false, 0, 0).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void lostAloneIsExact() {
        ClientReport r = check(ledger(1, "OOOOO"), 1, 2, 5);
        assertThat(r.lost()).containsExactly(3L, 4L);
        assertThat(r.duplicates()).isEmpty();
        assertThat(r.unexpected()).isEmpty();
        assertThat(Conclusion.of(List.of(r), false, 0, 0).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void duplicateAlone() {
        ClientReport r = check(ledger(1, "OOO"), 1, 2, 2, 2, 3);
        assertThat(r.duplicates()).containsExactly(2L);
        assertThat(r.lost()).isEmpty();
    }

    @Test
    void unexpectedAlone() {
        ClientReport r = check(ledger(1, "OFO"), 1, 2, 3);
        assertThat(r.unexpected()).containsExactly(2L);
        assertThat(r.failed()).isEqualTo(1);
    }

    @Test
    void unknownResolvesBothWaysWithoutAnomaly() {
        ClientReport r = check(ledger(1, "OUUUO"), 1, 2, 4, 5);
        assertThat(r.clean()).isTrue();
        assertThat(r.unknown()).isEqualTo(3);
        assertThat(r.unknownCommitted()).isEqualTo(2);
        assertThat(r.unknownNotCommitted()).isEqualTo(1);
    }

    @Test
    void duplicateOfAnUnknownAttemptIsStillADuplicate() {
        ClientReport r = check(ledger(1, "OUO"), 1, 2, 2, 3);
        assertThat(r.duplicates()).containsExactly(2L);
        assertThat(r.unknownCommitted()).isEqualTo(1);
    }

    @Test
    void mixedAnomalies() {
        ClientReport r = check(ledger(10, "OOFFUOO"), 10, 12, 14, 14, 16);
        assertThat(r.lost()).containsExactly(11L, 15L);
        assertThat(r.unexpected()).containsExactly(12L);
        assertThat(r.duplicates()).containsExactly(14L);
        assertThat(r.unknownCommitted()).isEqualTo(1);
    }

    @Test
    void gapsAtStartAndEnd() {
        ClientReport r = check(ledger(1, "OOOOOO"), 3, 4);
        assertThat(r.lost()).containsExactly(1L, 2L, 5L, 6L);
    }

    @Test
    void clientWithNoRows() {
        ClientReport r = check(ledger(1, "OFU"));
        assertThat(r.lost()).containsExactly(1L);
        assertThat(r.unknownNotCommitted()).isEqualTo(1);
    }

    @Test
    void emptyRun() {
        Ledger empty = new Ledger("c", List.of(), List.of(), false);
        ClientReport r = check(empty);
        assertThat(r.clean()).isTrue();
        assertThat(r.attempted()).isZero();
        assertThat(r.outages()).isEmpty();
    }

    @Test
    void rowsForSequencesTheLedgerNeverAttemptedAreUnexpected() {
        Ledger holey = new Ledger("c", List.of(ledger(1, "O").attempts().get(0), ledger(3, "O").attempts().get(0)),
                List.of(), false);
        ClientReport r = check(holey, 1, 2, 3);
        assertThat(r.unexpected()).containsExactly(2L);
    }

    @Test
    void replicaDifferencesAreFindingsNotLoss() {
        Ledger l = ledger(1, "OOOOF");
        NodeRows primary = NodeRows.of(1, 1, 2, 3, 4);
        Map<String, NodeRows> others = new LinkedHashMap<>();
        others.put("lagging", NodeRows.of(1, 1, 2));
        others.put("old-primary", NodeRows.of(1, 1, 2, 3, 4, 5, 5));
        ClientReport r = Checker.check(l, primary, others);
        assertThat(r.clean()).isTrue();
        assertThat(r.replicas()).hasSize(2);
        ClientReport.ReplicaFinding lagging = r.replicas().get(0);
        assertThat(lagging.missing()).containsExactly(3L, 4L);
        assertThat(lagging.errant()).isEmpty();
        ClientReport.ReplicaFinding old = r.replicas().get(1);
        assertThat(old.missing()).isEmpty();
        assertThat(old.errant()).containsExactly(5L);
        assertThat(old.duplicates()).containsExactly(5L);
        assertThat(old.rows()).isEqualTo(6);
        assertThat(Conclusion.of(List.of(r), false, 0, 0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(Conclusion.of(List.of(r), true, 0, 0).verdict()).isEqualTo(Verdict.FAIL);
    }
}
