package dev.failoverclient.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
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
                new Entry.Attempted(new Attempt(ID, 4, 6000, 6000,
                        new Outcome.Unknown(0, null, "no outcome recorded (client stopped during the statement)"))),
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
        }
        Files.writeString(dir.resolve("events.jsonl"), "{\"ts\":\"x\",\"micros\":25,\"cycle\":1,\"type\":\"fault_injected\","
                + "\"node\":\"node-0\",\"detail\":\"SIGKILL\"}\n");
        History h = History.read(dir, List.of());
        assertThat(h.events()).containsExactly(new LabEvent(25, 1, LabEvent.FAULT, "node-0", "SIGKILL"));
        assertThat(replay(h)).extracting(Entry::micros).containsExactly(20L, 25L, 30L, 50L);
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
                + " (ledger-<client>.jsonl): is it a run folder? Without a ledger use --no-ledger");
        assertThatThrownBy(() -> History.read(dir.resolve("nope"), List.of()))
                .hasMessage("run folder " + dir.resolve("nope") + " does not exist or is not a folder");
    }
}
