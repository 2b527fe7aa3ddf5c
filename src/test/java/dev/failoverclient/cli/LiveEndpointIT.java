package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --http-port}: what an SRE sees while the writers run, and the verdict turning when rows vanish. */
class LiveEndpointIT {
    private static final Pattern ENDPOINT = Pattern.compile("HTTP endpoint on http://0\\.0\\.0\\.0:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theEndpointShowsTheRunAsItGoesAndTheVerdictFailsWhenWritesAreLost() throws Exception {
        try (LocalServer server = new LocalServer()) {
            Path run = dir.resolve("run");
            Path junit = dir.resolve("junit.xml");
            ClientProcess p = ClientProcess.start(List.of("--host", LocalServer.HOST, "--user", server.user(),
                    "--database", server.database(), "--client-id", "live", "--run-dir", run.toString(),
                    "--write-interval", "0.05", "--junit", junit.toString(), "--http-port", "0",
                    "--nodes", LocalServer.HOST + ":" + LocalServer.PORT),
                    Map.of("MARIADB_PASSWORD", server.password()));
            try (p) {
                await().atMost(Duration.ofSeconds(30)).until(() -> p.stdout().stream()
                        .anyMatch(l -> ENDPOINT.matcher(l).find()));
                Matcher m = p.stdout().stream().map(ENDPOINT::matcher).filter(Matcher::find).findFirst().orElseThrow();
                String base = "http://127.0.0.1:" + m.group(1);
                await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get(base + "/status").body())
                        .at("/clients/0/writes/ok").asLong() >= 20);

                HttpResponse<String> health = get(base + "/healthz");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).isEqualTo("writing\n");
                JsonNode status = JSON.readTree(get(base + "/status").body());
                assertThat(status.get("state").asText()).isEqualTo("writing");
                assertThat(status.at("/clients/0/client").asText()).isEqualTo("live");
                assertThat(status.at("/clients/0/state").asText()).isEqualTo("writing");
                assertThat(status.at("/clients/0/server/endpoint").asText()).isEqualTo("127.0.0.1:3306");
                String metrics = get(base + "/metrics").body();
                assertThat(metrics).containsPattern("mariadb_failover_writes_total\\{client=\"live\",outcome=\"ok\"} [1-9]")
                        .contains("mariadb_failover_outage_in_progress{client=\"live\"} 0.0")
                        .contains("jvm_threads_current")
                        // The census's view of the one node: up, the only writable one, not a replica.
                        .contains("mariadb_failover_node_up{node=\"127.0.0.1:3306\"} 1.0")
                        .contains("mariadb_failover_node_writable{node=\"127.0.0.1:3306\"} 1.0")
                        .contains("mariadb_failover_node_replica_lag_seconds{node=\"127.0.0.1:3306\"} NaN")
                        .contains("mariadb_failover_writable_nodes 1.0");

                HttpResponse<String> pass = get(base + "/verdict");
                assertThat(pass.statusCode()).as(pass.body()).isEqualTo(200);
                assertThat(JSON.readTree(pass.body()).get("verdict").asText()).isEqualTo("PASS");

                try (Connection c = server.rootConnection(); Statement s = c.createStatement()) {
                    assertThat(s.executeUpdate("DELETE FROM failover_test WHERE client_id = 'live' AND sequence"
                            + " BETWEEN 5 AND 9")).isEqualTo(5);
                }
                HttpResponse<String> fail = get(base + "/verdict");
                assertThat(fail.statusCode()).as("curl -f must fail").isEqualTo(409);
                JsonNode verdict = JSON.readTree(fail.body());
                assertThat(verdict.get("verdict").asText()).isEqualTo("FAIL");
                assertThat(verdict.get("reasons").toString()).isEqualTo("{\"lost\":5}");
                assertThat(verdict.at("/details/clients/live/lost").toString()).isEqualTo("[\"5-9\"]");
                HttpResponse<String> page = get(base + "/");
                assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
                assertThat(page.body()).contains("id=\"verdict\">FAIL</p>").contains("5-9")
                        .doesNotContain(server.password());
                assertThat(metrics + status).doesNotContain(server.password());
                assertThat(get(base + "/nope").statusCode()).isEqualTo(404);
                assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/verdict"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode()).isEqualTo(405);

                assertThat(p.terminate(Duration.ofSeconds(60))).as(p.output()).isEqualTo(1);
            }
            assertThat(Files.readString(run.resolve("report.html"))).contains("id=\"verdict\">FAIL</p>")
                    .doesNotContain(server.password());
            assertThat(Files.readString(junit)).contains("<failure message=\"5 acknowledged writes absent on the"
                    + " primary\" type=\"lost\">sequences 5-9</failure>");
        }
    }

    /**
     * A fleet's test pod, Prometheus and a few browsers at once: 500 concurrent requests to each path,
     * every one answered (no reset, no silence), the verdicts all from analyses shared between them.
     */
    @Test
    void fiveHundredConcurrentRequestsToAnyPathAreAllAnswered() throws Exception {
        try (LocalServer server = new LocalServer()) {
            ClientProcess p = ClientProcess.start(List.of("--host", LocalServer.HOST, "--user", server.user(),
                    "--database", server.database(), "--client-id", "busy", "--run-dir", dir.resolve("busy").toString(),
                    "--write-interval", "0.01", "--http-port", "0"), Map.of("MARIADB_PASSWORD", server.password()));
            try (p) {
                await().atMost(Duration.ofSeconds(30)).until(() -> p.stdout().stream()
                        .anyMatch(l -> ENDPOINT.matcher(l).find()));
                Matcher m = p.stdout().stream().map(ENDPOINT::matcher).filter(Matcher::find).findFirst().orElseThrow();
                String base = "http://127.0.0.1:" + m.group(1);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (String path : List.of("/metrics", "/verdict", "/status", "/healthz", "/")) {
                    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
                    }
                    for (CompletableFuture<HttpResponse<String>> c : calls) {
                        HttpResponse<String> r = c.get(90, TimeUnit.SECONDS);
                        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
                        assertThat(r.body()).as(path).isNotEmpty();
                    }
                }
                assertThat(p.terminate(Duration.ofSeconds(60))).as(p.output()).isZero();
            }
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
