package dev.failoverclient.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.testsupport.Ledger;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.RunFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The writer against the machine's MariaDB, as a non-SUPER user in a private database. */
class WriterIT {
    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    @RegisterExtension
    final LocalServer server = LocalServer.extension();

    private List<String> args(String clientId, Path runDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--host", LocalServer.HOST, "--port", "" + LocalServer.PORT,
                "--user", server.user(), "--database", server.database(), "--client-id", clientId,
                "--run-dir", runDir.toString(), "--write-interval", "0.02"));
        args.addAll(List.of(extra));
        return args;
    }

    private Map<String, String> env() {
        return Map.of("MARIADB_PASSWORD", server.password());
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    @Test
    void storesConsecutiveSequencesAndAgreesWithItsLedger() throws Exception {
        Path run = dir.resolve("run");
        ClientProcess p = ClientProcess.run(args("w1", run, "--duration", "2s"), env(), EXIT);

        assertThat(p.exitCode()).as(p.output()).isZero();
        Ledger ledger = RunFiles.ledger(run, "w1");
        int n = ledger.attempts().size();
        assertThat(n).isGreaterThan(10);
        assertThat(ledger.attempts()).allMatch(Attempt::ok);
        try (Connection c = server.rootConnection()) {
            assertThat(RunFiles.sequences(c, "w1")).isEqualTo(range(1, n));
            // Each row's write_timestamp is its attempt's start in the ledger, to the microsecond (UTC).
            Map<Long, String> stored = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT sequence,"
                    + " DATE_FORMAT(write_timestamp, '%Y-%m-%d %H:%i:%s.%f') FROM failover_test WHERE client_id = 'w1'")) {
                while (rs.next()) {
                    stored.put(rs.getLong(1), rs.getString(2));
                }
            }
            DateTimeFormatter datetime6 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
            for (Attempt a : ledger.attempts()) {
                assertThat(stored.get(a.sequence())).as("write_timestamp of sequence %d", a.sequence())
                        .isEqualTo(datetime6.format(Instant.EPOCH.plus(a.startMicros(), ChronoUnit.MICROS)));
            }
        }
        JsonNode s = RunFiles.summary(run);
        assertThat(s.get("verdict").asText()).isEqualTo("PASS");
        assertThat(s.at("/writes/attempted").asLong()).isEqualTo(n);
        assertThat(s.at("/writes/ok").asLong()).isEqualTo(n);
        assertThat(s.get("lost").asLong()).isZero();
        String connected = "[INFO] Successfully connected to MariaDB (server version: " + serverVersion() + ")";
        assertThat(p.stdout()).anyMatch(l -> l.endsWith(connected));
        assertThat(p.stdout()).anyMatch(l -> l.matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\[INFO] ✓ Wrote sequence 1 \\(latency: \\d+\\.\\d\\dms,"
                        + " success_rate: 100\\.0%\\)"));
        assertThat(p.output()).doesNotContain(server.password());
    }

    @Test
    void resumesAfterItsHighestStoredSequence() throws Exception {
        ClientProcess first = ClientProcess.run(args("w2", dir.resolve("a"), "--duration", "1s"), env(), EXIT);
        assertThat(first.exitCode()).as(first.output()).isZero();
        long n1 = RunFiles.ledger(dir.resolve("a"), "w2").attempts().size();

        ClientProcess second = ClientProcess.run(args("w2", dir.resolve("b"), "--duration", "1s"), env(), EXIT);
        assertThat(second.exitCode()).as(second.output()).isZero();
        Ledger l2 = RunFiles.ledger(dir.resolve("b"), "w2");
        assertThat(l2.attempts().get(0).sequence()).isEqualTo(n1 + 1);
        long last = l2.attempts().get(l2.attempts().size() - 1).sequence();
        try (Connection c = server.rootConnection()) {
            assertThat(RunFiles.sequences(c, "w2")).isEqualTo(range(1, last));
        }
        assertThat(second.stdout()).anyMatch(l -> l.contains("Resuming client w2 after its highest stored sequence " + n1));
    }

    @Test
    void twoClientsInOneProcessDoNotInterfere() throws Exception {
        Path run = dir.resolve("two");
        ClientProcess p = ClientProcess.run(args("pair", run, "--duration", "2s", "--clients", "2"), env(), EXIT);

        assertThat(p.exitCode()).as(p.output()).isZero();
        try (Connection c = server.rootConnection()) {
            for (String id : List.of("pair-1", "pair-2")) {
                Ledger l = RunFiles.ledger(run, id);
                assertThat(l.attempts()).isNotEmpty().allMatch(Attempt::ok);
                assertThat(RunFiles.sequences(c, id)).isEqualTo(range(1, l.attempts().size()));
            }
        }
        assertThat(RunFiles.summary(run).get("clients")).hasSize(2);
    }

    @Test
    void onlineCheckReportsAcknowledgedRowsDeletedBehindItsBack() throws Exception {
        Path run = dir.resolve("loss");
        try (ClientProcess p = ClientProcess.start(args("w3", run, "--write-interval", "0.05"), env());
             Connection root = server.rootConnection()) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> RunFiles.count(root, "w3") >= 20);
            try (Statement s = root.createStatement()) {
                s.executeUpdate("DELETE FROM failover_test WHERE client_id = 'w3' AND sequence BETWEEN 5 AND 9");
                // Force a reconnect: kill the writer's session.
                for (long id : sessionsOf(root, server.user())) {
                    s.execute("KILL CONNECTION " + id);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> p.printed("✗ DATA LOSS: 5 acknowledged write(s) missing"));
            int exit = p.terminate(EXIT);

            assertThat(exit).as(p.output()).isEqualTo(1);
            assertThat(p.stdout()).anyMatch(l -> l.contains("✗ DATA LOSS: 5 acknowledged write(s) missing on "
                    + LocalServer.HOST + ":" + LocalServer.PORT) && l.endsWith("sequences 5-9"));
            JsonNode s = RunFiles.summary(run);
            assertThat(s.get("verdict").asText()).isEqualTo("FAIL");
            assertThat(s.get("online_lost").asLong()).isEqualTo(5);
            assertThat(s.get("lost").asLong()).isEqualTo(5);
            assertThat(s.at("/details/clients/w3/lost").toString()).isEqualTo("[\"5-9\"]");
        }
    }

    @Test
    void anExistingTableWithoutTheSeedsColumnsIsAClearError() throws Exception {
        server.root("CREATE TABLE ${db}.failover_test (id BIGINT PRIMARY KEY, client_id VARCHAR(255))");
        ClientProcess p = ClientProcess.run(args("w4", dir.resolve("bad"), "--duration", "1s"), env(), EXIT);

        assertThat(p.exitCode()).isEqualTo(3);
        assertThat(p.stderr()).containsExactly("error: table " + server.database() + ".failover_test exists but lacks"
                + " column(s) sequence, write_timestamp, hostname: drop or rename it so the client can create the"
                + " seed's schema");
    }

    private static List<Long> sessionsOf(Connection root, String user) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = root.createStatement();
             var rs = s.executeQuery("SELECT id FROM information_schema.processlist WHERE user = '" + user + "'")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private String serverVersion() throws SQLException {
        try (Connection c = server.rootConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
