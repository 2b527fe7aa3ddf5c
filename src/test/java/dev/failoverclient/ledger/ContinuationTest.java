package dev.failoverclient.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContinuationTest {
    @TempDir
    Path dir;

    @Test
    void aFreshFolderStartsTheFirstSegment() {
        Continuation c = Continuation.of(new RunFolder(dir), List.of("a"));
        assertThat(c.segment("a")).isEqualTo(1);
        assertThat(c.lastSequence("a")).isZero();
        assertThat(c.previous()).isEmpty();
    }

    /**
     * Two earlier processes: the first stopped cleanly, the second was killed while writing a line
     * after a transaction of 3 rows was begun. The next segment is the third, after sequence 12.
     */
    @Test
    void theNextSegmentFollowsTheLastAttemptOfTheEarlierOnes() throws Exception {
        RunFolder folder = new RunFolder(dir);
        try (LedgerWriter w = new LedgerWriter(folder.ledger("a"), "a", 100)) {
            w.begin(1, 200, 3);
            w.end(1, 250, new Outcome.Ok(1));
            w.stopped(300);
        }
        try (LedgerWriter w = new LedgerWriter(folder.ledger("a", 2), "a", 1_000, 2)) {
            w.begin(4, 1_100, 3);
            w.end(4, 1_150, new Outcome.Failed(1290, "HY000", "read-only"));
            w.begin(10, 1_200, 3);
        }
        Files.writeString(folder.ledger("a", 2), "{\"type\":\"end\",\"ts\":13", StandardOpenOption.APPEND);

        Continuation c = Continuation.of(folder, List.of("a", "b"));
        assertThat(c.segment("a")).isEqualTo(3);
        assertThat(c.segment("b")).isEqualTo(1);
        assertThat(c.lastSequence("a")).isEqualTo(12);
        assertThat(c.previous().get("a")).isEqualTo(new Continuation.Previous(2, 12, 1_200, false));
    }

    @Test
    void aSegmentWithoutAttemptsLooksAtTheOneBefore() {
        RunFolder folder = new RunFolder(dir);
        try (LedgerWriter w = new LedgerWriter(folder.ledger("a"), "a", 100)) {
            w.begin(7, 200);
            w.end(7, 250, new Outcome.Ok(1));
        }
        try (LedgerWriter w = new LedgerWriter(folder.ledger("a", 2), "a", 1_000, 2)) {
            w.stopped(2_000);
        }
        assertThat(Continuation.of(folder, List.of("a")).previous().get("a"))
                .isEqualTo(new Continuation.Previous(2, 7, 2_000, true));
    }

    @Test
    void anotherClientsLedgerOrAnotherFormatIsRefused() throws Exception {
        RunFolder folder = new RunFolder(dir);
        new LedgerWriter(folder.ledger("x"), "x", 100).close();
        assertThatThrownBy(() -> Continuation.of(folder, List.of("a"))).isInstanceOf(LedgerException.class)
                .hasMessage("run folder " + dir + " holds a ledger of another client (x): choose another --run-dir, or"
                        + " give the clients that wrote it");
        Files.writeString(folder.ledger("a"), "{\"type\":\"start\",\"ts\":1,\"client\":\"a\"}\n");
        assertThatThrownBy(() -> Continuation.of(folder, List.of("a", "x"))).isInstanceOf(LedgerException.class)
                .hasMessage("run folder " + dir + " holds ledger-a.jsonl, a ledger of another format than this build"
                        + " writes: choose another --run-dir");
    }
}
