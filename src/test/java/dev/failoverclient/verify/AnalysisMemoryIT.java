package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} of a million attempts in a 32 MiB heap. A checker that holds the run in memory
 * needs more than that (the one this replaced ran out of a 64 MiB heap on this run); the streaming
 * analysis holds one chunk of rows and the anomalies as ranges.
 */
class AnalysisMemoryIT {
    private static final long ATTEMPTS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void aMillionAttemptsAreCheckedExactlyInA32MiBHeap() throws Exception {
        try (LocalServer server = new LocalServer()) {
            server.root("USE ${db}", FailoverTable.CREATE,
                    "INSERT INTO ${db}.failover_test (client_id, sequence, write_timestamp, hostname)"
                            + " SELECT 'big', seq, NOW(6), 'x' FROM seq_1_to_" + ATTEMPTS,
                    // Acknowledged, then gone: 100 lost.
                    "DELETE FROM ${db}.failover_test WHERE client_id = 'big' AND sequence BETWEEN 400001 AND 400100",
                    // Stored twice: 10 duplicates.
                    "INSERT INTO ${db}.failover_test (client_id, sequence, write_timestamp, hostname)"
                            + " SELECT 'big', seq, NOW(6), 'x' FROM seq_700001_to_700010",
                    // Refused (FAILED in the ledger) and really absent: no anomaly.
                    "DELETE FROM ${db}.failover_test WHERE client_id = 'big' AND sequence BETWEEN 900001 AND 900005");
            Path run = dir.resolve("run");
            writeLedger(run);

            ClientProcess p = ClientProcess.start(List.of("-Xmx32m", "-XX:+UseSerialGC"), List.of("verify", "--host",
                    LocalServer.HOST, "--user", server.user(), "--database", server.database(), "--run-dir",
                    run.toString(), "--json", dir.resolve("s.json").toString()),
                    Map.of("MARIADB_PASSWORD", server.password()));
            assertThat(p.waitFor(Duration.ofMinutes(2))).as(p.output()).isEqualTo(1);

            // FAILED at 950001-950003, yet stored: 3 unexpected.
            assertThat(p.stdout()).contains("Verdict: FAIL (lost 100, duplicates 10, unexpected 3)");
            assertThat(p.output()).doesNotContain("OutOfMemoryError");
            JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("s.json").toFile());
            JsonNode d = s.at("/details/clients/big");
            assertThat(d.get("lost").toString()).isEqualTo("[\"400001-400100\"]");
            assertThat(d.get("duplicates").toString()).isEqualTo("[\"700001-700010\"]");
            assertThat(d.get("unexpected").toString()).isEqualTo("[\"950001-950003\"]");
            assertThat(s.at("/writes/attempted").asLong()).isEqualTo(ATTEMPTS);
            assertThat(s.at("/writes/failed").asLong()).isEqualTo(8);
        }
    }

    private static void writeLedger(Path run) throws Exception {
        java.nio.file.Files.createDirectories(run);
        try (LedgerWriter w = new LedgerWriter(new RunFolder(run).ledger("big"), "big", 0)) {
            for (long s = 1; s <= ATTEMPTS; s++) {
                boolean refused = (s >= 900_001 && s <= 900_005) || (s >= 950_001 && s <= 950_003);
                w.begin(s, s * 1_000);
                w.end(s, s * 1_000 + 400, refused ? new Outcome.Failed(1290, "HY000", "read-only") : new Outcome.Ok(1));
            }
            w.stopped(ATTEMPTS * 1_000 + 1_000);
        }
    }
}
