package dev.failoverclient.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    private static final String ID = "c'1 \"x\"";

    @TempDir
    Path dir;

    private Path writeSample() {
        Path file = dir.resolve("ledger-c.jsonl");
        try (LedgerWriter w = new LedgerWriter(file, ID, 100)) {
            w.connected(110, 7, "db-0", "11.4.5-MariaDB", Map.of("sync_binlog", "1"), "TLSv1.3",
                    "TLS_AES_256_GCM_SHA384");
            w.begin(1, 200);
            w.end(1, 250, new Outcome.Ok(7));
            w.begin(2, 300);
            w.end(2, 310, new Outcome.Failed(1290, "HY000", "read-only \"quoted\""));
            w.begin(3, 400);
            w.end(3, 5400, new Outcome.Unknown(0, "08000", "Socket error"));
            w.loss(5500, 8, List.of(1L));
            w.tlsRefused(5600, "the TLS certificate of MariaDB at db-1:3306 is not signed by a CA in --ssl-ca x");
            w.begin(4, 6000);
            w.stopped(9_000);
        }
        return file;
    }

    private static List<Entry> replay(History h) {
        List<Entry> all = new ArrayList<>();
        try (Replay r = h.replay()) {
            for (Entry e = r.next(); e != null; e = r.next()) {
                all.add(e);
            }
        }
        return all;
    }

    @Test
    void roundTripsEveryRecordType() {
        writeSample();
        History h = History.read(dir, List.of());
        assertThat(h.clients()).containsExactly(ID);
        assertThat(replay(h)).containsExactly(
                new Entry.Connected(ID, 110, 7, "db-0", "11.4.5-MariaDB", Map.of("sync_binlog", "1"), "TLSv1.3",
                        "TLS_AES_256_GCM_SHA384"),
                new Entry.Attempted(new Attempt(ID, 1, 200, 250, new Outcome.Ok(7))),
                new Entry.Attempted(new Attempt(ID, 2, 300, 310, new Outcome.Failed(1290, "HY000", "read-only \"quoted\""))),
                new Entry.Attempted(new Attempt(ID, 3, 400, 5400, new Outcome.Unknown(0, "08000", "Socket error"))),
                new Entry.LossFound(ID, 5500, 8, List.of(1L)),
                new Entry.TlsRefused(ID, 5600, "the TLS certificate of MariaDB at db-1:3306 is not signed by a CA in --ssl-ca x"),
                new Entry.Attempted(new Attempt(ID, 4, 6000, 6000, Outcome.Unknown.UNANSWERED)),
                new Entry.Stopped(ID, 9_000));
    }

    @Test
    void ledgersAndLabEventsReplayInTimeOrder() throws Exception {
        try (LedgerWriter a = new LedgerWriter(dir.resolve("ledger-a.jsonl"), "a", 0);
             LedgerWriter b = new LedgerWriter(dir.resolve("ledger-b.jsonl"), "b", 0)) {
            a.begin(1, 10);
            a.end(1, 20, new Outcome.Ok(1));
            a.begin(2, 40);
            a.end(2, 50, new Outcome.Ok(1));
            b.begin(1, 15);
            b.end(1, 30, new Outcome.Ok(1));
            a.stopped(60);
            b.stopped(61);
        }
        Files.writeString(dir.resolve("events.jsonl"), "{\"ts\":\"x\",\"micros\":25,\"cycle\":1,\"type\":\"fault_injected\","
                + "\"node\":\"node-0\",\"detail\":\"SIGKILL\"}\n");
        History h = History.read(dir, List.of());
        assertThat(h.events()).containsExactly(new LabEvent(25, 1, LabEvent.FAULT, "node-0", "SIGKILL"));
        assertThat(replay(h)).extracting(Entry::micros).containsExactly(20L, 25L, 30L, 50L, 60L, 61L);
        assertThat(History.read(dir, List.of("b")).clients()).containsExactly("b");
    }

    @Test
    void aCutShortLastLineIsToleratedAndReported() throws Exception {
        Path file = writeSample();
        Files.writeString(file, "{\"type\":\"end\",\"ts\":70", StandardOpenOption.APPEND);
        History h = History.read(dir, List.of());
        try (Replay r = h.replay()) {
            int attempts = 0;
            for (Entry e = r.next(); e != null; e = r.next()) {
                attempts += e instanceof Entry.Attempted ? 1 : 0;
            }
            assertThat(attempts).isEqualTo(4);
            assertThat(r.truncatedTails()).containsExactly(ID);
        }
    }

    @Test
    void garbageInTheMiddleIsAClearError() throws Exception {
        Path file = writeSample();
        List<String> lines = Files.readAllLines(file);
        lines.set(3, "not json at all");
        Files.write(file, lines);
        assertThatThrownBy(() -> replay(History.read(dir, List.of())))
                .isInstanceOf(LedgerException.class)
                .hasMessage("ledger " + file + " line 4 is not a ledger record");
        lines.set(3, "{\"type\":\"end\",\"seq\":3,\"ts\":1}");
        Files.write(file, lines);
        assertThatThrownBy(() -> replay(History.read(dir, List.of())))
                .isInstanceOf(LedgerException.class)
                .hasMessage("ledger " + file + " line 4 is not a ledger record");
    }

    @Test
    void aFolderThatIsNoRunIsAClearError() throws Exception {
        Path file = dir.resolve("ledger-x.jsonl");
        Files.writeString(file, "{\"type\":\"begin\",\"ts\":1,\"seq\":1}\n");
        assertThatThrownBy(() -> History.read(dir, List.of())).hasMessageContaining("does not begin with a start record");
        Files.writeString(file, "");
        assertThatThrownBy(() -> History.read(dir, List.of())).hasMessage("ledger " + file + " is empty");
        // One line that is no record is no cut-short tail of a ledger: it is named as the bad line.
        Files.writeString(file, "hello\n");
        assertThatThrownBy(() -> History.read(dir, List.of())).hasMessage("ledger " + file
                + " line 1 is not a ledger record");
        Files.delete(file);
        assertThatThrownBy(() -> History.read(dir, List.of())).hasMessage("no ledger in " + dir
                + " (ledger-<client>.jsonl): is it a run folder? Without a ledger, verify --no-ledger checks the rows alone");
        assertThatThrownBy(() -> History.read(dir.resolve("nope"), List.of()))
                .hasMessage("run folder " + dir.resolve("nope") + " does not exist or is not a folder");
    }

    /**
     * A client killed during its second attempt and started again in its folder: one history, its
     * unanswered attempt UNKNOWN at its start, the downtime from the first process's last record to
     * the second's start, and the second segment's end without a stop record named.
     */
    @Test
    void aClientStartedAgainContinuesItsHistoryInSegments() {
        RunFolder folder = new RunFolder(dir);
        try (LedgerWriter w = new LedgerWriter(folder.ledger("c"), "c", 100)) {
            w.begin(1, 200);
            w.end(1, 250, new Outcome.Ok(7));
            w.begin(2, 300);
        }
        try (LedgerWriter w = new LedgerWriter(folder.ledger("c", 2), "c", 5_000, 2)) {
            w.begin(3, 5_100);
            w.end(3, 5_150, new Outcome.Ok(8));
        }
        History h = History.read(dir, List.of());
        assertThat(h.clients()).containsExactly("c");
        assertThat(replay(h)).containsExactly(
                new Entry.Attempted(new Attempt("c", 1, 200, 250, new Outcome.Ok(7))),
                new Entry.Attempted(new Attempt("c", 2, 300, 300, Outcome.Unknown.UNANSWERED)),
                new Entry.Restarted("c", 5_000, 300, false),
                new Entry.Attempted(new Attempt("c", 3, 5_100, 5_150, new Outcome.Ok(8))),
                new Entry.Vanished("c", 5_150));
        assertThat(replay(History.live(folder, List.of("c")))).as("read while it writes: not killed")
                .doesNotHaveAnyElementsOfTypes(Entry.Vanished.class).hasSize(4);
        assertThat(replay(History.of(folder, List.of("c")))).hasSize(5);
    }

    @Test
    void aMissingSegmentOrAClientInTwoFoldersIsAClearError() throws Exception {
        RunFolder folder = new RunFolder(dir);
        new LedgerWriter(folder.ledger("c"), "c", 100).close();
        new LedgerWriter(folder.ledger("c", 3), "c", 200, 3).close();
        assertThatThrownBy(() -> History.read(dir, List.of())).isInstanceOf(LedgerException.class)
                .hasMessage("client c in " + dir + " has segments [1, 3] of its ledger: one is missing");

        Path other = Files.createDirectories(dir.resolve("other"));
        Path third = Files.createDirectories(dir.resolve("third"));
        new LedgerWriter(new RunFolder(other).ledger("d"), "d", 100).close();
        new LedgerWriter(new RunFolder(third).ledger("d"), "d", 100).close();
        assertThatThrownBy(() -> History.read(List.of(other, third), List.of())).isInstanceOf(LedgerException.class)
                .hasMessage("client d has ledgers in " + other + " and in " + third + ": give each client's folder once");
    }

    @Test
    void severalFoldersAreOneHistory() throws Exception {
        Path one = Files.createDirectories(dir.resolve("pod-0"));
        Path two = Files.createDirectories(dir.resolve("pod-1"));
        try (LedgerWriter a = new LedgerWriter(new RunFolder(one).ledger("pod-0"), "pod-0", 0);
             LedgerWriter b = new LedgerWriter(new RunFolder(two).ledger("pod-1"), "pod-1", 0)) {
            a.begin(1, 10);
            a.end(1, 20, new Outcome.Ok(1));
            b.begin(1, 15);
            b.end(1, 30, new Outcome.Ok(1));
            a.stopped(40);
            b.stopped(41);
        }
        History h = History.read(List.of(one, two), List.of());
        assertThat(h.clients()).containsExactly("pod-0", "pod-1");
        assertThat(h.folders()).isEqualTo(2);
        assertThat(replay(h)).extracting(Entry::micros).containsExactly(20L, 30L, 40L, 41L);
    }
}
