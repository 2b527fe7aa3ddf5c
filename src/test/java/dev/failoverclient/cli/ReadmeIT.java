package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.Readme;
import dev.failoverclient.testsupport.RunFiles;
import dev.failoverclient.testsupport.Truth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's quick start, word for word, as a new user runs it after the build: bash in an empty
 * folder that holds nothing but the jar where the build puts it ({@code target/}), relative paths
 * as written. README's setup SQL runs as written; its database, user and rows are left as they were.
 */
class ReadmeIT {
    private static final String BUILD = "mvn -B -DskipTests package";
    private static final String VERDICT_PASS = "Verdict: PASS (lost 0, duplicates 0, unexpected 0)";

    @TempDir
    Path dir;

    @Test
    void quickStartWorksWordForWordInAnEmptyFolder() throws Exception {
        List<String> commands = Readme.block("quick-start");
        assertThat(commands).hasSize(4);
        // The build itself is what produced the jar under test (mvn verify packages first).
        assertThat(commands.get(0)).isEqualTo(BUILD);
        Files.createDirectories(dir.resolve("target"));
        Files.createSymbolicLink(dir.resolve("target/mariadb-failover-client.jar"), ClientProcess.jar());

        lab(commands.get(1));
        List<String> setup = Readme.block("setup-sql");
        // A machine where a user followed the quick start holds README's database, user and rows: the
        // test writes beside them (the client resumes after the highest stored sequence) and leaves
        // them exactly as they were.
        try (ServerState before = ServerState.save()) {
            root(String.join("\n", setup).split(";"));
            // The user may have set another password since: the commands below use README's.
            root("ALTER USER 'failover'@'%' IDENTIFIED BY 'secret'");
            String folder = run(commands.get(2));
            verify(commands.get(3).replace("<folder>", folder));
        }
    }

    /**
     * README's database, table and user as they were before the test (absent or with their rows and
     * grants), restored on close: what did not exist is dropped, the rows the test added are deleted,
     * a changed user is made again from its own CREATE USER and GRANT statements.
     */
    private record ServerState(boolean database, boolean table, long maxId, long autoIncrement, List<String> grants)
            implements AutoCloseable {
        static ServerState save() throws Exception {
            boolean database = count("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'failover'")
                    > 0;
            boolean table = count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'failover'"
                    + " AND table_name = 'failover_test'") > 0;
            long maxId = table ? count("SELECT COALESCE(MAX(id), 0) FROM failover.failover_test") : 0;
            long autoIncrement = table ? count("SELECT COALESCE(AUTO_INCREMENT, 1) FROM information_schema.tables"
                    + " WHERE table_schema = 'failover' AND table_name = 'failover_test'") : 0;
            return new ServerState(database, table, maxId, autoIncrement, userStatements());
        }

        /** The user's CREATE USER and GRANT statements; empty when there is no such user. */
        static List<String> userStatements() throws Exception {
            if (count("SELECT COUNT(*) FROM mysql.user WHERE user = 'failover' AND host = '%'") == 0) {
                return List.of();
            }
            List<String> statements = new java.util.ArrayList<>(strings("SHOW CREATE USER 'failover'@'%'"));
            statements.addAll(strings("SHOW GRANTS FOR 'failover'@'%'"));
            return statements;
        }

