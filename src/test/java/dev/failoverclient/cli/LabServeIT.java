package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.ClientProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab serve} driven as an application team would: Debian's {@code mariadb} command-line client
 * writes through the service while faults are injected over HTTP; it keeps writing after each, the
 * ground truth records each, and SIGTERM leaves no server behind.
 */
class LabServeIT {
    private static final Pattern CONTROL = Pattern.compile("Control on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aClientThatIsNotOursKeepsWritingThroughFaultsInjectedOverHttp() throws Exception {
        Path run = dir.resolve("serve");
        int servicePort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            servicePort = free.getLocalPort();
        }
        ClientProcess serve = ClientProcess.start(List.of("lab", "serve", "--http-port", "0", "--service-port",
                Integer.toString(servicePort), "--run-dir", run.toString()), Map.of());
        try (serve) {
            await().atMost(Duration.ofSeconds(120)).until(() -> serve.printed("Ctrl-C stops every node."));
            String base = "http://127.0.0.1:" + port(serve);
            JsonNode status = JSON.readTree(get(base + "/status").body());
            assertThat(status.at("/service/port").asInt()).as("the port asked for").isEqualTo(servicePort);
            assertThat(status.get("faults").toString()).contains("\"kill-primary\"").doesNotContain("kill-all");
            Mariadb client = new Mariadb(status);
            client.run("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
            String before = client.run("SELECT @@server_id");

            HttpResponse<String> kill = post(base + "/faults/kill-primary");
            assertThat(kill.statusCode()).as(kill.body()).isEqualTo(200);
            assertThat(JSON.readTree(kill.body()).get("events").findValuesAsText("type"))
                    .contains("fault_injected", "candidate_writable", "service_switched");
            client.run("INSERT INTO t VALUES (2)");
            String afterKill = client.run("SELECT @@server_id");
            assertThat(afterKill).isNotEqualTo(before);

            HttpResponse<String> switchover = post(base + "/faults/switchover");
            assertThat(switchover.statusCode()).as(switchover.body()).isEqualTo(200);
            client.run("INSERT INTO t VALUES (3)");
            assertThat(client.run("SELECT @@server_id")).isNotEqualTo(afterKill);
            assertThat(client.run("SELECT COUNT(*) FROM t")).as("every acknowledged insert kept").isEqualTo("3");

            HttpResponse<String> galeraOnly = post(base + "/faults/kill-all");
            assertThat(galeraOnly.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(galeraOnly.body()).get("error").asText())
                    .isEqualTo("kill-all applies to --topology galera only");
            assertThat(post(base + "/faults/nope").statusCode()).isEqualTo(404);

            List<JsonNode> events = new ArrayList<>();
            for (String line : get(base + "/events").body().split("\n")) {
                events.add(JSON.readTree(line));
            }
            assertThat(events.stream().filter(e -> e.get("type").asText().equals("fault_injected"))
                    .map(e -> e.get("cycle").asInt())).containsExactly(1, 2);
            assertThat(get(base + "/metrics").body()).contains("mariadb_failover_writable_nodes");
            assertThat(events.stream().filter(e -> e.get("type").asText().equals("scheduled"))
                    .map(e -> e.get("detail").asText())).containsExactly("kill-primary (POST /faults, cycle 1)",
                    "switchover (POST /faults, cycle 2)");
            assertThat(post(base + "/heal").statusCode()).isEqualTo(200);
            // Healed: every node runs again, nothing left to heal, and the same fault can come again; the
            // node it promotes may be one the heal rebuilt, which holds the client's own table too.
            JsonNode healed = JSON.readTree(get(base + "/status").body());
            assertThat(healed.get("unhealed")).isEmpty();
            assertThat(healed.get("nodes").findValuesAsText("running")).containsOnly("true").hasSize(3);
            assertThat(post(base + "/faults/kill-primary").statusCode()).isEqualTo(200);
            client.run("INSERT INTO t VALUES (4)");
            assertThat(client.run("SELECT COUNT(*) FROM t")).isEqualTo("4");

            assertThat(serve.terminate(Duration.ofSeconds(120))).as(serve.output()).isZero();
        }
        assertThat(LabProcesses.under(run)).as("mariadbd processes left behind").isEmpty();
    }

    /** Debian's command-line client, given what /status says a client needs. */
    private record Mariadb(String host, int port, String user, String password, String database) {
        Mariadb(JsonNode status) {
            this(status.at("/service/host").asText(), status.at("/service/port").asInt(), status.get("user").asText(),
                    status.get("password").asText(), status.get("database").asText());
        }

        /** Runs the statements; the first column of the last result, if any. */
        String run(String... statements) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of("mariadb", "-h", host, "-P", Integer.toString(port), "-u", user,
                    "--password=" + password, "-N", "-B", "--connect-timeout=5", database, "-e",
                    String.join("; ", statements)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        }
    }

    private static int port(ClientProcess p) {
        for (String line : p.stdout()) {
            Matcher m = CONTROL.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError(p.output());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
