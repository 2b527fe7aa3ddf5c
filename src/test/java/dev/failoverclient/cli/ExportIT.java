package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.Truth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --format jepsen} of a real run with acknowledged, refused and unanswered writes and a
 * restart: every attempt of the ledger appears exactly once as its invoke and its completion, each
 * process one operation at a time, and the final read is the rows on the server.
 */
class ExportIT {
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final String CLIENT = "exported";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final LocalServer server = LocalServer.extension();
    @TempDir
    Path dir;

    @Test
    void everyAttemptIsItsInvokeAndItsCompletionAndTheReadIsTheRows() throws Exception {
        Path run = dir.resolve("run");
        Path first = run.resolve("ledger-" + CLIENT + ".jsonl");
        Map<String, String> env = Map.of("MARIADB_PASSWORD", server.password());
        List<String> args = List.of("--host", LocalServer.HOST, "--user", server.user(), "--database",
                server.database(), "--client-id", CLIENT, "--run-dir", run.toString(), "--write-interval", "0.02");
        try (ClientProcess p = ClientProcess.start(args, env); Connection root = server.rootConnection();
             Statement s = root.createStatement()) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Truth.Ledger.read(first)
                    .with("OK").size() >= 20);
            s.execute("RENAME TABLE failover_test TO away"); // refused: FAILED
            await().atMost(Duration.ofSeconds(30)).until(() -> Truth.Ledger.read(first).with("FAILED").size() >= 3);
            s.execute("RENAME TABLE away TO failover_test");
            s.execute("LOCK TABLES failover_test WRITE"); // the next INSERT waits: killed without an answer
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<String> lines = Files.readAllLines(first, StandardCharsets.UTF_8);
                return lines.get(lines.size() - 1).contains("\"type\":\"begin\"");
            });
            p.kill(EXIT);
            s.execute("UNLOCK TABLES");
        }
        List<String> again = new ArrayList<>(args);
        again.addAll(List.of("--duration", "1s"));
        assertThat(ClientProcess.run(again, env, EXIT).exitCode()).isZero();

        Path out = dir.resolve("history.jsonl");
        ClientProcess export = ClientProcess.run(List.of("export", "--format", "jepsen", "--run-dir", run.toString(),
                "--host", LocalServer.HOST, "--user", server.user(), "--database", server.database(), "--output",
                out.toString()), env, EXIT);
        assertThat(export.exitCode()).as(export.output()).isZero();

        Truth.Ledger ledger = Truth.Ledger.read(first, run.resolve("ledger-" + CLIENT + "+2.jsonl"));
        List<JsonNode> ops = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            ops.add(JSON.readTree(line));
        }
        Map<Long, String> invoked = new TreeMap<>();
        Map<Long, String> completed = new TreeMap<>();
        Map<Integer, String> lastOf = new HashMap<>();
        Set<Integer> crashed = new HashSet<>();
        long time = -1;
        for (int i = 0; i < ops.size(); i++) {
            JsonNode op = ops.get(i);
            assertThat(op.get("index").asLong()).isEqualTo(i);
            assertThat(op.get("time").asLong()).isGreaterThanOrEqualTo(time);
            time = op.get("time").asLong();
            int process = op.get("process").asInt();
            String type = op.get("type").asText();
            assertThat(crashed).as("an info'd process is never used again").doesNotContain(process);
            // One operation at a time per process: an invoke, then its completion.
            assertThat(lastOf.get(process)).as(op.toString()).isEqualTo(type.equals("invoke") ? null : "invoke");
            lastOf.put(process, type.equals("invoke") ? "invoke" : null);
            if (type.equals("info")) {
                crashed.add(process);
            }
            if (op.get("f").asText().equals("add")) {
                // The only client is index 0: its elements are its sequences.
                assertThat(op.get("value").isIntegralNumber()).as(op.toString()).isTrue();
                long seq = op.get("value").asLong();
                assertThat((type.equals("invoke") ? invoked : completed).put(seq, type)).as("seq " + seq).isNull();
            }
        }
        assertThat(invoked.keySet()).isEqualTo(ledger.outcomes().keySet());
        Map<Long, String> expected = new TreeMap<>();
        ledger.outcomes().forEach((seq, outcome) -> expected.put(seq, switch (outcome) {
            case "OK" -> "ok";
            case "FAILED" -> "fail";
            default -> "info";
        }));
        assertThat(completed).isEqualTo(expected);
        assertThat(completed.values()).contains("ok", "fail", "info");

        JsonNode read = ops.get(ops.size() - 1);
        assertThat(read.get("f").asText()).isEqualTo("read");
        assertThat(read.get("type").asText()).isEqualTo("ok");
        SortedMap<Long, Integer> stored;
        try (Connection c = server.rootConnection()) {
            stored = Truth.of(Truth.rows(c), CLIENT);
        }
        List<Long> readSeqs = new ArrayList<>();
        read.get("value").forEach(e -> readSeqs.add(e.asLong()));
        assertThat(readSeqs).containsExactlyElementsOf(stored.keySet());

        // Without the final read no server is asked: no password, no host, the same operations.
        Path attemptsOnly = dir.resolve("attempts.jsonl");
        ClientProcess noRead = ClientProcess.run(List.of("export", "--format", "jepsen", "--run-dir", run.toString(),
                "--no-read", "--output", attemptsOnly.toString()), Map.of(), EXIT);
        assertThat(noRead.exitCode()).as(noRead.output()).isZero();
        assertThat(Files.readAllLines(attemptsOnly, StandardCharsets.UTF_8))
                .isEqualTo(Files.readAllLines(out, StandardCharsets.UTF_8).subList(0, ops.size() - 2));
        ClientProcess nowhere = ClientProcess.run(List.of("export", "--format", "jepsen", "--run-dir", run.toString(),
                "--no-read", "--output", dir.resolve("no/such/folder.jsonl").toString()), Map.of(), EXIT);
        assertThat(nowhere.exitCode()).isEqualTo(2);
        assertThat(nowhere.stderr()).containsExactly("error: cannot write " + dir.resolve("no/such/folder.jsonl")
                + ": its folder does not exist (choose another --output)");
    }
}
