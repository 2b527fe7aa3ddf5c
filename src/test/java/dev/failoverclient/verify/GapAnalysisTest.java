package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failoverclient.ledger.SequenceRanges.Range;
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

    @Test
    void rejectsUnorderedInput() {
        assertThatThrownBy(() -> analyse(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
