package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failoverclient.ledger.SequenceRanges.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapAnalysisTest {

    private static GapAnalysis.Result analyse(long... seqs) {
        GapAnalysis g = new GapAnalysis("c");
        for (long s : seqs) {
            g.add(s);
        }
        return g.result();
    }

    @Test
    void reportsCountFirstLastGapsAndDuplicates() {
        GapAnalysis.Result r = analyse(3, 4, 4, 7, 8, 12);
        assertThat(r.rows()).isEqualTo(6);
        assertThat(r.first()).isEqualTo(3);
        assertThat(r.last()).isEqualTo(12);
        assertThat(r.missing()).isEqualTo(5);
        assertThat(r.gaps()).containsExactly(new Range(5, 6), new Range(9, 11));
        assertThat(r.duplicates()).containsExactly(4L);
    }

    @Test
    void noRows() {
        GapAnalysis.Result r = analyse();
        assertThat(r.rows()).isZero();
        assertThat(r.first()).isEqualTo(-1);
        assertThat(r.gaps()).isEmpty();
    }

    private static GapAnalysis.Result transactions(int rows, long... seqs) {
        GapAnalysis g = new GapAnalysis("c", rows);
        for (long s : seqs) {
            g.add(s);
        }
        return g.result();
    }

    @Test
    void wholeTransactionsMissingAreGapsButNotPartial() {
        // transactions of 3 rows: 1-3, 4-6, 7-9, 10-12; 4-6 refused or lost as a whole
        GapAnalysis.Result r = transactions(3, 1, 2, 3, 7, 8, 9, 10, 11, 12);
        assertThat(r.gaps()).containsExactly(new Range(4, 6));
        assertThat(r.partial()).isEmpty();
    }

    @Test
    void aGapThatStartsOrEndsInsideATransactionCutsIt() {
        // 1-3 whole; 4-6 lost 5-6; 7-9 lost 7; 10-12 lost 11; 13-15 missing 15 at the end
        GapAnalysis.Result r = transactions(3, 1, 2, 3, 4, 8, 9, 10, 12, 13, 14);
        assertThat(r.partial()).containsExactly(new Range(4, 6), new Range(7, 9), new Range(10, 12),
                new Range(13, 15));
        GapAnalysis.Result startsInside = transactions(3, 5, 6, 7, 8, 9);
        assertThat(startsInside.partial()).containsExactly(new Range(4, 6));
        assertThat(transactions(3).partial()).isEmpty();
    }

    @Test
    void withoutTransactionsNothingIsPartialAndTheVerdictLineIsTheSeeds() {
        GapAnalysis.Result r = analyse(1, 2, 4);
        assertThat(r.partial()).isEmpty();
        assertThat(new GapAnalysis.Gaps(List.of(r)).conclusion().line())
                .isEqualTo("Verdict: UNKNOWN (no ledger: missing sequences 1)");
        GapAnalysis.Result cut = transactions(2, 1, 2, 3);
        assertThat(new GapAnalysis.Gaps(List.of(cut)).conclusion().line())
                .isEqualTo("Verdict: FAIL (no ledger: partial transactions 1)");
    }

    @Test
    void rejectsUnorderedInput() {
        assertThatThrownBy(() -> analyse(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
