package dev.failoverclient.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    @TempDir
    Path dir;

    private Path writeSample() {
        Path file = dir.resolve("ledger-c.jsonl");
        try (LedgerWriter w = new LedgerWriter(file, "c'1 \"x\"", 100)) {
            w.connected(110, 7, "db-0", "11.4.5-MariaDB");
            w.begin(1, 200);
            w.end(1, 250, new Outcome.Ok(7));
            w.begin(2, 300);
            w.end(2, 310, new Outcome.Failed(1290, "HY000", "read-only \"quoted\""));
            w.begin(3, 400);
            w.end(3, 5400, new Outcome.Unknown(0, "08000", "Socket error"));
            w.loss(500, 8, List.of(1L));
            w.begin(4, 600);
            w.stopped(9_000);
        }
        return file;
    }

    @Test
    void roundTripsEveryRecordType() {
        Ledger l = LedgerReader.read(writeSample());
        assertThat(l.clientId()).isEqualTo("c'1 \"x\"");
        assertThat(l.truncatedTail()).isFalse();
        assertThat(l.losses()).containsExactly(1L);
        assertThat(l.stoppedMicros()).isEqualTo(9_000);
        assertThat(Ledger.runEndMicros(List.of(l))).isEqualTo(9_000);
        assertThat(l.attempts()).containsExactly(
                new Attempt("c'1 \"x\"", 1, 200, 250, new Outcome.Ok(7)),
                new Attempt("c'1 \"x\"", 2, 300, 310, new Outcome.Failed(1290, "HY000", "read-only \"quoted\"")),
                new Attempt("c'1 \"x\"", 3, 400, 5400, new Outcome.Unknown(0, "08000", "Socket error")),
                new Attempt("c'1 \"x\"", 4, 600, 600,
                        new Outcome.Unknown(0, null, "no outcome recorded (client stopped during the statement)")));
    }

    @Test
    void aCutShortLastLineIsToleratedAndReported() throws Exception {
        Path file = writeSample();
        Files.writeString(file, "{\"type\":\"end\",\"ts\":70", StandardOpenOption.APPEND);
        Ledger l = LedgerReader.read(file);
        assertThat(l.truncatedTail()).isTrue();
        assertThat(l.attempts()).hasSize(4);
    }

    @Test
    void garbageInTheMiddleIsAClearError() throws Exception {
        Path file = writeSample();
        List<String> lines = Files.readAllLines(file);
        lines.set(3, "not json at all");
        Files.write(file, lines);
        assertThatThrownBy(() -> LedgerReader.read(file))
                .isInstanceOf(LedgerException.class)
                .hasMessage("ledger " + file + " line 4 is not a ledger record");
        lines.set(3, "{\"type\":\"end\",\"seq\":3,\"ts\":1}");
        Files.write(file, lines);
        assertThatThrownBy(() -> LedgerReader.read(file))
                .isInstanceOf(LedgerException.class)
                .hasMessage("ledger " + file + " line 4 is not a ledger record");
    }

    @Test
    void aFileThatIsNoLedgerIsAClearError() throws Exception {
        Path file = dir.resolve("ledger-x.jsonl");
        Files.writeString(file, "{\"type\":\"begin\",\"ts\":1,\"seq\":1}\n");
        assertThatThrownBy(() -> LedgerReader.read(file)).hasMessageContaining("does not begin with a start record");
        Files.writeString(file, "");
        assertThatThrownBy(() -> LedgerReader.read(file)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> LedgerReader.read(dir.resolve("nope.jsonl"))).hasMessageContaining("does not exist");
    }

    @Test
    void runFolderNamesAreFileSafeAndDistinct() {
        RunFolder f = new RunFolder(dir);
        assertThat(f.ledger("client-a.1")).isEqualTo(dir.resolve("ledger-client-a.1.jsonl"));
        assertThat(f.ledger("a/b")).isNotEqualTo(f.ledger("a_b"));
        assertThat(f.ledger("a/b").getFileName().toString()).startsWith("ledger-a_b-").endsWith(".jsonl");
    }

    @Test
    void sequenceRanges() {
        assertThat(SequenceRanges.format(List.of(1L, 2L, 3L, 5L, 7L, 8L), 2)).isEqualTo("1-3, 5, … (+1 more ranges)");
        assertThat(SequenceRanges.of(List.of(4L, 4L, 5L))).containsExactly(new SequenceRanges.Range(4, 5));
        assertThat(SequenceRanges.of(List.of())).isEmpty();
    }
}
