package dev.failoverclient.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.Readme;
import dev.failoverclient.testsupport.RunFiles;
import dev.failoverclient.testsupport.Truth;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client identity is exact: on the seed's {@code utf8mb4_general_ci} column, ids that differ only in
 * letter case, accents or trailing spaces are different clients everywhere (resume, the online loss
 * check, {@code verify}, {@code verify --no-ledger}, the queries of docs/verify.md), tested with real concurrent
 * clients and checked against plain SQL compared in Java.
 */
class FailoverTableIT {
    private static final Duration EXIT = Duration.ofSeconds(60);
    /** Pairs equal under utf8mb4_general_ci: case, accent, trailing space. */
    private static final Map<String, String> INTERVALS = new LinkedHashMap<>();

    static {
        INTERVALS.put("Case", "0.01");
        INTERVALS.put("case", "0.04");
        INTERVALS.put("é", "0.02");
        INTERVALS.put("e", "0.03");
        INTERVALS.put("pad", "0.02");
        INTERVALS.put("pad ", "0.05");
    }

    @TempDir
    Path dir;
    @RegisterExtension
    final LocalServer server = LocalServer.extension();

    private ClientProcess start(String clientId, String interval, Path runDir, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--host", LocalServer.HOST, "--user", server.user(), "--database",
                server.database(), "--run-dir", runDir.toString(), "--write-interval", interval));
        args.addAll(List.of(extra));
        // CLIENT_ID from the environment keeps the trailing space exactly as given.
        return ClientProcess.start(args, Map.of("MARIADB_PASSWORD", server.password(), "CLIENT_ID", clientId));
    }

    private ClientProcess verify(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", "--host", LocalServer.HOST, "--user", server.user(),
                "--database", server.database()));
        args.addAll(List.of(extra));
        return ClientProcess.run(args, Map.of("MARIADB_PASSWORD", server.password()), EXIT);
    }

    private Map<String, SortedMap<Long, Integer>> rows() throws SQLException {
        try (Connection c = server.rootConnection()) {
            return Truth.rows(c);
        }
    }

    @Test
    void everyLookupSeesOnlyTheExactId() throws Exception {
        try (Connection c = server.rootConnection()) {
            FailoverTable.ensure(c, server.database());
            try (PreparedStatement ps = c.prepareStatement(FailoverTable.INSERT)) {
                insert(ps, "a", 1, 2, 3);
                insert(ps, "A", 1, 2, 3, 4, 5);
                insert(ps, "a ", 7);
                insert(ps, "á", 9, 10);
            }
            assertThat(FailoverTable.maxSequence(c, "a")).isEqualTo(3);
            assertThat(FailoverTable.maxSequence(c, "A")).isEqualTo(5);
            assertThat(FailoverTable.maxSequence(c, "a ")).isEqualTo(7);
            assertThat(FailoverTable.maxSequence(c, "á")).isEqualTo(10);
            assertThat(FailoverTable.maxSequence(c, "Á")).isZero();
            assertThat(FailoverTable.sequenceRange(c, "á")).containsExactly(9, 10);
            assertThat(FailoverTable.sequenceRange(c, "b")).isNull();
            List<Long> seen = new ArrayList<>();
            FailoverTable.sequences(c, "a", 1, 10, seen::add);
            assertThat(seen).containsExactly(1L, 2L, 3L);
            assertThat(FailoverTable.clients(c, "")).containsExactlyInAnyOrder("a", "A", "a ", "á");
            assertThat(FailoverTable.clients(c, "a")).containsExactlyInAnyOrder("a", "a ");
            assertThat(FailoverTable.countRows(c)).isEqualTo(11);
        }
    }

    private static void insert(PreparedStatement ps, String clientId, long... sequences) throws SQLException {
        for (long s : sequences) {
            ps.setString(1, clientId);
            ps.setLong(2, s);
            ps.setObject(3, java.time.LocalDateTime.now());
            ps.setString(4, "test");
            ps.executeUpdate();
        }
    }

    @Test
    void concurrentClientsWhoseIdsDifferInCaseAccentsOrTrailingSpacesStayApart() throws Exception {
        Map<String, ClientProcess> running = new LinkedHashMap<>();
        Map<String, Path> runs = new HashMap<>();
        for (Map.Entry<String, String> e : INTERVALS.entrySet()) {
            Path run = dir.resolve("run-" + running.size());
            runs.put(e.getKey(), run);
            running.put(e.getKey(), start(e.getKey(), e.getValue(), run, "--duration", "3s"));
        }
        Map<String, SortedMap<Long, Integer>> rows;
        for (Map.Entry<String, ClientProcess> e : running.entrySet()) {
            ClientProcess p = e.getValue();
            assertThat(p.waitFor(EXIT)).as(e.getKey() + "\n" + p.output()).isZero();
        }
        rows = rows();
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(INTERVALS.keySet());
        for (String id : INTERVALS.keySet()) {
            JsonNode s = RunFiles.summary(runs.get(id));
            long attempted = s.at("/writes/attempted").asLong();
            assertThat(s.get("verdict").asText()).as(id).isEqualTo("PASS");
            assertThat(s.get("duplicates").asLong()).as(id).isZero();
            assertThat(rows.get(id).keySet()).as(id).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, attempted).boxed().toList());
            assertThat(rows.get(id).values()).as(id).allMatch(n -> n == 1);
            ClientProcess v = verify("--run-dir", runs.get(id).toString());
            assertThat(v.exitCode()).as(id + "\n" + v.output()).isZero();
            assertThat(v.stdout()).contains("Verdict: PASS (lost 0, duplicates 0, unexpected 0)");
        }
        // "Case" wrote about four times as often as "case": resuming "case" must not continue after "Case".
        assertThat(rows.get("Case").lastKey()).isGreaterThan(rows.get("case").lastKey());
        ClientProcess resumed = start("case", "0.04", dir.resolve("resumed"), "--duration", "1s");
        assertThat(resumed.waitFor(EXIT)).as(resumed.output()).isZero();
        assertThat(RunFiles.ledger(dir.resolve("resumed"), "case").attempts().get(0).sequence())
                .isEqualTo(rows.get("case").lastKey() + 1);

        ClientProcess noLedger = verify("--no-ledger", "--json", dir.resolve("gaps.json").toString());
        assertThat(noLedger.exitCode()).as(noLedger.output()).isZero();
        assertThat(noLedger.stdout()).contains("Verdict: PASS (no ledger: missing sequences 0, duplicates 0)");
        JsonNode gaps = new ObjectMapper().readTree(dir.resolve("gaps.json").toFile());
        List<String> listed = new ArrayList<>();
        gaps.get("clients").forEach(n -> listed.add(n.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(INTERVALS.keySet());

        readmeQueriesSeeEveryClientApart(rows());
    }

    /** The hand-written queries of docs/verify.md, word for word: one line per exact id, no false gap or duplicate. */
    private void readmeQueriesSeeEveryClientApart(Map<String, SortedMap<Long, Integer>> rows) throws Exception {
        try (Connection c = server.rootConnection(); Statement s = c.createStatement()) {
            Map<String, long[]> totals = new HashMap<>();
            try (ResultSet rs = s.executeQuery(String.join("\n", Readme.block(Path.of("docs", "verify.md"), "totals-sql")))) {
                while (rs.next()) {
                    totals.put(rs.getString("client_id"), new long[] {rs.getLong("total_records"),
                            rs.getLong("missing_records"), rs.getLong("duplicate_rows")});
                }
            }
            assertThat(totals.keySet()).containsExactlyInAnyOrderElementsOf(rows.keySet());
            for (Map.Entry<String, SortedMap<Long, Integer>> e : rows.entrySet()) {
                assertThat(totals.get(e.getKey())).as(e.getKey()).containsExactly(e.getValue().size(), 0, 0);
            }
            try (ResultSet rs = s.executeQuery(String.join("\n", Readme.block(Path.of("docs", "verify.md"), "gaps-sql")))) {
                assertThat(rs.next()).as("the gap query finds a gap").isFalse();
            }
        }
    }

    @Test
    void theOnlineLossCheckLooksAtTheExactIdOnly() throws Exception {
        try (ClientProcess lower = start("loss", "0.05", dir.resolve("lower"));
             ClientProcess upper = start("LOSS", "0.05", dir.resolve("upper"));
             Connection root = server.rootConnection()) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                Map<String, SortedMap<Long, Integer>> r = rows();
                return r.get("loss").size() >= 20 && r.get("LOSS").size() >= 20;
            });
            try (Statement s = root.createStatement()) {
                assertThat(s.executeUpdate("DELETE FROM failover_test WHERE client_id = 'loss'"
                        + " AND BINARY client_id = 'loss' AND sequence BETWEEN 5 AND 9")).isEqualTo(5);
                for (long id : sessionsOf(root, server.user())) {
                    s.execute("KILL CONNECTION " + id);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> lower.printed("✗ DATA LOSS: 5 acknowledged write(s)"));
            await().atMost(Duration.ofSeconds(30)).until(() -> upper.stdout().stream()
                    .filter(l -> l.contains("Successfully connected to MariaDB")).count() >= 2);
            assertThat(lower.terminate(EXIT)).as(lower.output()).isEqualTo(1);
            assertThat(upper.terminate(EXIT)).as(upper.output()).isZero();

            assertThat(lower.stdout()).anyMatch(l -> l.contains("✗ DATA LOSS: 5 acknowledged write(s) missing")
                    && l.endsWith("sequences 5-9"));
            assertThat(upper.output()).doesNotContain("DATA LOSS");
            assertThat(RunFiles.summary(dir.resolve("lower")).get("reasons").toString())
                    .isEqualTo("{\"online_loss\":5,\"lost\":5}");
            assertThat(RunFiles.summary(dir.resolve("upper")).get("verdict").asText()).isEqualTo("PASS");
        }
    }

    private static List<Long> sessionsOf(Connection root, String user) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = root.prepareStatement("SELECT id FROM information_schema.processlist WHERE user = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
