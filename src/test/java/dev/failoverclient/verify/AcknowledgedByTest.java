package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.report.Summary;
import dev.failoverclient.report.TextReport;
import dev.failoverclient.testsupport.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failover as the writes show it: one server's stint, the refusals, then the new primary's. */
class AcknowledgedByTest {
    @TempDir
    Path dir;

    @Test
    void eachClientsWritesAreListedServerByServerInTurn() {
        try (LedgerWriter w = new LedgerWriter(new RunFolder(dir).ledger("c"), "c", 0)) {
            w.connected(500, 1, "node-0", "11.4.5", Map.of(), null, null);
            for (long s = 1; s <= 3; s++) {
                w.begin(s, s * 1_000);
                w.end(s, s * 1_000 + 500, new Outcome.Ok(1));
            }
            w.begin(4, 4_000);
            w.end(4, 4_500, new Outcome.Failed(1290, "HY000", "read-only"));
            w.connected(5_000, 2, "node-1", "11.4.5", Map.of(), null, null);
            for (long s = 5; s <= 6; s++) {
                w.begin(s, s * 1_000);
                w.end(s, s * 1_000 + 500, new Outcome.Ok(2));
            }
            w.stopped(7_000);
        }
        Analysis a = Runs.analyse(dir, Runs.node("p", 1, 2, 3, 5, 6), List.of(), false);

        assertThat(a.find(AcknowledgedBy.class).clients().get("c")).containsExactly(
                new AcknowledgedBy.Stint(1, "node-0", 1_500, 3_500, 3),
                new AcknowledgedBy.Stint(2, "node-1", 5_500, 6_500, 2));
        assertThat(a.conclusion().verdict()).isEqualTo(Verdict.PASS);
        assertThat(TextReport.format(a).lines()).contains(
                "Acknowledged by, c: server_id 1 (node-0) 3 writes, then server_id 2 (node-1) 2 writes");
        JsonNode json = new ObjectMapper().valueToTree(Summary.of(a).asMap());
        assertThat(json.at("/acknowledged_by/c/1").toString()).isEqualTo("{\"server_id\":2,\"hostname\":\"node-1\","
                + "\"first\":\"1970-01-01T00:00:00.005500Z\",\"last\":\"1970-01-01T00:00:00.006500Z\",\"writes\":2}");
    }
}
