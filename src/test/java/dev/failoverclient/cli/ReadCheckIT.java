package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.config.Secret;
import dev.failoverclient.lab.Lab;
import dev.failoverclient.lab.LabNode;
import dev.failoverclient.lab.MariaDbInstallation;
import dev.failoverclient.lab.Replication;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.RunFiles;
import dev.failoverclient.testsupport.Truth;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --read-check} against a real primary and replica: the replica stops replicating half
 * way, so every write acknowledged after that is a stale read on the read endpoint and every write
 * before it became visible there. Counted independently from the ledger and the replica's rows read
 * with plain SQL.
 */
class ReadCheckIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "reader";

    @TempDir
    Path dir;

    @Test
    void aReplicaThatStoppedReplicatingServesStaleReadsAndEachIsCounted() throws Exception {
        Secret password = new Secret("reads-pw");
        Path run = dir.resolve("run");
        Path summary = dir.resolve("summary.json");
        try (Lab lab = Lab.start(2, Replication.ASYNC, MariaDbInstallation.embedded(MariaDbInstallation.defaultCache()),
                dir.resolve("nodes"), dir.resolve("events.jsonl"), Clock.systemUTC(), password, false)) {
            LabNode primary = lab.nodes().get(0);
            LabNode replica = lab.nodes().get(1);
            ClientProcess client = ClientProcess.start(List.of("--host", primary.endpoint().toString(), "--user",
                    Lab.APP_USER, "--database", Lab.APP_DATABASE, "--client-id", CLIENT, "--run-dir", run.toString(),
                    "--write-interval", "0.02", "--read-check", "--read-host", replica.endpoint().toString(),
                    "--read-check-timeout", "1s", "--json", summary.toString()),
                    Map.of("MARIADB_PASSWORD", password.reveal()));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> ok(run).size() >= 30);
            replica.exec("STOP SLAVE");
            int beforeStop = ok(run).size();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> ok(run).size() >= beforeStop + 30);
            assertThat(client.interrupt(Duration.ofSeconds(60))).as(client.output()).isZero();

            SortedMap<Long, Integer> onReplica;
            try (Connection c = replica.connect()) {
                c.setCatalog(Lab.APP_DATABASE);
                onReplica = Truth.of(Truth.rows(c), CLIENT);
            }
            List<Long> acknowledged = ok(run);
            List<Long> notShown = acknowledged.stream().filter(s -> !onReplica.containsKey(s)).toList();
            long shown = acknowledged.size() - notShown.size();
            assertThat(notShown).hasSizeGreaterThanOrEqualTo(30);
            assertThat(shown).isGreaterThanOrEqualTo(30);

            JsonNode s = JSON.readTree(summary.toFile());
            assertThat(s.get("verdict").asText()).isEqualTo("PASS");
            assertThat(s.get("stale_reads").asLong()).isEqualTo(notShown.size());
            assertThat(s.at("/read_check/stale_own").asLong()).as("read-your-writes on its own connection").isZero();
            assertThat(s.get("read_check").get("stale").findValues("sequence").stream().map(JsonNode::asLong))
                    .containsExactlyElementsOf(notShown);
            double max = s.at("/read_visibility_ms/max").asDouble();
            assertThat(s.at("/read_visibility_ms/p50").asDouble()).isPositive().isLessThanOrEqualTo(max);
            assertThat(max).isLessThanOrEqualTo(1_000);
            assertThat(RunFiles.visibleWrites(run, CLIENT)).as("writes the read endpoint showed").isEqualTo(shown);
            String line = "Read check: stale reads " + notShown.size() + " (own connection 0, read endpoint "
                    + notShown.size() + ")";
            assertThat(client.stdout()).anyMatch(l -> l.startsWith(line));
        }
    }

    /** Acknowledged sequences, from the ledger parsed with plain Jackson. */
    private static List<Long> ok(Path run) throws Exception {
        return Truth.Ledger.read(run.resolve("ledger-" + CLIENT + ".jsonl")).with("OK");
    }
}
