package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.Truth;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --transaction-rows 4} against the machine's MariaDB: one run with acknowledged and refused
 * transactions, written once; a test that stores a transaction in part does it on a copy of the rows
 * in a database of its own, and {@code verify} must name exactly that transaction, with a ledger and
 * without one.
 */
class TransactionsIT {
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final String CLIENT = "tx";
    private static final int ROWS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LocalServer server = LocalServer.extension();
    @TempDir
    static Path dir;
    private static Path run;
    private static ClientProcess writer;

    @BeforeAll
    static void writeTransactionsSomeRefused() throws Exception {
        run = dir.resolve("run");
        writer = ClientProcess.start(List.of("--host", LocalServer.HOST, "--user", server.user(), "--database",
                server.database(), "--client-id", CLIENT, "--run-dir", run.toString(), "--write-interval", "0.02",
                "--transaction-rows", Integer.toString(ROWS), "--json", dir.resolve("run.json").toString()),
                Map.of("MARIADB_PASSWORD", server.password()));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> ledger().with("OK").size() >= 10 * ROWS);
        // With the table renamed away the INSERT is refused (1146) before COMMIT: FAILED, certainly not stored.
        server.root("RENAME TABLE " + server.database() + ".failover_test TO " + server.database() + ".away");
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger().with("FAILED").size() >= 3 * ROWS);
        server.root("RENAME TABLE " + server.database() + ".away TO " + server.database() + ".failover_test");
        int ok = ledger().with("OK").size();
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger().with("OK").size() >= ok + 5 * ROWS);
        assertThat(writer.terminate(EXIT)).as(writer.output()).isZero();
    }

    private static Truth.Ledger ledger() throws Exception {
        return Truth.Ledger.read(run.resolve("ledger-" + CLIENT + ".jsonl"));
    }

    @Test
    void eachAttemptIsOneTransactionStoredWhole() throws Exception {
        Truth.Ledger ledger = ledger();
        SortedMap<Long, Integer> stored;
        try (Connection c = server.rootConnection()) {
            stored = Truth.of(Truth.rows(c), CLIENT);
        }
        assertThat(ledger.attempts().values()).containsOnly(ROWS);
        assertThat(Truth.partial(ledger, stored)).isEmpty();
        assertThat(ledger.with("OK")).allMatch(stored::containsKey);
        assertThat(ledger.with("FAILED")).noneMatch(stored::containsKey);

        JsonNode s = JSON.readTree(dir.resolve("run.json").toFile());
        assertThat(s.get("verdict").asText()).isEqualTo("PASS");
        assertThat(s.get("partial").asLong()).isZero();
        assertThat(s.get("transaction_rows").asInt()).isEqualTo(ROWS);
        assertThat(s.at("/writes/attempted").asLong()).isEqualTo(ledger.attempts().size());
        assertThat(s.at("/writes/ok").asLong() * ROWS).isEqualTo(ledger.with("OK").size());
        assertThat(writer.stdout()).anyMatch(l -> l.contains("transactions of " + ROWS + " rows"));
    }

    /**
     * Half of an acknowledged transaction deleted and half of a refused one inserted, by hand: both are
     * PARTIAL, exactly those two and nothing else.
     */
    @Test
    void aTransactionStoredInPartIsReportedExactly() throws Exception {
        Truth.Ledger ledger = ledger();
        List<Long> okFirsts = firsts(ledger, "OK");
        List<Long> failedFirsts = firsts(ledger, "FAILED");
        long acked = okFirsts.get(2);
        long refused = failedFirsts.get(1);
        try (LocalServer copy = new LocalServer()) {
            copy.root("CREATE TABLE " + copy.database() + ".failover_test LIKE " + server.database()
                    + ".failover_test", "INSERT INTO " + copy.database() + ".failover_test SELECT * FROM "
                    + server.database() + ".failover_test");
            try (Connection c = copy.rootConnection()) {
                try (PreparedStatement del = c.prepareStatement(
                        "DELETE FROM failover_test WHERE client_id = ? AND sequence IN (?, ?)")) {
                    del.setString(1, CLIENT);
                    del.setLong(2, acked + 1);
                    del.setLong(3, acked + 2);
                    assertThat(del.executeUpdate()).isEqualTo(2);
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO failover_test (client_id, sequence,"
                        + " write_timestamp, hostname) VALUES (?, ?, NOW(6), 'by hand'), (?, ?, NOW(6), 'by hand')")) {
                    ins.setString(1, CLIENT);
                    ins.setLong(2, refused);
                    ins.setString(3, CLIENT);
                    ins.setLong(4, refused + 1);
                    assertThat(ins.executeUpdate()).isEqualTo(2);
                }
            }
            String expected = "[\"" + range(Math.min(acked, refused)) + "\",\"" + range(Math.max(acked, refused))
                    + "\"]";

            Path json = dir.resolve("staged.json");
            ClientProcess v = verify(copy, "--run-dir", run.toString(), "--json", json.toString());
            assertThat(v.exitCode()).as(v.output()).isEqualTo(1);
            assertThat(v.stdout()).contains("Verdict: FAIL (partial transactions 2)");
            JsonNode s = JSON.readTree(json.toFile());
            assertThat(s.get("partial").asLong()).isEqualTo(2);
            assertThat(s.get("lost").asLong()).isZero();
            assertThat(s.get("unexpected").asLong()).isZero();
            assertThat(s.at("/details/clients/" + CLIENT + "/partial").toString()).isEqualTo(expected);

            // Without a ledger, told the transactions' size: the same two, and the refused ones as gaps.
            Path gaps = dir.resolve("staged-no-ledger.json");
            ClientProcess n = verify(copy, "--no-ledger", "--client-id", CLIENT, "--transaction-rows",
                    Integer.toString(ROWS), "--json", gaps.toString());
            long missing = ledger.with("FAILED").size() - 2 + 2L;
            assertThat(n.exitCode()).as(n.output()).isEqualTo(1);
            assertThat(n.stdout()).contains("Verdict: FAIL (no ledger: partial transactions 2, missing sequences "
                    + missing + ")");
            JsonNode g = JSON.readTree(gaps.toFile());
            assertThat(g.get("partial").asLong()).isEqualTo(2);
            assertThat(g.get("transaction_rows").asInt()).isEqualTo(ROWS);
            assertThat(g.at("/details/clients/" + CLIENT + "/partial").toString()).isEqualTo(expected);
        }
    }

    @Test
    void verifyWithALedgerRefusesATransactionSizeOfItsOwn() throws Exception {
        ClientProcess v = verify(server, "--run-dir", run.toString(), "--transaction-rows", "4");
        assertThat(v.exitCode()).isEqualTo(2);
        assertThat(v.stderr()).containsExactly("error: --transaction-rows is for verify --no-ledger: a run's ledger"
                + " records every transaction's rows");
    }

    private static String range(long first) {
        return first + "-" + (first + ROWS - 1);
    }

    private static List<Long> firsts(Truth.Ledger ledger, String outcome) {
        List<Long> firsts = new ArrayList<>();
        ledger.attempts().keySet().stream().filter(f -> ledger.outcomes().get(f).equals(outcome))
                .forEach(firsts::add);
        return firsts;
    }

    private static ClientProcess verify(LocalServer on, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", "--host", LocalServer.HOST, "--user", on.user(),
                "--database", on.database()));
        args.addAll(List.of(extra));
        return ClientProcess.run(args, Map.of("MARIADB_PASSWORD", on.password()), EXIT);
    }
}
