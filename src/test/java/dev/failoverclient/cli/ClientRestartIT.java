package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.Truth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL in the middle of a write and started again in the same run folder, as
 * a restarted pod: one history in two segments, the unanswered attempt resolved against the rows,
 * the client's downtime reported as such and never as a database outage, live and at the end.
 */
class ClientRestartIT {
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final String CLIENT = "restarted";
    private static final Pattern ENDPOINT = Pattern.compile("HTTP endpoint on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final LocalServer server = LocalServer.extension();
    @TempDir
    Path dir;

    private List<String> args(Path run, String... extra) {
        List<String> args = new ArrayList<>(List.of("--host", LocalServer.HOST, "--user", server.user(), "--database",
                server.database(), "--client-id", CLIENT, "--run-dir", run.toString(), "--write-interval", "0"));
        args.addAll(List.of(extra));
        return args;
    }

    private Map<String, String> env() {
        return Map.of("MARIADB_PASSWORD", server.password());
    }

    @Test
    void aKilledWriterStartedAgainContinuesItsHistoryAndItsDowntimeIsItsOwn() throws Exception {
        Path run = dir.resolve("run");
        Path first = run.resolve("ledger-" + CLIENT + ".jsonl");
        Path second = run.resolve("ledger-" + CLIENT + "+2.jsonl");
        Instant killed;
        try (ClientProcess p = ClientProcess.start(args(run), env());
             Connection root = server.rootConnection(); Statement s = root.createStatement()) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> ok(first) >= 300);
            // The table locked: the writer's INSERT waits with its begin written and no end, and is killed so.
            s.execute("LOCK TABLES failover_test WRITE");
            await().atMost(Duration.ofSeconds(5)).until(() -> lastRecordType(first).equals("begin"));
            killed = Instant.now();
            assertThat(p.kill(EXIT)).isEqualTo(137);
            s.execute("UNLOCK TABLES");
        }
        assertThat(Files.exists(run.resolve("summary.json"))).as("a killed client writes no summary").isFalse();

        Instant restarted = Instant.now();
        try (ClientProcess p = ClientProcess.start(args(run, "--http-port", "0", "--http-bind", "127.0.0.1"), env())) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> ok(second) >= 100);
            assertThat(p.stdout()).anyMatch(l -> l.contains("Continuing client " + CLIENT + " in segment 2 of its"
                    + " ledger after sequence ") && l.contains("ended without a stop record (killed?)"));

            // While the second process writes, /verdict covers both segments.
            HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port(p) + "/verdict")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode v = JSON.readTree(live.body());
            assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
            assertThat(v.get("verdict").asText()).isEqualTo("PASS");
            assertDowntime(v, killed, restarted);
            assertThat(v.get("client_killed")).as("the writer at work is not killed").isEmpty();

            assertThat(p.terminate(EXIT)).as(p.output()).isZero();
            assertThat(p.stdout()).anyMatch(l -> l.startsWith("Client downtime (the client's own, not the database's)"));
        }

        Path json = dir.resolve("verify.json");
        ClientProcess v = ClientProcess.run(List.of("verify", "--host", LocalServer.HOST, "--user", server.user(),
                "--database", server.database(), "--run-dir", run.toString(), "--json", json.toString()), env(), EXIT);
        assertThat(v.exitCode()).as(v.output()).isZero();
        JsonNode s = JSON.readTree(json.toFile());

        // The truth: both segments parsed with plain Jackson, the rows read with plain SQL.
        Truth.Ledger ledger = Truth.Ledger.read(first, second);
        SortedMap<Long, Integer> stored;
        try (Connection c = server.rootConnection()) {
            stored = Truth.of(Truth.rows(c), CLIENT);
        }
        Truth.Expected expected = Truth.Expected.of(ledger, stored);
        long unanswered = lastBeginOf(first);
        assertThat(s.get("verdict").asText()).isEqualTo("PASS");
        assertThat(s.at("/writes/attempted").asLong()).isEqualTo(begins(first) + begins(second))
                .isEqualTo(ledger.attempts().size());
        assertThat(s.get("lost").asLong()).isEqualTo(expected.lost().size()).isZero();
        assertThat(ledger.outcomes().get(unanswered)).isEqualTo("UNKNOWN");
        assertThat(s.at("/writes/unknown").asLong()).isEqualTo(ledger.with("UNKNOWN").size());
        // The INSERT the kill cut off ran or not once the lock was released: either way it is resolved.
        assertThat(s.get("unknown_committed").asLong()).isEqualTo(expected.unknownCommitted())
                .isEqualTo(ledger.with("UNKNOWN").stream().filter(stored::containsKey).count());
        assertThat(s.get("outages")).as("the client's own downtime is no database outage").isEmpty();
        assertDowntime(s, killed, restarted);
    }

    /** One downtime, its span holding the real one: from before the kill to after the second start. */
    private static void assertDowntime(JsonNode summary, Instant killed, Instant restarted) {
        JsonNode restarts = summary.get("client_restarts");
        assertThat(restarts).hasSize(1);
        JsonNode r = restarts.get(0);
        assertThat(r.get("client").asText()).isEqualTo(CLIENT);
        assertThat(r.get("killed").asBoolean()).isTrue();
        Instant down = Instant.parse(r.get("start").asText());
        Instant up = Instant.parse(r.get("end").asText());
        assertThat(down).isBefore(killed);
        assertThat(up).isAfter(restarted);
        assertThat(r.get("duration_ms").asLong()).isEqualTo(Duration.between(down, up).toMillis());
    }

    private static int port(ClientProcess p) {
        await().atMost(Duration.ofSeconds(30)).until(() -> p.stdout().stream().anyMatch(l -> ENDPOINT.matcher(l).find()));
        for (String line : p.stdout()) {
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no endpoint in\n" + p.output());
    }

    private static long ok(Path ledger) throws Exception {
        return Files.readAllLines(ledger, StandardCharsets.UTF_8).stream().filter(l -> l.contains("\"outcome\":\"OK\""))
                .count();
    }

    private static long begins(Path ledger) throws Exception {
        return Files.readAllLines(ledger, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("{\"type\":\"begin\""))
                .count();
    }

    private static long lastBeginOf(Path ledger) throws Exception {
        long last = -1;
        for (String l : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
            if (l.startsWith("{\"type\":\"begin\"")) {
                last = JSON.readTree(l).get("seq").asLong();
            }
        }
        return last;
    }

    private static String lastRecordType(Path ledger) throws Exception {
        List<String> lines = Files.readAllLines(ledger, StandardCharsets.UTF_8);
        return JSON.readTree(lines.get(lines.size() - 1)).get("type").asText();
    }
}
