package dev.failoverclient.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.testsupport.Ledger;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.EmbeddedNode;
import dev.failoverclient.testsupport.RunFiles;
import dev.failoverclient.testsupport.Truth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faults on a real embedded MariaDB 11.4 node: read-only, SIGKILL, SIGSTOP. Every test has a
 * node of its own (a copy of one installed data directory), so a fault one test leaves behind
 * cannot reach another.
 */
class FaultIT {
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String USER = "writer";
    private static final String PASSWORD = "writer-pw";

    @TempDir
    static Path template;
    @TempDir
    Path dir;
    private EmbeddedNode node;

    @BeforeAll
    static void installOnce() {
        EmbeddedNode.template(template.resolve("data"));
    }

    @BeforeEach
    void startNode() throws Exception {
        node = EmbeddedNode.start(dir.resolve("node"), template.resolve("data"));
        node.createAppUser(USER, PASSWORD);
    }

    @AfterEach
    void stopNode() throws Exception {
        node.close();
    }

    private ClientProcess start(String clientId, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "" + node.port(), "--user", USER,
                "--client-id", clientId, "--run-dir", dir.resolve(clientId).toString(), "--write-interval", "0.05",
                "--socket-timeout", "1s", "--connect-timeout", "1s"));
        args.addAll(List.of(extra));
        return ClientProcess.start(args, Map.of("MARIADB_PASSWORD", PASSWORD));
    }

    private long okCount(String clientId) {
        Path ledger = dir.resolve(clientId).resolve("ledger-" + clientId + ".jsonl");
        if (!Files.exists(ledger)) {
            return 0;
        }
        return RunFiles.ledger(dir.resolve(clientId), clientId).attempts().stream().filter(Attempt::ok).count();
    }

    /** The ledger file exists for a moment before its start record: an empty ledger is not yet one. */
    private void awaitMoreOk(String clientId, long than) {
        await().atMost(WAIT).ignoreExceptionsInstanceOf(LedgerException.class).until(() -> okCount(clientId) >= than);
    }

    @Test
    void readOnlyPrimaryRefusesWritesAndTheWriterRecoversWhenItIsLifted() throws Exception {
        try (ClientProcess p = start("ro")) {
            awaitMoreOk("ro", 10);
            node.root("SET GLOBAL read_only = 1");
            await().atMost(WAIT).until(() -> p.printed("⚠ Database is read-only - failover may be in progress!"));
            long okBefore = okCount("ro");
            node.root("SET GLOBAL read_only = 0");
            awaitMoreOk("ro", okBefore + 10);
            int exit = p.terminate(EXIT);

            assertThat(exit).as(p.output()).isZero();
            Ledger l = RunFiles.ledger(dir.resolve("ro"), "ro");
            List<Outcome> failures = l.attempts().stream().map(Attempt::outcome).filter(o -> !(o instanceof Outcome.Ok))
                    .toList();
            assertThat(failures).isNotEmpty().allSatisfy(o -> {
                assertThat(o).isInstanceOf(Outcome.Failed.class);
                assertThat(((Outcome.Failed) o).code()).isIn(1290, 1836);
            });
            List<String> out = p.stdout();
            int warning = indexOf(out, "[WARNING] ⚠ Database is read-only - failover may be in progress!");
            assertThat(out.get(warning - 1)).contains("[ERROR] ✗ Failed to write sequence ").contains(": (1290, '");
            assertThat(out.get(warning + 1)).endsWith("[WARNING] Connection lost, attempting to reconnect...");
            assertThat(out.subList(warning, out.size()))
                    .anyMatch(line -> line.contains("[INFO] Successfully connected to MariaDB (server version: 11.4.5-MariaDB"));
            JsonNode s = RunFiles.summary(dir.resolve("ro"));
            assertThat(s.get("verdict").asText()).isEqualTo("PASS");
            assertThat(s.at("/writes/failed").asLong()).isEqualTo(failures.size());
            assertThat(s.get("unexpected").asLong()).isZero();
            assertThat(s.get("outages")).hasSize(1);
            assertStoredExactlyWhatTheLedgerAllows("ro");
        }
    }

    @Test
    void killedServerGivesUnknownOrFailedAndTheWriterRecoversAfterRestart() throws Exception {
        try (ClientProcess p = start("kill")) {
            awaitMoreOk("kill", 10);
            long killed = System.nanoTime();
            node.kill();
            await().atMost(WAIT).until(() -> p.printed("Connection lost, attempting to reconnect..."));
            long okBefore = okCount("kill");
            long restarting = System.nanoTime();
            node.restart();
            long restarted = System.nanoTime();
            awaitMoreOk("kill", okBefore + 10);
            int exit = p.terminate(EXIT);

            assertThat(exit).as(p.output()).isZero();
            Ledger l = RunFiles.ledger(dir.resolve("kill"), "kill");
            assertThat(l.attempts()).anyMatch(a -> !a.ok());
            JsonNode s = RunFiles.summary(dir.resolve("kill"));
            assertThat(s.get("verdict").asText()).isEqualTo("PASS");
            assertThat(s.get("lost").asLong()).isZero();
            // One outage, at least as long as the server was down for certain (from the kill to the restart's
            // start) and at most until it was back plus a write interval, a probe interval and a reconnect.
            assertThat(s.get("outages")).hasSize(1);
            long downMillis = (restarting - killed) / 1_000_000;
            long backMillis = (restarted - killed) / 1_000_000;
            assertThat(s.get("max_outage_ms").asLong()).isBetween(downMillis, backMillis + 1_000);
            assertStoredExactlyWhatTheLedgerAllows("kill");
        }
    }

    @Test
    void stalledServerIsNoticedWithinTheSocketTimeoutAndDoesNotHangTheWriter() throws Exception {
        try (ClientProcess p = start("stall")) {
            awaitMoreOk("stall", 10);
            Instant paused = Instant.now();
            node.pause();
            try {
                await().atMost(WAIT).until(() -> firstFailure("stall").isPresent());
                Attempt first = firstFailure("stall").orElseThrow();
                // Socket timeout 1 s; the attempt may have started up to one interval before the pause.
                long noticedMicros = first.endMicros() - (paused.getEpochSecond() * 1_000_000 + paused.getNano() / 1_000);
                assertThat(noticedMicros).isBetween(0L, 2_000_000L);
                assertThat(first.outcome()).isInstanceOf(Outcome.Unknown.class);
                await().atMost(WAIT).until(() -> p.printed("Reconnect failed, retrying every 100ms"));
            } finally {
                node.resume();
            }
            long okBefore = okCount("stall");
            awaitMoreOk("stall", okBefore + 10);
            int exit = p.terminate(EXIT);

            assertThat(exit).as(p.output()).isZero();
            assertThat(RunFiles.summary(dir.resolve("stall")).get("verdict").asText()).isEqualTo("PASS");
            assertStoredExactlyWhatTheLedgerAllows("stall");
        }
    }

    /**
     * Plain SQL against the ledger: every acknowledged sequence is stored once, no FAILED one is
     * stored, and nothing outside the ledger either; UNKNOWN ones may be stored or not.
     */
    private void assertStoredExactlyWhatTheLedgerAllows(String clientId) throws Exception {
        Truth.Ledger ledger = Truth.Ledger.read(dir.resolve(clientId).resolve("ledger-" + clientId + ".jsonl"));
        try (Connection c = node.rootConnection()) {
            c.setCatalog("test");
            List<Long> stored = RunFiles.sequences(c, clientId);
            assertThat(stored).doesNotHaveDuplicates();
            assertThat(stored).containsAll(ledger.with("OK"));
            List<Long> failed = ledger.with("FAILED");
            assertThat(stored).noneMatch(failed::contains);
            List<Long> allowed = new ArrayList<>(ledger.with("OK"));
            allowed.addAll(ledger.with("UNKNOWN"));
            assertThat(allowed).containsAll(stored);
        }
    }

    private Optional<Attempt> firstFailure(String clientId) {
        // A live ledger's last attempt may still be in flight: read without its end record, it is an
        // UNKNOWN ending at its start. Only attempts whose outcome was recorded count.
        return RunFiles.ledger(dir.resolve(clientId), clientId).attempts().stream()
                .filter(a -> !a.ok() && a.endMicros() > a.startMicros()).findFirst();
    }

    private static int indexOf(List<String> lines, String suffix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(suffix)) {
                return i;
            }
        }
        throw new AssertionError("no line ends with " + suffix + " in\n" + String.join("\n", lines));
    }
}
