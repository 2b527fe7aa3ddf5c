package dev.failoverclient.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerWriterTest {
    @TempDir
    Path dir;

    @Test
    void everyRecordIsOneLineOfJson() throws Exception {
        Path file = dir.resolve("ledger-c.jsonl");
        try (LedgerWriter w = new LedgerWriter(file, "c", 100)) {
            w.begin(1, 200);
            // Handed to the operating system before the statement is sent: readable at once.
            assertThat(Files.readAllLines(file)).containsExactly(
                    "{\"type\":\"start\",\"ts\":100,\"client\":\"c\",\"format\":1}",
                    "{\"type\":\"begin\",\"ts\":200,\"seq\":1}");
        }
    }

    @Test
    void aLedgerIsNeverAppendedTo() {
        Path file = dir.resolve("ledger-c.jsonl");
        new LedgerWriter(file, "c", 100).close();
        assertThatThrownBy(() -> new LedgerWriter(file, "c", 200))
                .isInstanceOf(LedgerException.class)
                .hasMessage("run folder " + dir + " already holds a ledger of client c: choose a new --run-dir (or leave"
                        + " it out for a fresh runs/<timestamp>-<id> folder)");
    }

    @Test
    void runFolderNamesAreFileSafeAndDistinct() {
        RunFolder f = new RunFolder(dir);
        assertThat(f.ledger("client-a.1")).isEqualTo(dir.resolve("ledger-client-a.1.jsonl"));
        assertThat(f.ledger("a/b")).isNotEqualTo(f.ledger("a_b"));
        assertThat(f.ledger("a/b").getFileName().toString()).startsWith("ledger-a_b-").endsWith(".jsonl");
        assertThat(f.ledger("pad ")).isNotEqualTo(f.ledger("pad"));
    }

    @Test
    void sequenceRanges() {
        assertThat(SequenceRanges.format(List.of(1L, 2L, 3L, 5L, 7L, 8L), 2)).isEqualTo("1-3, 5, … (+1 more ranges)");
        assertThat(SequenceRanges.of(List.of(4L, 4L, 5L))).containsExactly(new SequenceRanges.Range(4, 5));
        assertThat(SequenceRanges.of(List.of())).isEmpty();
    }

    @Test
    void sequencesKeepRangesNotNumbers() {
        Sequences s = new Sequences();
        for (long i = 1; i <= 1_000_000; i++) {
            s.add(i);
        }
        s.add(1_000_000);
        s.add(2_000_000);
        assertThat(s.count()).isEqualTo(1_000_001);
        assertThat(s.labels()).containsExactly("1-1000000", "2000000");
        assertThat(s.format(1)).isEqualTo("1-1000000, … (+1 more ranges)");
        assertThatThrownBy(() -> s.add(5)).isInstanceOf(IllegalArgumentException.class);
    }
}
