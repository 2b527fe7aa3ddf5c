package dev.failoverclient.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.history.History;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Jepsen operations of a two-client history, one client stopping early, one transaction of two rows. */
class JepsenHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void operationsAreInTimeOrderWithTheirElementsProcessesAndOutcomes() throws Exception {
        try (LedgerWriter a = new LedgerWriter(dir.resolve("ledger-a.jsonl"), "a", 0);
             LedgerWriter b = new LedgerWriter(dir.resolve("ledger-b.jsonl"), "b", 0)) {
            a.begin(1, 10);
            a.end(1, 20, new Outcome.Ok(1));
            b.begin(1, 12);
            b.end(1, 14, new Outcome.Failed(1290, "HY000", "read-only"));
            b.stopped(15);
            a.begin(2, 30, 2);
            a.end(2, 50, new Outcome.Unknown(0, "08000", "Socket error"));
            a.begin(4, 60);
            a.end(4, 70, new Outcome.Ok(1));
            a.stopped(80);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = JepsenHistory.write(History.read(dir, List.of()), List.of(), out);
        List<String> ops = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode op = JSON.readTree(line);
            assertThat(op.get("f").asText()).isEqualTo("add");
            ops.add(op.get("index").asLong() + " " + op.get("time").asLong() + " p" + op.get("process").asInt() + " "
                    + op.get("type").asText() + " " + op.get("value").asLong());
        }
        // Clients are numbered as their first attempt ends: b first. Its elements are its sequences.
        long a = JepsenHistory.SPAN;
        assertThat(ops).containsExactly(
                "0 0 p1 invoke " + (a + 1),
                "1 2000 p0 invoke 1",
                "2 4000 p0 fail 1",
                "3 10000 p1 ok " + (a + 1),
                // The transaction's two rows one after the other inside its span; an info crashes the
                // process, and the client goes on as a new one (p1 + 2 clients).
                "4 20000 p1 invoke " + (a + 2),
                "5 30000 p1 info " + (a + 2),
                "6 30000 p3 invoke " + (a + 3),
                "7 40000 p3 info " + (a + 3),
                "8 50000 p5 invoke " + (a + 4),
                "9 60000 p5 ok " + (a + 4));
        assertThat(written).isEqualTo(10);
    }
}
