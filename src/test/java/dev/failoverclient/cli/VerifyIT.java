package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.testsupport.Ledger;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.SequenceRanges;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} against the machine's MariaDB: one real run with OK and FAILED attempts, written
 * once and never changed. A test that tampers with rows behind the ledger's back does it on a copy
 * of them in a database of its own, so every test stands alone, in any order.
 */
class VerifyIT {
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final String CLIENT = "verified";
    @RegisterExtension
    static final LocalServer server = LocalServer.extension();
    private static Path run;
    private static ClientProcess writer;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeARunWithRefusedWrites() throws Exception {
        run = dir.resolve("run");
        writer = ClientProcess.start(List.of("--host", LocalServer.HOST, "--user", server.user(), "--database",
                server.database(), "--client-id", CLIENT, "--run-dir", run.toString(), "--write-interval", "0.03",
                "--json", dir.resolve("run.json").toString()), env());
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> okCount() >= 15);
        // Refused writes: with the table renamed away the server answers 1146, so these attempts
        // certainly did not commit.
        server.root("RENAME TABLE " + server.database() + ".failover_test TO " + server.database() + ".away");
        await().atMost(Duration.ofSeconds(30)).until(() -> failedCount() >= 3);
        server.root("RENAME TABLE " + server.database() + ".away TO " + server.database() + ".failover_test");
        long ok = okCount();
        await().atMost(Duration.ofSeconds(30)).until(() -> okCount() >= ok + 10);
        assertThat(writer.terminate(EXIT)).as(writer.output()).isZero();
    }

    private static Map<String, String> env() {
        return Map.of("MARIADB_PASSWORD", server.password());
    }

    private static long okCount() {
        return RunFiles.ledger(run, CLIENT).attempts().stream().filter(Attempt::ok).count();
    }

    private static long failedCount() {
        return RunFiles.ledger(run, CLIENT).attempts().stream().filter(a -> a.outcome() instanceof Outcome.Failed)
                .count();
    }

    private static ClientProcess verify(String... extra) throws Exception {
        return verify(server, extra);
    }

    private static ClientProcess verify(LocalServer on, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", "--host", LocalServer.HOST, "--user", on.user(),
                "--database", on.database()));
        args.addAll(List.of(extra));
        return ClientProcess.run(args, Map.of("MARIADB_PASSWORD", on.password()), EXIT);
    }

    /** A database of the test's own holding a copy of the run's rows; close it to drop it. */
    private static LocalServer copyOfTheRows() throws SQLException {
        LocalServer copy = new LocalServer();
        copy.root("CREATE TABLE " + copy.database() + ".failover_test LIKE " + server.database() + ".failover_test",
                "INSERT INTO " + copy.database() + ".failover_test SELECT * FROM " + server.database()
                        + ".failover_test");
        return copy;
    }

    /** Deletes two acknowledged rows and stores one of them twice and one refused write. */
    private record Tampering(long lostA, long lostB, long dup, long unexpected) {
        static Tampering apply(LocalServer on) throws SQLException {
            Ledger ledger = RunFiles.ledger(run, CLIENT);
            List<Long> ok = ledger.attempts().stream().filter(Attempt::ok).map(Attempt::sequence).toList();
            List<Long> failed = ledger.attempts().stream().filter(a -> a.outcome() instanceof Outcome.Failed)
                    .map(Attempt::sequence).toList();
            Tampering t = new Tampering(ok.get(2), ok.get(3), ok.get(6), failed.get(1));
            try (Connection c = on.rootConnection()) {
                try (PreparedStatement del = c.prepareStatement(
                        "DELETE FROM failover_test WHERE client_id = ? AND sequence IN (?, ?)")) {
                    del.setString(1, CLIENT);
                    del.setLong(2, t.lostA());
                    del.setLong(3, t.lostB());
                    assertThat(del.executeUpdate()).isEqualTo(2);
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO failover_test"
                        + " (client_id, sequence, write_timestamp, hostname) VALUES (?, ?, NOW(6), 'tamper')")) {
                    for (long s : List.of(t.dup(), t.unexpected())) {
                        ins.setString(1, CLIENT);
                        ins.setLong(2, s);
                        ins.executeUpdate();
                    }
                }
            }
            return t;
        }
    }

    @Test
    void cleanRunPassesAndVerifyAgreesWithRun() throws Exception {
        Path json = dir.resolve("verify-clean.json");
        ClientProcess p = verify("--run-dir", run.toString(), "--json", json.toString());

        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout()).contains("Verdict: PASS (lost 0, duplicates 0, unexpected 0)");
        JsonNode fromVerify = new ObjectMapper().readTree(json.toFile());
        JsonNode fromRun = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        for (String key : List.of("verdict", "clients", "writes", "unknown_committed", "lost", "duplicates",
                "unexpected", "outages", "max_outage_ms", "throughput_wps", "latency_ms", "details")) {
            assertThat(fromVerify.get(key)).as(key).isEqualTo(fromRun.get(key));
        }
        assertThat(fromVerify.at("/writes/failed").asLong()).isEqualTo(failedCount()).isGreaterThanOrEqualTo(3);
        assertThat(fromVerify.get("outages")).hasSize(1);
    }

    @Test
    void tamperedRowsAreReportedExactly() throws Exception {
        try (LocalServer copy = copyOfTheRows()) {
            Tampering t = Tampering.apply(copy);
            Path json = dir.resolve("verify-tampered.json");
            ClientProcess p = verify(copy, "--run-dir", run.toString(), "--json", json.toString());

            assertThat(p.exitCode()).as(p.output()).isEqualTo(1);
            assertThat(p.stdout()).contains("Verdict: FAIL (lost 2, duplicates 1, unexpected 1)");
            JsonNode s = new ObjectMapper().readTree(json.toFile());
            assertThat(s.get("verdict").asText()).isEqualTo("FAIL");
            assertThat(s.get("reasons").toString()).isEqualTo("{\"lost\":2,\"duplicates\":1,\"unexpected\":1}");
            assertThat(s.get("lost").asLong()).isEqualTo(2);
            assertThat(s.get("duplicates").asLong()).isEqualTo(1);
            assertThat(s.get("unexpected").asLong()).isEqualTo(1);
            JsonNode d = s.at("/details/clients/" + CLIENT);
            assertThat(d.get("lost").toString()).isEqualTo(ranges(List.of(t.lostA(), t.lostB())));
            assertThat(d.get("duplicates").toString()).isEqualTo(ranges(List.of(t.dup())));
            assertThat(d.get("unexpected").toString()).isEqualTo(ranges(List.of(t.unexpected())));
            assertThat(p.stdout()).anyMatch(l -> l.startsWith("  LOST (acknowledged, absent on the primary): 2"));

            // Without a ledger the same rows show one duplicate and gaps where refused and lost writes were.
            ClientProcess gaps = verify(copy, "--no-ledger");
            assertThat(gaps.exitCode()).as(gaps.output()).isEqualTo(1);
            long missing = failedCount() - 1 + 2; // the refused writes, one stored by hand, and the two deleted
            assertThat(gaps.stdout()).contains("Verdict: FAIL (no ledger: duplicates 1, missing sequences " + missing
                    + ")");
        }
    }

    @Test
    void aCutShortLastLineIsToleratedWithANote() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("truncated"));
        Path ledger = copy.resolve("ledger-" + CLIENT + ".jsonl");
        Files.copy(run.resolve("ledger-" + CLIENT + ".jsonl"), ledger);
        Files.writeString(ledger, "{\"type\":\"begin\",\"ts\":17", StandardOpenOption.APPEND);
        ClientProcess p = verify("--run-dir", copy.toString());
        assertThat(p.stdout()).anyMatch(l -> l.startsWith("note: the ledger of " + CLIENT + " ends in a cut-short line"));
        assertThat(p.exitCode()).as(p.output()).isZero();
    }

    @Test
    void badInputIsOneClearLine() throws Exception {
        Path garbage = Files.createDirectories(dir.resolve("garbage"));
        Files.writeString(garbage.resolve("ledger-x.jsonl"), "{\"type\":\"start\",\"ts\":1,\"client\":\"x\"}\nhello\n{}\n");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        record Case(List<String> args, int exit, String message) { }
        List<Case> cases = List.of(
                new Case(List.of("--run-dir", dir.resolve("nope").toString()), 2,
                        "error: run folder " + dir.resolve("nope") + " does not exist or is not a folder"),
                new Case(List.of("--run-dir", garbage.toString()), 2,
                        "error: ledger " + garbage.resolve("ledger-x.jsonl") + " line 2 is not a ledger record"),
                new Case(List.of("--run-dir", empty.toString()), 2, "error: no ledger in " + empty),
                new Case(List.of(), 2, "error: verify needs --run-dir DIR"),
                new Case(List.of("--run-dir", run.toString(), "--nodes", "a:1,:5"), 2,
                        "error: invalid --nodes (MARIADB_NODES) entry ':5': expected host or host:port"),
                new Case(List.of("--run-dir", run.toString(), "--nodes", "127.0.0.1:1", "--connect-timeout", "1s"), 3,
                        "error: cannot reach MariaDB at 127.0.0.1:1"));
        for (Case c : cases) {
            ClientProcess p = verify(c.args().toArray(String[]::new));
            assertThat(p.exitCode()).as(c + "\n" + p.output()).isEqualTo(c.exit());
            assertThat(p.stderr()).as(c.toString()).hasSize(1);
            assertThat(p.stderr().get(0)).startsWith(c.message());
            assertThat(p.output()).doesNotContain("Exception").doesNotContain(server.password());
        }
    }

    @Test
    void withoutALedgerTheSeedsGapAnalysisRuns() throws Exception {
        Path json = dir.resolve("gaps.json");
        ClientProcess p = verify("--no-ledger", "--client-id-prefix", "verif", "--json", json.toString());

        // Only the refused writes are gaps; without a ledger they cannot be told from lost ones: UNKNOWN, exit 3.
        assertThat(p.exitCode()).as(p.output()).isEqualTo(3);
        assertThat(p.stdout()).contains("Verdict: UNKNOWN (no ledger: missing sequences " + failedCount() + ")");
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        assertThat(s.get("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(s.get("reasons").toString()).isEqualTo("{\"gaps\":" + failedCount() + "}");
        assertThat(s.get("clients").toString()).isEqualTo("[\"" + CLIENT + "\"]");
        assertThat(s.get("gaps").asLong()).isEqualTo(failedCount());
        assertThat(s.get("duplicates").asLong()).isZero();
        assertThat(p.stdout()).anyMatch(l -> l.startsWith("note: without a ledger a gap is ambiguous"));
    }

    private static String ranges(List<Long> seqs) {
        return SequenceRanges.of(seqs.stream().sorted().toList()).stream().map(r -> "\"" + r + "\"").toList()
                .toString().replace(", ", ",");
    }
}