        @Override
        public void close() throws Exception {
            if (!database) {
                root("DROP DATABASE IF EXISTS failover");
            } else if (!table) {
                root("DROP TABLE IF EXISTS failover.failover_test");
            } else {
                root("DELETE FROM failover.failover_test WHERE id > " + maxId,
                        "ALTER TABLE failover.failover_test AUTO_INCREMENT = " + autoIncrement);
            }
            if (grants.isEmpty()) {
                root("DROP USER IF EXISTS 'failover'@'%'");
            } else if (!userStatements().equals(grants)) {
                root("DROP USER 'failover'@'%'");
                root(grants.toArray(String[]::new));
            }
            assertThat(save()).as("README's database, table and user after the test").isEqualTo(this);
        }
    }

    private static long count(String sql) throws Exception {
        return Long.parseLong(strings(sql).get(0));
    }

    private static List<String> strings(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + LocalServer.HOST + ":" + LocalServer.PORT
                + "/", "root", ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private void lab(String command) throws Exception {
        assertThat(command).isEqualTo("java -jar target/mariadb-failover-client.jar lab");
        ClientProcess p = ClientProcess.shell(dir, command, Map.of());
        assertThat(p.waitFor(Duration.ofMinutes(3))).as(p.output()).isZero();

        assertThat(p.stdout()).anyMatch(l -> l.startsWith("Lab: 3 nodes ready in "));
        assertThat(p.stdout()).contains(VERDICT_PASS);
        assertThat(p.stdout()).anyMatch(l -> l.startsWith("  outage of lab-1 (cycle 1): ")
                && l.contains("detection") && l.contains("promotion") && l.contains("routing") && l.contains("reconnect"));
        Path run = onlyFolder("-lab");
        assertThat(p.stdout()).contains("Run folder: " + run);
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertThat(s.get("verdict").asText()).isEqualTo("PASS");
        assertThat(s.get("scenario").asText()).isEqualTo("kill-primary");
        assertThat(s.get("replication").asText()).isEqualTo("semisync");
        assertThat(s.get("clients").toString()).isEqualTo("[\"lab-1\",\"lab-2\"]");
        assertThat(s.get("nodes")).hasSize(3);
        assertThat(s.get("ground_truth").toString()).contains("fault_injected", "candidate_writable", "service_switched");
        assertThat(run.resolve("events.jsonl")).isRegularFile();
        assertThat(run.resolve("ledger-lab-1.jsonl")).isRegularFile();
        assertThat(run.resolve("nodes")).doesNotExist();
        assertThat(LabProcesses.under(dir)).isEmpty();
    }

    /** Runs until a few writes are in, then Ctrl-C; returns the run folder's name under runs/. */
    private String run(String command) throws Exception {
        try (ClientProcess p = ClientProcess.shell(dir, command, Map.of())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> p.stdout().stream()
                    .filter(l -> l.contains("[INFO] ✓ Wrote sequence")).count() >= 3);
            assertThat(p.interrupt(Duration.ofSeconds(60))).as(p.output()).isZero();

            assertThat(p.stdout()).anyMatch(l -> l.endsWith("[INFO] " + VERDICT_PASS));
            Path run = onlyFolder("-client-");
            assertThat(p.stdout()).anyMatch(l -> l.endsWith("[INFO] Run folder: " + run));
            JsonNode s = RunFiles.summary(run);
            assertThat(s.get("verdict").asText()).isEqualTo("PASS");
            String client = s.get("clients").get(0).asText();
            long ok = s.at("/writes/ok").asLong();
            assertThat(ok).isGreaterThanOrEqualTo(3);
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + LocalServer.HOST + ":"
                    + LocalServer.PORT + "/failover", "root", "")) {
                // Every acknowledged write of this run stored, nothing else of it (earlier runs' rows stay below).
                Truth.Ledger ledger = Truth.Ledger.read(run.resolve("ledger-" + client + ".jsonl"));
                assertThat(RunFiles.sequences(c, client).stream().filter(q -> q >= ledger.first()))
                        .containsExactlyElementsOf(ledger.with("OK")).hasSize((int) ok);
            }
            return run.getFileName().toString();
        }
    }

    private void verify(String command) throws Exception {
        ClientProcess p = ClientProcess.shell(dir, command, Map.of());
        assertThat(p.waitFor(Duration.ofSeconds(60))).as(p.output()).isZero();
        assertThat(p.stdout()).contains(VERDICT_PASS);
        assertThat(p.stderr()).isEmpty();
    }

    /** The one folder under ./runs/ whose name contains {@code part}. */
    private Path onlyFolder(String part) throws Exception {
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            List<Path> found = runs.filter(r -> r.getFileName().toString().contains(part)).toList();
            assertThat(found).as("run folders under " + dir.resolve("runs")).hasSize(1);
            assertThat(found.get(0).getFileName().toString()).matches("\\d{8}T\\d{6}Z-.+");
            return found.get(0);
        }
    }

    private static void root(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + LocalServer.HOST + ":" + LocalServer.PORT
                + "/", "root", ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
    }
}
