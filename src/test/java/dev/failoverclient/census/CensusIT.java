package dev.failoverclient.census;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --nodes} against the machine's MariaDB as a user without any global privilege: the census
 * watches what such a user may see, says once what it cannot, and the run's summary carries it.
 */
class CensusIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aUserWithoutMonitoringPrivilegesGetsOneWarningAndTheRestOfTheCensus() throws Exception {
        try (LocalServer server = new LocalServer()) {
            Path run = dir.resolve("run");
            ClientProcess p = ClientProcess.run(List.of("--host", LocalServer.HOST, "--user", server.user(),
                    "--database", server.database(), "--client-id", "census", "--run-dir", run.toString(),
                    "--write-interval", "0.05", "--duration", "3s", "--nodes", LocalServer.HOST + ":" + LocalServer.PORT),
                    Map.of("MARIADB_PASSWORD", server.password()), Duration.ofSeconds(60));
            assertThat(p.exitCode()).as(p.output()).isZero();

            assertThat(p.stdout().stream().filter(l -> l.contains("census: cannot see the replica status of "
                    + LocalServer.HOST + ":" + LocalServer.PORT))).as(p.output()).singleElement()
                    .satisfies(l -> assertThat(l).contains("[WARNING]").endsWith("grant the user REPLICA MONITOR"
                            + " (SLAVE MONITOR)"));
            List<String> lines = Files.readAllLines(run.resolve("census.jsonl"));
            JsonNode first = JSON.readTree(lines.get(0));
            assertThat(first.get("type").asText()).isEqualTo("census_start");
            assertThat(first.get("interval_us").asLong()).isEqualTo(100_000);
            JsonNode node = JSON.readTree(lines.get(1));
            assertThat(node.get("type").asText()).isEqualTo("node");
            assertThat(node.get("reachable").asBoolean()).isTrue();
            assertThat(node.get("read_only").asBoolean()).isFalse();
            assertThat(node.has("replicating")).as("hidden without the privilege, not guessed").isFalse();
            assertThat(JSON.readTree(lines.get(lines.size() - 1)).get("type").asText()).isEqualTo("census_stop");
            // Changes only: over three seconds at ten polls a second, one node that never changed is written once.
            assertThat(lines.stream().filter(l -> l.contains("\"type\":\"node\""))).hasSize(1);

            JsonNode census = RunFiles.summary(run).get("census");
            assertThat(census.get("nodes").toString()).isEqualTo("[\"127.0.0.1:3306\"]");
            assertThat(census.get("split_brain")).isEmpty();
            assertThat(census.get("no_primary")).isEmpty();
            assertThat(census.get("unreachable")).isEmpty();
            // The durability settings recorded are the server's, every one as SHOW GLOBAL VARIABLES tells it.
            JsonNode durability = RunFiles.summary(run).get("server_settings");
            assertThat(durability).hasSize(1);
            Map<String, String> recorded = new LinkedHashMap<>();
            durability.get(0).get("settings").fields().forEachRemaining(e -> recorded.put(e.getKey(),
                    e.getValue().asText()));
            assertThat(recorded).isEqualTo(globalVariables(server, recorded.keySet()));
            assertThat(recorded).containsKeys("version", "read_only", "innodb_flush_log_at_trx_commit", "sync_binlog",
                    "rpl_semi_sync_master_enabled", "gtid_strict_mode");
            assertThat(p.output()).doesNotContain(server.password());
        }
    }

    /** The server's global variables of these names, read with plain SQL. */
    private static Map<String, String> globalVariables(LocalServer server, Set<String> names) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection c = server.rootConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW GLOBAL VARIABLES")) {
            while (rs.next()) {
                String name = rs.getString(1).toLowerCase(java.util.Locale.ROOT);
                if (names.contains(name)) {
                    values.put(name, rs.getString(2));
                }
            }
        }
        return values;
    }
}
