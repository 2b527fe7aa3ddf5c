package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failoverclient.report.Version;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.RunFiles;
import dev.failoverclient.testsupport.Truth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} at its edges: why a verdict fails, ledger errors mid-run and at exit, the version. */
class RunCommandIT {
    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    @RegisterExtension
    final LocalServer server = LocalServer.extension();

    private List<String> args(String clientId, Path runDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--host", LocalServer.HOST, "--user", server.user(), "--database",
                server.database(), "--client-id", clientId, "--run-dir", runDir.toString()));
        args.addAll(List.of(extra));
        return args;
    }

    private Map<String, String> env() {
        return Map.of("MARIADB_PASSWORD", server.password());
    }

    /**
     * A user that writes through read_only (READ_ONLY ADMIN, which the seed's root holds through ALL
     * PRIVILEGES) is told at startup and in the summary; the run goes on as asked. SUPER alone no
     * longer does on this server (10.11, MDEV-29596), and a plain user is not told either.
     */
    @Test
    void aUserThatWritesThroughReadOnlyIsWarned() throws Exception {
        String user = "'" + server.user() + "'@'127.0.0.1'";
        server.root("GRANT READ_ONLY ADMIN ON *.* TO " + user);
        Path run = dir.resolve("admin");
        ClientProcess p = ClientProcess.run(args("admin", run, "--write-interval", "0.1", "--duration", "1s"), env(),
                EXIT);
        String warning = "the user " + server.user() + " has READ_ONLY ADMIN: it writes through read_only, so a"
                + " demoted primary keeps accepting its writes and the verdict cannot see them; test with a user"
                + " without READ_ONLY ADMIN (or SUPER before MariaDB 10.11)";
        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout()).anyMatch(l -> l.endsWith("[WARNING] ⚠ " + warning));
        assertThat(RunFiles.summary(run).get("warnings").toString()).isEqualTo("[\"" + warning + "\"]");

        server.root("REVOKE READ_ONLY ADMIN ON *.* FROM " + user, "GRANT SUPER ON *.* TO " + user);
        Path plain = dir.resolve("super");
        ClientProcess q = ClientProcess.run(args("super", plain, "--write-interval", "0.1", "--duration", "1s"), env(),
                EXIT);
        assertThat(q.exitCode()).as(q.output()).isZero();
        assertThat(q.stdout()).noneMatch(l -> l.contains("READ_ONLY ADMIN:"));
        assertThat(RunFiles.summary(plain).get("warnings").toString()).isEqualTo("[]");
    }

    /**
     * Rows deleted behind the writer's back and put back before it stops: the final check finds
     * them all, the online check did not. The verdict line says that this is why it fails.
     */
    @Test
    void aRunWhoseOnlyFindingIsTheOnlineLossSaysSo() throws Exception {
        Path run = dir.resolve("online");
        try (ClientProcess p = ClientProcess.start(args("online", run, "--write-interval", "0.05"), env());
             Connection root = server.rootConnection(); Statement s = root.createStatement()) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> RunFiles.count(root, "online") >= 20);
            s.execute("CREATE TABLE kept AS SELECT * FROM failover_test WHERE client_id = 'online'"
                    + " AND sequence BETWEEN 5 AND 9");
            assertThat(s.executeUpdate("DELETE FROM failover_test WHERE client_id = 'online' AND sequence BETWEEN 5 AND 9"))
                    .isEqualTo(5);
            for (long id : sessionsOf(root, server.user())) {
                s.execute("KILL CONNECTION " + id);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> p.printed("✗ DATA LOSS: 5 acknowledged write(s)"));
            s.execute("INSERT INTO failover_test SELECT * FROM kept");
            assertThat(p.terminate(EXIT)).as(p.output()).isEqualTo(1);

            assertThat(p.stdout()).anyMatch(l -> l.endsWith("[INFO] Verdict: FAIL (online loss 5)"));
            JsonNode summary = RunFiles.summary(run);
            assertThat(summary.get("verdict").asText()).isEqualTo("FAIL");
            assertThat(summary.get("reasons").toString()).isEqualTo("{\"online_loss\":5}");
            assertThat(summary.get("lost").asLong()).isZero();
            assertThat(summary.get("online_lost").asLong()).isEqualTo(5);
        }
    }

    /**
     * The ledger cannot grow past 16 KiB (the file-size limit makes every append beyond it fail, as
     * a full disk would): the writer stops, the run still checks and summarises what the ledger
     * holds, and the error is one line with exit code 3.
     */
    @Test
    void aLedgerThatCannotBeWrittenStopsTheRunWithOneLineAndASummary() throws Exception {
        Path run = dir.resolve("full");
        String command = "ulimit -f 16; exec java -jar " + ClientProcess.jar() + " " + String.join(" ",
                args("full", run, "--write-interval", "0.01").stream().map(a -> "'" + a + "'").toList());
        ClientProcess p = ClientProcess.shell(dir, command, env());
        assertThat(p.waitFor(EXIT)).as(p.output()).isEqualTo(3);

        assertThat(p.stderr()).as(p.output()).containsExactly("error: cannot append to ledger "
                + run.resolve("ledger-full.jsonl") + ": File too large");
        // The limit may cut the last record in half: the report then starts with a note, and the verdict follows.
        assertThat(p.stdout()).anyMatch(l -> l.endsWith("Verdict: PASS (lost 0, duplicates 0, unexpected 0)"));
        JsonNode summary = RunFiles.summary(run);
        assertThat(summary.get("verdict").asText()).isEqualTo("PASS");
        assertThat(summary.get("error").asText()).isEqualTo("cannot append to ledger " + run.resolve("ledger-full.jsonl")
                + ": File too large");
        Truth.Ledger ledger = Truth.Ledger.read(run.resolve("ledger-full.jsonl"));
        assertThat(summary.at("/writes/ok").asLong()).isEqualTo(ledger.with("OK").size()).isPositive();
        try (Connection c = server.rootConnection()) {
            assertThat(RunFiles.sequences(c, "full")).containsAll(ledger.with("OK"));
        }
    }

    @Test
    void aLedgerGoneAtExitIsOneLineWithTheUsageExitCode() throws Exception {
        Path run = dir.resolve("gone");
        try (ClientProcess p = ClientProcess.start(args("gone", run, "--write-interval", "0.05"), env())) {
            Path ledger = run.resolve("ledger-gone.jsonl");
            await().atMost(Duration.ofSeconds(30)).until(() -> p.printed("✓ Wrote sequence 3 "));
            Files.delete(ledger);
            assertThat(p.terminate(EXIT)).as(p.output()).isEqualTo(2);
            assertThat(p.stderr()).containsExactly("error: ledger " + ledger + " does not exist");
        }
    }

    /**
     * At exit every line is out, one per acknowledged write, and a line on stderr does not overtake
     * the stdout lines before it (docs/formats.md, Logs: one write(2) per line, as printed).
     */
    @Test
    void stdoutLosesNoLineAtExitAndStderrKeepsItsPlace() throws Exception {
        Path run = dir.resolve("busy");
        ClientProcess p = ClientProcess.run(args("busy", run, "--write-interval", "0", "--duration", "1s"), env(), EXIT);
        assertThat(p.exitCode()).as(p.output()).isZero();
        long written = p.stdout().stream().filter(l -> l.contains("✓ Wrote sequence ")).count();
        assertThat(written).isEqualTo(RunFiles.summary(run).at("/writes/ok").asLong()).isGreaterThan(100);
        assertThat(p.stdout().get(p.stdout().size() - 1)).endsWith("[INFO] Run folder: " + run);

        String command = "exec java -jar " + ClientProcess.jar() + " " + String.join(" ",
                args("refused", dir.resolve("refused"), "--startup-timeout", "1s").stream().map(a -> "'" + a + "'")
                        .toList()) + " 2>&1";
        ClientProcess merged = ClientProcess.shell(dir, command, Map.of("MARIADB_PASSWORD", "not-" + server.password()));
        assertThat(merged.waitFor(EXIT)).as(merged.output()).isEqualTo(3);
        assertThat(merged.stdout()).as(merged.output()).hasSize(3);
        assertThat(merged.stdout().get(0)).endsWith("[INFO] Starting failover test client (ID: refused)");
        assertThat(merged.stdout().get(2)).startsWith("error: authentication failed for user '" + server.user() + "'");
    }

    @Test
    void versionIsThisBuilds() throws Exception {
        ClientProcess p = ClientProcess.run(List.of("--version"), Map.of(), EXIT);
        assertThat(p.exitCode()).isZero();
        assertThat(p.stdout()).containsExactly("mariadb-failover-client " + Version.current());
        assertThat(Version.current()).isNotEqualTo("unknown").doesNotContain("${");
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
