package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.Truth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --run-dir A --run-dir B}: the folders of two clients (as copied out of a fleet's pods)
 * give one verdict over both, and a write lost by one fails it, named.
 */
class FleetVerifyIT {
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final LocalServer server = LocalServer.extension();
    @TempDir
    Path dir;

    private ClientProcess writer(String client, Path run) throws Exception {
        return ClientProcess.run(List.of("--host", LocalServer.HOST, "--user", server.user(), "--database",
                server.database(), "--client-id", client, "--run-dir", run.toString(), "--write-interval", "0.02",
                "--duration", "1s"), Map.of("MARIADB_PASSWORD", server.password()), EXIT);
    }

    private ClientProcess verify(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", "--host", LocalServer.HOST, "--user", server.user(),
                "--database", server.database()));
        args.addAll(List.of(extra));
        return ClientProcess.run(args, Map.of("MARIADB_PASSWORD", server.password()), EXIT);
    }

    @Test
    void twoClientsFoldersGiveOneVerdict() throws Exception {
        Path a = dir.resolve("pod-a");
        Path b = dir.resolve("pod-b");
        assertThat(writer("pod-a", a).exitCode()).isZero();
        assertThat(writer("pod-b", b).exitCode()).isZero();
        long attempts = Truth.Ledger.read(a.resolve("ledger-pod-a.jsonl")).attempts().size()
                + Truth.Ledger.read(b.resolve("ledger-pod-b.jsonl")).attempts().size();

        Path json = dir.resolve("fleet.json");
        ClientProcess pass = verify("--run-dir", a.toString(), "--run-dir", b.toString(), "--json", json.toString());
        assertThat(pass.exitCode()).as(pass.output()).isZero();
        assertThat(pass.stdout()).contains("Verdict: PASS (lost 0, duplicates 0, unexpected 0)")
                .anyMatch(l -> l.startsWith("note: 2 run folders: no report.html"));
        JsonNode s = JSON.readTree(json.toFile());
        assertThat(s.get("clients").toString()).isEqualTo("[\"pod-a\",\"pod-b\"]");
        assertThat(s.at("/writes/attempted").asLong()).isEqualTo(attempts);

        long gone = Truth.Ledger.read(b.resolve("ledger-pod-b.jsonl")).with("OK").get(3);
        try (Connection c = server.rootConnection(); PreparedStatement del = c.prepareStatement(
                "DELETE FROM failover_test WHERE client_id = 'pod-b' AND sequence = ?")) {
            del.setLong(1, gone);
            assertThat(del.executeUpdate()).isEqualTo(1);
        }
        ClientProcess fail = verify("--run-dir", a.toString(), "--run-dir", b.toString(), "--json", json.toString());
        assertThat(fail.exitCode()).as(fail.output()).isEqualTo(1);
        assertThat(fail.stdout()).contains("Verdict: FAIL (lost 1)");
        assertThat(JSON.readTree(json.toFile()).at("/details/clients/pod-b/lost").toString())
                .isEqualTo("[\"" + gone + "\"]");
    }

    /**
     * What the chart's {@code helm test} runs: every pod's live /verdict, one line each, one verdict
     * for the fleet; a pod that lost a write fails it, a pod missing leaves it unknown.
     */
    @Test
    void theFleetCommandAsksEveryPodsVerdict() throws Exception {
        Map<String, String> env = Map.of("MARIADB_PASSWORD", server.password());
        List<String> base = List.of("--host", LocalServer.HOST, "--user", server.user(), "--database",
                server.database(), "--write-interval", "0.02", "--http-port", "0", "--http-bind", "127.0.0.1");
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of("--client-id", "pod-a", "--run-dir", dir.resolve("a").toString()));
        List<String> b = new ArrayList<>(base);
        b.addAll(List.of("--client-id", "pod-b", "--run-dir", dir.resolve("b").toString()));
        try (ClientProcess podA = ClientProcess.start(a, env); ClientProcess podB = ClientProcess.start(b, env)) {
            String service = "127.0.0.1:" + port(podA) + ",127.0.0.1:" + port(podB);
            ClientProcess pass = ClientProcess.run(List.of("fleet", "--service", service, "--expect", "2"), Map.of(), EXIT);
            assertThat(pass.exitCode()).as(pass.output()).isZero();
            assertThat(pass.stdout()).containsExactly(
                    "pod-a (127.0.0.1:" + port(podA) + "): PASS",
                    "pod-b (127.0.0.1:" + port(podB) + "): PASS",
                    "Verdict: PASS (fleet of 2 pods: pods failed 0, pods without a verdict 0)");

            ClientProcess missing = ClientProcess.run(List.of("fleet", "--service", service, "--expect", "3"), Map.of(),
                    EXIT);
            assertThat(missing.exitCode()).isEqualTo(3);
            assertThat(missing.stdout()).endsWith("Verdict: UNKNOWN (fleet of 3 pods: pods without a verdict 1)");

            try (Connection c = server.rootConnection(); PreparedStatement del = c.prepareStatement(
                    "DELETE FROM failover_test WHERE client_id = 'pod-b' AND sequence = 2")) {
                assertThat(del.executeUpdate()).isEqualTo(1);
            }
            ClientProcess fail = ClientProcess.run(List.of("fleet", "--service", service), Map.of(), EXIT);
            assertThat(fail.exitCode()).isEqualTo(1);
            assertThat(fail.stdout()).contains("pod-b (127.0.0.1:" + port(podB) + "): FAIL (lost 1)")
                    .endsWith("Verdict: FAIL (fleet of 2 pods: pods failed 1)");
        }
        ClientProcess nobody = ClientProcess.run(List.of("fleet", "--service", "127.0.0.1:1"), Map.of(), EXIT);
        assertThat(nobody.exitCode()).isEqualTo(3);
        assertThat(nobody.stdout().get(0)).startsWith("127.0.0.1:1: no verdict (ConnectException");
    }

    private static int port(ClientProcess p) {
        Pattern endpoint = Pattern.compile("HTTP endpoint on http://127\\.0\\.0\\.1:(\\d+)/");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> p.stdout().stream().anyMatch(l -> endpoint.matcher(l).find()));
        for (String line : p.stdout()) {
            Matcher m = endpoint.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError(p.output());
    }

    @Test
    void aClientInTwoFoldersIsRefused() throws Exception {
        Path a = dir.resolve("pod-a");
        assertThat(writer("pod-a", a).exitCode()).isZero();
        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (Stream<Path> files = Files.list(a)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        ClientProcess p = verify("--run-dir", a.toString(), "--run-dir", copy.toString(), "--run-dir", a.toString());
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.stderr()).containsExactly("error: client pod-a has ledgers in " + a + " and in " + copy
                + ": give each client's folder once");
    }
}
