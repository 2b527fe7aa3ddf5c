package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failoverclient.lab.LabCertificates;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.EmbeddedNode;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.RunFiles;
import dev.failoverclient.testsupport.Truth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against a real embedded MariaDB 11.4 node started with {@code require_secure_transport=ON}
 * and the lab's certificates: the built jar connects, verifies, refuses what it must with the
 * documented line and exit code, and reports a certificate rotation mid-run as such.
 */
class TlsIT {
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "tls-secret-pw";
    private static final String X509_SUBJECT = "/CN=mariadb-failover-client lab client";

    @TempDir
    static Path dir;
    private static LabCertificates certs;
    private static LabCertificates otherCa;
    private static Path template;
    private static EmbeddedNode node;

    @BeforeAll
    static void startNode() throws IOException {
        certs = LabCertificates.create(dir.resolve("tls"));
        otherCa = LabCertificates.create(dir.resolve("other-ca"));
        template = EmbeddedNode.template(dir.resolve("template"));
        node = EmbeddedNode.start(dir.resolve("node"), template, certs);
        node.createAppUser("app", PASSWORD);
        node.root("CREATE USER 'cert'@'%' REQUIRE SUBJECT '" + X509_SUBJECT + "' AND ISSUER '/CN=mariadb-failover-client"
                        + " lab CA'",
                "GRANT ALL ON test.* TO 'cert'@'%'");
    }

