package dev.failoverclient.verify;

import static dev.failoverclient.testsupport.Runs.ledger;
import static dev.failoverclient.testsupport.Runs.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.testsupport.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written ledgers and row sets with known answers. */
class AnalysisTest {
    @TempDir
    Path dir;

    private ClientReport check(long first, String outcomes, long... present) {
        ledger(dir, "c", first, outcomes);
        return Runs.analyse(dir, node("primary", present), List.of(), false).clients().get(0);
    }

    @Test
    void cleanRunPasses() {
        ClientReport r = check(1, "OOOO", 1, 2, 3, 4);
        assertThat(r.clean()).isTrue();
        assertThat(r.attempted()).isEqualTo(4);
        assertThat(r.ok()).isEqualTo(4);
        assertThat(Runs.analyse(dir, node("p", 1, 2, 3, 4), List.of(), false).conclusion().verdict())
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void lostAloneIsExact() {
        ClientReport r = check(1, "OOOOO", 1, 2, 5);
        assertThat(r.lost().labels()).containsExactly("3-4");
        assertThat(r.duplicates().isEmpty()).isTrue();
        assertThat(r.unexpected().isEmpty()).isTrue();
        assertThat(Runs.analyse(dir, node("p", 1, 2, 5), List.of(), false).conclusion().line())
                .isEqualTo("Verdict: FAIL (lost 2)");
    }

    @Test
    void duplicateAlone() {
        ClientReport r = check(1, "OOO", 1, 2, 2, 2, 3);
        assertThat(r.duplicates().labels()).containsExactly("2");
        assertThat(r.lost().isEmpty()).isTrue();
    }

    @Test
    void unexpectedAlone() {
        ClientReport r = check(1, "OFO", 1, 2, 3);
        assertThat(r.unexpected().labels()).containsExactly("2");
        assertThat(r.failed()).isEqualTo(1);
    }

    @Test
    void unknownResolvesBothWaysWithoutAnomaly() {
        ClientReport r = check(1, "OUUUO", 1, 2, 4, 5);
        assertThat(r.clean()).isTrue();
        assertThat(r.unknown()).isEqualTo(3);
        assertThat(r.unknownCommitted()).isEqualTo(2);
        assertThat(r.unknownNotCommitted()).isEqualTo(1);
    }

    @Test
    void duplicateOfAnUnknownAttemptIsStillADuplicate() {
        ClientReport r = check(1, "OUO", 1, 2, 2, 3);
        assertThat(r.duplicates().labels()).containsExactly("2");
        assertThat(r.unknownCommitted()).isEqualTo(1);
    }

    @Test
    void mixedAnomalies() {
        ClientReport r = check(10, "OOFFUOO", 10, 12, 14, 14, 16);
        assertThat(r.lost().labels()).containsExactly("11", "15");
        assertThat(r.unexpected().labels()).containsExactly("12");
        assertThat(r.duplicates().labels()).containsExactly("14");
        assertThat(r.unknownCommitted()).isEqualTo(1);
    }

    @Test
    void gapsAtStartAndEnd() {
        ClientReport r = check(1, "OOOOOO", 3, 4);
        assertThat(r.lost().labels()).containsExactly("1-2", "5-6");
        assertThat(r.lost().count()).isEqualTo(4);
    }

    @Test
    void clientWithNoRows() {
        ClientReport r = check(1, "OFU");
        assertThat(r.lost().labels()).containsExactly("1");
        assertThat(r.unknownNotCommitted()).isEqualTo(1);
    }

    @Test
    void emptyRun() {
        ClientReport r = check(1, "");
        assertThat(r.clean()).isTrue();
        assertThat(r.attempted()).isZero();
        assertThat(r.outages()).isEmpty();
    }

    @Test
    void rowsForSequencesTheLedgerNeverAttemptedAreUnexpectedButOnlyInsideItsRange() {
        // Rows below the first attempt are an earlier run's; above the last, a later one's.
        ClientReport r = check(3, "O-O", 1, 2, 3, 4, 5, 6);
        assertThat(r.unexpected().labels()).containsExactly("4");
        assertThat(r.clean()).isFalse();
    }

    @Test
    void rowsAreAskedForOneChunkAtATime() {
        StringBuilder letters = new StringBuilder();
        long n = RowCursor.CHUNK * 2 + 7;
        long[] rows = new long[(int) n];
        for (int i = 0; i < n; i++) {
            letters.append('O');
            rows[i] = i + 1;
        }
        ledger(dir, "c", 1, letters.toString());
        List<long[]> asked = new java.util.ArrayList<>();
        Node counting = new Node() {
            @Override
            public String name() {
                return "p";
            }

            @Override
            public long[] sequences(String clientId, long first, long last) {
                asked.add(new long[] {first, last});
                return node("p", rows).sequences(clientId, first, last);
            }
        };
        Analysis a = Runs.analyse(dir, counting, List.of(), false);
        assertThat(a.conclusion().verdict()).isEqualTo(Verdict.PASS);
        assertThat(asked).hasSize(3);
        assertThat(asked.get(0)).containsExactly(1, RowCursor.CHUNK);
        assertThat(asked.get(2)).containsExactly(2 * RowCursor.CHUNK + 1, 3 * RowCursor.CHUNK);
    }

    @Test
    void replicaDifferencesAreFindingsNotLoss() {
        ledger(dir, "c", 1, "OOOOF");
        Node primary = node("primary", 1, 2, 3, 4);
        List<Node> others = List.of(node("lagging", 1, 2), node("old-primary", 1, 2, 3, 4, 5, 5));
        Analysis a = Runs.analyse(dir, primary, others, false);
        ClientReport r = a.clients().get(0);
        assertThat(r.clean()).isTrue();
        assertThat(r.replicas()).hasSize(2);
        ClientReport.ReplicaFinding lagging = r.replicas().get(0);
        assertThat(lagging.node()).isEqualTo("lagging");
        assertThat(lagging.missing().labels()).containsExactly("3-4");
        assertThat(lagging.errant().isEmpty()).isTrue();
        ClientReport.ReplicaFinding old = r.replicas().get(1);
        assertThat(old.missing().isEmpty()).isTrue();
        assertThat(old.errant().labels()).containsExactly("5");
        assertThat(old.duplicates().labels()).containsExactly("5");
        assertThat(old.rows()).isEqualTo(6);
        assertThat(a.conclusion().verdict()).isEqualTo(Verdict.PASS);
        assertThat(Runs.analyse(dir, primary, others, true).conclusion().line())
                .isEqualTo("Verdict: FAIL (replica differences 4)");
    }

    @Test
    void withoutThePrimarysRowsOnlyTheLedgerIsSummarisedAndTheVerdictIsUnknown() {
        ledger(dir, "c", 1, "OOFO");
        Analysis a = Runs.analyse(dir, null, List.of(), false);
        assertThat(a.rowsRead()).isFalse();
        assertThat(a.conclusion().line()).isEqualTo("Verdict: UNKNOWN (unreadable nodes 1)");
        assertThat(a.attempted()).isEqualTo(4);
        assertThat(a.failed()).isEqualTo(1);
        assertThat(a.outages()).hasSize(1);
    }

    @Test
    void clientsAreCheckedApartAndOnlineLossesCount() {
        ledger(dir, "a", 1, "OOO");
        try (LedgerWriter w = new LedgerWriter(new RunFolder(dir).ledger("b"), "b", 0)) {
            w.begin(1, 1_000);
            w.end(1, 1_500, new Outcome.Ok(1));
            w.loss(1_600, 2, List.of(1L));
            w.begin(2, 2_000);
            w.end(2, 2_500, new Outcome.Ok(2));
        }
        Analysis a = Runs.analyse(dir, node("p", Map.of("a", new long[] {1, 2, 3}, "b", new long[] {1, 2})),
                List.of(), false);
        assertThat(a.clients()).extracting(ClientReport::clientId).containsExactly("a", "b");
        assertThat(a.conclusion().line()).isEqualTo("Verdict: FAIL (online loss 1)");
        assertThat(a.clients().get(1).onlineLost().labels()).containsExactly("1");
        assertThat(a.runEndMicros()).isEqualTo(3_500);
        assertThat(a.firstStartMicros()).isEqualTo(1_000);
    }

    @Test
    void aLedgerWhoseSequencesDoNotAscendIsRefused() {
        try (LedgerWriter w = new LedgerWriter(new RunFolder(dir).ledger("c"), "c", 0)) {
            w.begin(5, 1_000);
            w.end(5, 1_500, new Outcome.Ok(1));
            w.begin(3, 2_000);
            w.end(3, 2_500, new Outcome.Ok(1));
        }
        assertThatThrownBy(() -> Runs.analyse(dir, node("p", 3, 5), List.of(), false))
                .isInstanceOf(LedgerException.class)
                .hasMessage("the ledger of c has sequence 3 after 5: a ledger's attempts must ascend (was it appended"
                        + " to by another run?)");
    }

    /**
     * Transactions of three rows: each must be stored whole or not at all. Sequences 1-3 OK and whole,
     * 4-6 OK and gone (LOST), 7-9 OK with 8 gone (PARTIAL), 10-12 FAILED and gone, 13-15 FAILED and
     * whole (UNEXPECTED), 16-18 UNKNOWN and whole (committed), 19-21 UNKNOWN and gone, 22-24 UNKNOWN
     * with 23 alone stored (PARTIAL), 25-27 OK with 26 stored twice (DUPLICATE).
     */
    @Test
    void transactionsAreStoredWholeOrNotAtAll() {
        Runs.transactions(dir, "c", 1, 3, "OOOFFUUUO");
        Analysis a = Runs.analyse(dir, node("p", 1, 2, 3, 7, 9, 13, 14, 15, 16, 17, 18, 23, 25, 26, 26, 27), List.of(),
                false);
        ClientReport r = a.clients().get(0);
        assertThat(r.attempted()).isEqualTo(9);
        assertThat(r.transactions()).isTrue();
        assertThat(r.lost().labels()).containsExactly("4-6");
        assertThat(r.partial().labels()).containsExactly("7-9", "22-24");
        assertThat(r.partialTransactions()).isEqualTo(2);
        assertThat(r.unexpected().labels()).containsExactly("13-15");
        assertThat(r.duplicates().labels()).containsExactly("26");
        assertThat(r.unknownCommitted()).isEqualTo(1);
        assertThat(a.conclusion().line())
                .isEqualTo("Verdict: FAIL (lost 3, duplicates 1, unexpected 3, partial transactions 2)");
    }

    @Test
    void eachNodeHoldsATransactionWholeOrNotAtAll() {
        Runs.transactions(dir, "c", 1, 3, "OOF");
        // the primary holds 1-6; one replica lacks 5, another holds 7 of the refused transaction 7-9
        Analysis a = Runs.analyse(dir, node("p", 1, 2, 3, 4, 5, 6), List.of(node("r1", 1, 2, 3, 4, 6),
                node("r2", 1, 2, 3, 4, 5, 6, 7)), false);
        ClientReport r = a.clients().get(0);
        assertThat(r.partial().isEmpty()).isTrue();
        assertThat(r.replicas().get(0).partial().labels()).containsExactly("4-6");
        assertThat(r.replicas().get(0).missing().labels()).containsExactly("5");
        assertThat(r.replicas().get(1).partial().labels()).containsExactly("7-9");
        assertThat(r.replicas().get(1).errant().labels()).containsExactly("7");
        assertThat(a.conclusion().line()).isEqualTo("Verdict: PASS (lost 0, duplicates 0, unexpected 0)");
        assertThat(Runs.analyse(dir, node("p", 1, 2, 3, 4, 5, 6), List.of(node("r1", 1, 2, 3, 4, 6)), true)
                .conclusion().line()).isEqualTo("Verdict: FAIL (replica differences 1)");
    }
}
