package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.config.LabSetting;
import dev.failoverclient.lab.Lab;
import dev.failoverclient.lab.LabNode;
import dev.failoverclient.testsupport.RunFiles;
import dev.failoverclient.testsupport.Truth;
import dev.failoverclient.verify.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lab --tls}: every node requires TLS with the lab's certificates, replication runs over
 * TLS with the primary's certificate verified, the writers verify the nodes (verify-full), and the
 * verdict still matches the truth read with plain SQL on every node.
 */
class LabTlsIT {
    private static final List<String> CLIENTS = List.of("lab-1", "lab-2");

    @TempDir
    Path dir;

    /** @param replicas replicas at the end: a killed primary is restarted for reading, not repointed */
    @ParameterizedTest(name = "{0} direct={1}")
    @CsvSource({"kill-primary, false, 1", "switchover, true, 2"})
    void scenarioPassesWithTlsEverywhere(String scenario, boolean direct, int replicas) throws Exception {
        Path runDir = dir.resolve(scenario);
        Map<LabSetting, String> flags = new EnumMap<>(Map.of(LabSetting.SCENARIO, scenario, LabSetting.WARMUP, "1s",
                LabSetting.RECOVERY, "2s", LabSetting.RUN_DIR, runDir.toString()));
        LabConfig config = LabCommand.config(flags, false, direct, true);
        Map<String, Map<String, String>> nodeState = new LinkedHashMap<>();
        Map<String, SortedMap<Long, Integer>> onPrimary = new LinkedHashMap<>();
        LabSession.Result result = new LabSession(config, Clock.systemDefaultZone(), new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(lab -> read(lab, nodeState, onPrimary));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(nodeState).hasSize(3);
        nodeState.forEach((node, state) -> assertThat(state.get("require_secure_transport")).as(node).isEqualTo("1"));
        assertThat(nodeState.values().stream().filter(s -> s.containsKey("Master_SSL_Allowed")))
                .hasSize(replicas).allSatisfy(s -> {
            assertThat(s.get("Master_SSL_Allowed")).isEqualTo("Yes");
            assertThat(s.get("Master_SSL_Verify_Server_Cert")).isEqualTo("Yes");
            assertThat(s.get("Slave_IO_Running")).isEqualTo("Yes");
        });
        JsonNode tls = RunFiles.summary(runDir).get("tls");
        assertThat(tls.get("all_encrypted").asBoolean()).as(tls.toString()).isTrue();
        assertThat(tls.get("refused")).isEmpty();
        for (String client : CLIENTS) {
            Truth.Ledger ledger = Truth.Ledger.read(runDir.resolve("ledger-" + client + ".jsonl"));
            Truth.Expected expected = Truth.Expected.of(ledger, Truth.of(onPrimary, client));
            assertThat(expected.lost()).as(client + " lost").isEmpty();
            assertThat(expected.duplicates()).as(client + " duplicates").isEmpty();
            assertThat(ledger.with("OK")).as(client + " acknowledged").isNotEmpty();
        }
    }

    /** Plain SQL on every node (over the lab's TLS root connection) before teardown. */
    private static void read(Lab lab, Map<String, Map<String, String>> nodeState,
                             Map<String, SortedMap<Long, Integer>> onPrimary) {
        for (LabNode n : lab.nodes()) {
            Map<String, String> state = new LinkedHashMap<>();
            try (Connection c = n.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT @@require_secure_transport")) {
                    rs.next();
                    state.put("require_secure_transport", rs.getString(1));
                }
                try (ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
                    if (rs.next()) {
                        for (String col : List.of("Master_SSL_Allowed", "Master_SSL_Verify_Server_Cert",
                                "Slave_IO_Running")) {
                            state.put(col, rs.getString(col));
                        }
                    }
                }
                if (n == lab.primary()) {
                    c.setCatalog(Lab.APP_DATABASE);
                    onPrimary.putAll(Truth.rows(c));
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            nodeState.put(n.name(), state);
        }
    }
}
