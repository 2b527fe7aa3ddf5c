package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.SequenceRanges;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.EmbeddedNode;
import dev.failoverclient.testsupport.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --nodes} with a real replica that is stopped mid-run: a replica finding, not loss. */
class VerifyReplicaIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> ENV = Map.of("MARIADB_PASSWORD", "pw");

    @TempDir
    Path dir;

    @Test
    void stoppedReplicaIsReportedAsNotReplicatedNotAsLoss() throws Exception {
        try (EmbeddedNode primary = EmbeddedNode.start(dir.resolve("p"));
             EmbeddedNode replica = EmbeddedNode.start(dir.resolve("r"))) {
            replica.replicateFrom(primary);
            primary.createAppUser("writer", "pw");
            Path run = dir.resolve("run");
            Path ledger = run.resolve("ledger-rep.jsonl");
            try (ClientProcess client = ClientProcess.start(List.of("--host", "127.0.0.1", "--port",
                    "" + primary.port(), "--user", "writer", "--client-id", "rep", "--run-dir", run.toString(),
                    "--write-interval", "0.03"), ENV)) {
                await().atMost(WAIT).ignoreExceptions().until(() -> rows(replica) >= 15);
                replica.root("STOP SLAVE");
                long ok = okCount(run, ledger);
                await().atMost(WAIT).until(() -> okCount(run, ledger) >= ok + 15);
                assertThat(client.terminate(WAIT)).as(client.output()).isZero();
            }
            List<Long> acknowledged = RunFiles.ledger(run, "rep").attempts().stream().filter(Attempt::ok)
                    .map(Attempt::sequence).toList();
            List<Long> onReplica;
            try (Connection c = replica.rootConnection()) {
                c.setCatalog("test");
                onReplica = RunFiles.sequences(c, "rep");
            }
            List<Long> notReplicated = new ArrayList<>(acknowledged);
            notReplicated.removeAll(onReplica);
            assertThat(notReplicated).isNotEmpty();

            List<String> args = List.of("verify", "--host", "127.0.0.1:" + primary.port(), "--user", "writer",
                    "--run-dir", run.toString(), "--nodes", "127.0.0.1:" + primary.port() + ",127.0.0.1:"
                            + replica.port(), "--json", dir.resolve("v.json").toString());
            ClientProcess verify = ClientProcess.run(args, ENV, WAIT);

            assertThat(verify.exitCode()).as(verify.output()).isZero();
            JsonNode s = new ObjectMapper().readTree(dir.resolve("v.json").toFile());
            assertThat(s.get("verdict").asText()).isEqualTo("PASS");
            assertThat(s.get("lost").asLong()).isZero();
            JsonNode replicas = s.at("/details/clients/rep/replicas");
            assertThat(replicas).hasSize(1);
            assertThat(replicas.get(0).get("node").asText()).startsWith("127.0.0.1:" + replica.port());
            assertThat(replicas.get(0).get("missing").toString()).isEqualTo(SequenceRanges.of(notReplicated).stream()
                    .map(r -> "\"" + r + "\"").toList().toString().replace(", ", ","));
            assertThat(replicas.get(0).get("errant").size()).isZero();
            assertThat(verify.stdout()).anyMatch(l -> l.contains("differs from the primary"));

            List<String> strict = new ArrayList<>(args);
            strict.add("--strict-replicas");
            ClientProcess strictVerify = ClientProcess.run(strict, ENV, WAIT);
            assertThat(strictVerify.exitCode()).as(strictVerify.output()).isEqualTo(1);
        }
    }

    private static long okCount(Path run, Path ledger) {
        return Files.exists(ledger) ? RunFiles.ledger(run, "rep").attempts().stream().filter(Attempt::ok).count() : 0;
    }

    private static long rows(EmbeddedNode node) throws Exception {
        try (Connection c = node.rootConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM test.failover_test WHERE client_id = 'rep'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