    @AfterAll
    static void stopNode() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    private static List<String> args(EmbeddedNode n, String user, String clientId, String... extra) {
        List<String> a = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", Integer.toString(n.port()), "--user",
                user, "--database", "test", "--client-id", clientId, "--run-dir", dir.resolve(clientId).toString(),
                "--startup-timeout", "60s"));
        a.addAll(List.of(extra));
        return a;
    }

    private static Map<String, String> env(String password) {
        return Map.of("MARIADB_PASSWORD", password);
    }

    @Test
    void verifyFullWithTheCaWritesOverTlsAndSaysSo() throws Exception {
        ClientProcess p = ClientProcess.run(args(node, "app", "tls-ok", "--ssl-ca", certs.ca().toString(),
                "--duration", "2s", "--write-interval", "0.05"), env(PASSWORD), EXIT);
        assertThat(p.exitCode()).as(p.output()).isZero();
        JsonNode tls = RunFiles.summary(dir.resolve("tls-ok")).get("tls");
        assertThat(tls.get("all_encrypted").asBoolean()).as(tls.toString()).isTrue();
        JsonNode link = tls.get("connections").get(0);
        // What the node says of a session opened as the client opens its own (Connector/J, verify-full).
        String[] session = sslSession(node, certs.ca());
        assertThat(link.get("protocol").asText()).isEqualTo(session[0]).startsWith("TLSv1.");
        assertThat(link.get("cipher").asText()).isEqualTo(session[1]);
        assertThat(p.printed("1 connection encrypted (" + link.get("protocol").asText())).as(p.output()).isTrue();
        // The node refuses plain connections, so every stored row came over TLS; the ledger's OK
        // writes are exactly the rows stored.
        assertLedgerMatchesRows("tls-ok");
    }

    @Test
    void verifyReadsTheNodesOverTlsToo() throws Exception {
        ClientProcess run = ClientProcess.run(args(node, "app", "tls-verify", "--ssl-ca", certs.ca().toString(),
                "--duration", "1s"), env(PASSWORD), EXIT);
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> verify = List.of("verify", "--run-dir", dir.resolve("tls-verify").toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(node.port()), "--user", "app", "--database", "test", "--nodes",
                "127.0.0.1:" + node.port());
        List<String> withCa = new ArrayList<>(verify);
        withCa.addAll(List.of("--ssl-ca", certs.ca().toString()));
        ClientProcess ok = ClientProcess.run(withCa, env(PASSWORD), EXIT);
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        assertThat(ok.printed("Verdict: PASS")).as(ok.output()).isTrue();
        ClientProcess plain = ClientProcess.run(verify, env(PASSWORD), EXIT);
        assertThat(plain.exitCode()).as(plain.output()).isEqualTo(3);
        assertThat(plain.stderr()).as(plain.output()).hasSize(1);
        assertThat(plain.stderr().get(0)).startsWith("error: MariaDB at 127.0.0.1:" + node.port() + " requires TLS");
    }

    @Test
    void theLiveEndpointShowsTheConnectionEncrypted() throws Exception {
        try (ClientProcess p = ClientProcess.start(args(node, "app", "tls-live", "--ssl-ca", certs.ca().toString(),
                "--write-interval", "0.05", "--http-port", "0", "--http-bind", "127.0.0.1"), env(PASSWORD))) {
            Pattern endpoint = Pattern.compile("HTTP endpoint on http://127\\.0\\.0\\.1:(\\d+)/");
            await().atMost(Duration.ofSeconds(30)).until(() -> p.stdout().stream().anyMatch(l -> endpoint.matcher(l).find()));
            Matcher m = p.stdout().stream().map(endpoint::matcher).filter(Matcher::find).findFirst().orElseThrow();
            String base = "http://127.0.0.1:" + m.group(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/status").contains("\"tls\":\"TLSv1."));
            assertThat(get(base + "/metrics")).contains("mariadb_failover_connection_encrypted{client=\"tls-live\"} 1.0");
            assertThat(p.terminate(EXIT)).as(p.output()).isZero();
        }
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aCaThatDidNotSignTheServerCertificateStopsAtOnce() throws Exception {
        ClientProcess p = ClientProcess.run(args(node, "app", "tls-wrong-ca", "--ssl-ca", otherCa.ca().toString()),
                env(PASSWORD), EXIT);
        assertThat(p.exitCode()).as(p.output()).isEqualTo(3);
        assertThat(p.stderr()).as(p.output()).containsExactly("error: the TLS certificate of MariaDB at 127.0.0.1:"
                + node.port() + " is not signed by a CA in --ssl-ca " + otherCa.ca() + ": give the CA bundle that"
                + " signs it with --ssl-ca (if it was accepted before, the server's certificate was rotated to a CA"
                + " the bundle does not hold yet)");
        assertThat(p.printed("retrying")).as("no retry loop").isFalse();
        assertNoStackTraceOrSecret(p);
    }

    @Test
    void plainTcpToAServerThatRequiresTlsNamesTheFix() throws Exception {
        ClientProcess p = ClientProcess.run(args(node, "app", "tls-plain"), env(PASSWORD), EXIT);
        assertThat(p.exitCode()).as(p.output()).isEqualTo(3);
        assertThat(p.stderr()).as(p.output()).containsExactly("error: MariaDB at 127.0.0.1:" + node.port()
                + " requires TLS (require_secure_transport=ON) and --ssl-mode is disable: connect with --ssl-mode"
                + " verify-full --ssl-ca <CA bundle> (with mariadb-operator: the <name>-ca-bundle secret's ca.crt), or"
                + " --ssl-mode trust to encrypt without checking the certificate");
        assertThat(p.printed("retrying")).as("no retry loop").isFalse();
        assertNoStackTraceOrSecret(p);
    }

    @Test
    void trustEncryptsWithoutACa() throws Exception {
        ClientProcess p = ClientProcess.run(args(node, "app", "tls-trust", "--ssl-mode", "trust", "--duration", "1s"),
                env(PASSWORD), EXIT);
        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(RunFiles.summary(dir.resolve("tls-trust")).get("tls").get("all_encrypted").asBoolean()).isTrue();
    }

    @Test
    void aUserThatRequiresAClientCertificateLogsInWithPemFiles() throws Exception {
        // The key is written as mariadb-operator writes it: -----BEGIN EC PRIVATE KEY----- (SEC1).
        assertThat(Files.readString(certs.clientKey())).startsWith("-----BEGIN EC PRIVATE KEY-----");
        ClientProcess ok = ClientProcess.run(args(node, "cert", "tls-x509", "--ssl-ca", certs.ca().toString(),
                "--ssl-cert", certs.clientCert().toString(), "--ssl-key", certs.clientKey().toString(),
                "--duration", "1s"), env(""), EXIT);
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        assertLedgerMatchesRows("tls-x509");

        ClientProcess without = ClientProcess.run(args(node, "cert", "tls-no-cert", "--ssl-ca", certs.ca().toString()),
                env(""), EXIT);
        assertThat(without.exitCode()).as(without.output()).isEqualTo(3);
        assertThat(without.stderr()).as(without.output()).hasSize(1);
        assertThat(without.stderr().get(0)).startsWith("error: authentication failed for user 'cert' at 127.0.0.1:"
                + node.port()).endsWith("a user created with REQUIRE SSL or X509 also needs --ssl-mode, and"
                + " --ssl-cert/--ssl-key");
    }

    @Test
    void aKeyOfAnotherCertificateIsABadInput() throws Exception {
        ClientProcess p = ClientProcess.run(args(node, "cert", "tls-bad-key", "--ssl-ca", certs.ca().toString(),
                "--ssl-cert", certs.clientCert().toString(), "--ssl-key", otherCa.clientKey().toString()), env(""), EXIT);
        assertThat(p.exitCode()).as(p.output()).isEqualTo(2);
        assertThat(p.stderr()).containsExactly("error: the key in " + otherCa.clientKey() + " (--ssl-key"
                + " (MARIADB_SSL_KEY)) does not belong to the certificate in " + certs.clientCert() + " (--ssl-cert"
                + " (MARIADB_SSL_CERT)): give the key of that certificate");
    }

    @Test
    void aServerWithoutTlsIsNamedWhenTlsIsAsked() throws Exception {
        try (LocalServer plain = new LocalServer()) {
            ClientProcess p = ClientProcess.run(List.of("--host", LocalServer.HOST, "--user", plain.user(), "--database",
                    plain.database(), "--ssl-mode", "trust", "--run-dir", dir.resolve("tls-none").toString()),
                    env(plain.password()), EXIT);
            assertThat(p.exitCode()).as(p.output()).isEqualTo(3);
            assertThat(p.stderr()).containsExactly("error: MariaDB at 127.0.0.1:3306 does not offer TLS but --ssl-mode"
                    + " is trust: enable TLS on the server (ssl_cert, ssl_key), or connect with --ssl-mode disable");
        }
    }

    /**
     * The server's certificate is rotated to a new CA while the client runs: the reconnect is refused
     * and reported as a TLS refusal naming the rotation; once the client's CA bundle (a mounted
     * secret) holds the new CA too, the client reconnects by itself and no write is lost.
     */
    @Test
    void aRotationToAnUntrustedCaIsReportedAsSuchAndHealsWhenTheBundleIsUpdated() throws Exception {
        Path live = Files.createDirectories(dir.resolve("rotation"));
        Path bundle = live.resolve("both-cas.pem");
        Files.writeString(bundle, Files.readString(certs.ca()) + Files.readString(otherCa.ca()));
        Path serverCert = Files.copy(certs.serverCert(), live.resolve("server-cert.pem"));
        Path serverKey = Files.copy(certs.serverKey(), live.resolve("server-key.pem"));
        Path clientCa = Files.copy(certs.ca(), live.resolve("client-ca.pem"));
        // The node trusts both CAs for its own root connections; the client starts with the first only.
        LabCertificates rotating = new LabCertificates(bundle, serverCert, serverKey, certs.clientCert(),
                certs.clientKey(), X509_SUBJECT);
        try (EmbeddedNode n = EmbeddedNode.start(live.resolve("node"), template, rotating)) {
            n.createAppUser("app", PASSWORD);
            ClientProcess p = ClientProcess.start(args(n, "app", "tls-rotation", "--ssl-ca", clientCa.toString(),
                    "--write-interval", "0.05", "--probe-interval", "50ms"), env(PASSWORD));
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> p.printed("✓ Wrote sequence 20 "));
                Files.copy(otherCa.serverCert(), serverCert, StandardCopyOption.REPLACE_EXISTING);
                Files.copy(otherCa.serverKey(), serverKey, StandardCopyOption.REPLACE_EXISTING);
                n.root("FLUSH SSL");
                killConnectionsOf(n, "app");
                await().atMost(Duration.ofSeconds(30)).until(() -> p.printed("✗ TLS refused the reconnect: the TLS"
                        + " certificate of MariaDB at 127.0.0.1:" + n.port() + " is not signed by a CA in --ssl-ca "
                        + clientCa));
                Files.writeString(clientCa, Files.readString(certs.ca()) + Files.readString(otherCa.ca()));
                // Written after the refusal: the client reconnected by itself with the updated bundle.
                await().atMost(Duration.ofSeconds(30)).until(() -> p.output().lastIndexOf("✓ Wrote sequence")
                        > p.output().indexOf("✗ TLS refused the reconnect"));
            } finally {
                assertThat(p.terminate(EXIT)).as(p.output()).isZero();
            }
            JsonNode summary = RunFiles.summary(dir.resolve("tls-rotation"));
            JsonNode refused = summary.get("tls").get("refused");
            assertThat(refused).as(summary.toString()).hasSize(1);
            assertThat(refused.get(0).get("message").asText()).contains("rotated");
            assertThat(summary.get("outages")).hasSize(1);
            assertThat(p.printed("✗ TLS refused a reconnect of tls-rotation")).as(p.output()).isTrue();
            assertThat(Files.readString(dir.resolve("tls-rotation").resolve("report.html")))
                    .contains("<section id=\"tls\"><h2>TLS of the writers' connections</h2>")
                    .contains("<p class=\"bad\">✗ TLS refused a reconnect of tls-rotation at ");
            try (Connection c = n.rootConnection()) {
                c.setCatalog("test");
                Truth.Ledger ledger = Truth.Ledger.read(ledgerFile(dir.resolve("tls-rotation")));
                SortedMap<Long, Integer> rows = Truth.of(Truth.rows(c), "tls-rotation");
                assertThat(Truth.Expected.of(ledger, rows).lost()).isEmpty();
            }
        }
    }

    private static void killConnectionsOf(EmbeddedNode n, String user) throws SQLException {
        try (Connection c = n.rootConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM information_schema.PROCESSLIST WHERE user = '" + user + "'")) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            assertThat(ids).isNotEmpty();
            for (long id : ids) {
                try (Statement k = c.createStatement()) {
                    k.execute("KILL CONNECTION " + id);
                }
            }
        }
    }

    /** Protocol and cipher of a session of the app user opened with Connector/J, verify-full against {@code ca}. */
    private static String[] sslSession(EmbeddedNode n, Path ca) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + n.port()
                + "/test?sslMode=verify-full&serverSslCert=" + ca, "app", PASSWORD);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS"
                     + " WHERE VARIABLE_NAME = 'SSL_VERSION'), (SELECT VARIABLE_VALUE FROM"
                     + " information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'SSL_CIPHER')")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }

    private static void assertLedgerMatchesRows(String clientId) throws Exception {
        Truth.Ledger ledger = Truth.Ledger.read(ledgerFile(dir.resolve(clientId)));
        try (Connection c = node.rootConnection()) {
            c.setCatalog("test");
            SortedMap<Long, Integer> rows = Truth.of(Truth.rows(c), clientId);
            assertThat(ledger.with("OK")).isNotEmpty();
            assertThat(rows.keySet()).containsExactlyElementsOf(ledger.with("OK"));
        }
    }

    private static Path ledgerFile(Path runDir) throws IOException {
        try (var files = Files.list(runDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("ledger-")).findFirst().orElseThrow();
        }
    }

    private static void assertNoStackTraceOrSecret(ClientProcess p) {
        assertThat(p.output()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(PASSWORD);
    }
}
