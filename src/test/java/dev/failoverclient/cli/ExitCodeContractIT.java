package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.RunFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit-code contract for a verdict that cannot be reached: UNKNOWN is exit 3 for {@code run} at
 * exit and 503 on the live {@code /verdict}, both from the one conclusion ({@code verify --no-ledger}:
 * VerifyIT; {@code verify} and {@code lab} end with exit 3 before a verdict when a node cannot be
 * read: VerifyIT, LabCommandIT).
 */
class ExitCodeContractIT {
    private static final Pattern ENDPOINT = Pattern.compile("HTTP endpoint on http://0\\.0\\.0\\.0:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final LocalServer server = LocalServer.extension();
    @TempDir
    Path dir;

    @Test
    void aRunWhoseRowsCannotBeReadIsUnknownLiveAndExitsThree() throws Exception {
        Path run = dir.resolve("run");
        try (ClientProcess p = ClientProcess.start(List.of("--host", LocalServer.HOST, "--user", server.user(),
                "--database", server.database(), "--client-id", "unread", "--run-dir", run.toString(),
                "--write-interval", "0.05", "--http-port", "0"), Map.of("MARIADB_PASSWORD", server.password()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> p.stdout().stream().anyMatch(l -> ENDPOINT.matcher(l)
                    .find()));
            Matcher m = p.stdout().stream().map(ENDPOINT::matcher).filter(Matcher::find).findFirst().orElseThrow();
            String verdict = "http://127.0.0.1:" + m.group(1) + "/verdict";
            await().atMost(Duration.ofSeconds(30)).until(() -> get(verdict).statusCode() == 200);

            // The writer's session keeps its database; every new connection to it is refused (1044).
            for (String host : List.of("127.0.0.1", "localhost")) {
                server.root("REVOKE ALL PRIVILEGES ON ${db}.* FROM '" + server.user() + "'@'" + host + "'");
            }
            HttpResponse<String> unknown = get(verdict);
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(503);
            JsonNode live = JSON.readTree(unknown.body());
            assertThat(live.get("verdict").asText()).isEqualTo("UNKNOWN");
            assertThat(live.get("reasons").toString()).isEqualTo("{\"unreadable_nodes\":1}");

            assertThat(p.terminate(Duration.ofSeconds(60))).as(p.output()).isEqualTo(3);
            assertThat(p.stdout()).anyMatch(l -> l.endsWith("[INFO] Verdict: UNKNOWN (unreadable nodes 1)"));
            assertThat(p.stdout()).anyMatch(l -> l.contains("[ERROR] Cannot verify the run at exit: "));
        }
        JsonNode summary = RunFiles.summary(run);
        assertThat(summary.get("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(summary.get("lost").isNull()).isTrue();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
