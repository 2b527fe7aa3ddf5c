package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.testsupport.ClientProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code lab} command as a user runs it: the default test, an interrupt, bad options. */
class LabCommandIT {
    private static final Duration EXIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void defaultRunIsACompleteKillPrimaryTestWithSemiSync() throws Exception {
        Path run = dir.resolve("default");
        long started = System.nanoTime();
        ClientProcess p = ClientProcess.run(List.of("lab", "--run-dir", run.toString()), Map.of(), EXIT);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout()).anyMatch(l -> l.startsWith("Lab: 3 nodes ready in "));
        assertThat(p.stdout()).contains("Verdict: PASS (lost 0, duplicates 0, unexpected 0)");
        assertThat(p.stdout()).anyMatch(l -> l.startsWith("  outage of lab-1 (cycle 1): ")
                && l.contains("detection") && l.contains("promotion") && l.contains("routing") && l.contains("reconnect"));
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertThat(s.get("scenario").asText()).isEqualTo("kill-primary");
        assertThat(s.get("replication").asText()).isEqualTo("semisync");
        assertThat(s.get("clients").toString()).isEqualTo("[\"lab-1\",\"lab-2\"]");
        assertThat(s.get("nodes")).hasSize(3);
        assertThat(s.get("ground_truth").toString()).contains("fault_injected", "candidate_writable", "service_switched");
        assertThat(Files.readAllLines(run.resolve("events.jsonl"))).anyMatch(l -> l.contains("\"fault_injected\""));
        assertThat(run.resolve("nodes")).doesNotExist();
        assertThat(LabProcesses.under(dir)).isEmpty();
        System.out.printf("default lab run: %.1f s wall clock%n", seconds);
    }

    @Test
    void runsOnAnInstalledServerToo() throws Exception {
        // Debian's MariaDB 10.11 under /usr, as on the CI machine.
        Path run = dir.resolve("debian");
        ClientProcess p = ClientProcess.run(List.of("lab", "--mariadb-basedir", "/usr", "--scenario",
                "reset-connections", "--warmup", "1s", "--recovery", "1s", "--run-dir", run.toString()), Map.of(), EXIT);

        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout()).contains("Verdict: PASS (lost 0, duplicates 0, unexpected 0)");
        assertThat(p.stdout()).anyMatch(l -> l.contains("Successfully connected to MariaDB (server version: 10."));
        assertThat(LabProcesses.under(dir)).isEmpty();
    }

    @Test
    void anInterruptStopsEverythingAndLeavesNoServer() throws Exception {
        Path run = dir.resolve("interrupted");
        try (ClientProcess p = ClientProcess.start(List.of("lab", "--warmup", "60s", "--run-dir", run.toString()),
                Map.of())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> p.printed("Successfully connected to MariaDB"));
            assertThat(LabProcesses.under(dir)).hasSize(3);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            int exit = p.waitFor(Duration.ofSeconds(60));

            assertThat(exit).as(p.output()).isEqualTo(3);
            assertThat(p.stderr()).containsExactly(
                    "error: lab stopped before the end (signal): no verdict; every node was stopped");
            assertThat(LabProcesses.under(dir)).isEmpty();
        }
    }

    @Test
    void badOptionsGiveOneLineAndStartNothing() throws Exception {
        Files.createDirectories(dir.resolve("empty-basedir"));
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("ledger-lab-1.jsonl"), "{\"type\":\"start\",\"ts\":1,\"client\":\"lab-1\"}\n");
        record Case(List<String> args, int exit, String message) { }
        List<Case> cases = List.of(
                new Case(List.of("--nodes", "0"), 2, "error: invalid --nodes '0': expected a whole number 1 to 9"),
                new Case(List.of("--nodes", "1"), 2,
                        "error: --scenario kill-primary promotes a replica: it needs --nodes 2 or more"),
                new Case(List.of("--scenario", "meteor"), 2, "error: unknown --scenario 'meteor': expected one of"
                        + " switchover, kill-primary, restart-primary, pause-primary, reset-connections, blackhole,"
                        + " replica-stall-kill"),
                new Case(List.of("--replication", "sync"), 2, "error: invalid --replication 'sync'"),
                new Case(List.of("--run-dir", "/proc/no/run"), 2, "error: cannot create run folder /proc/no/run"),
                new Case(List.of("--run-dir", used.toString()), 2,
                        "error: run folder " + used + " already holds a run: choose a new --run-dir"),
                new Case(List.of("--direct", "--scenario", "blackhole"), 2,
                        "error: --scenario blackhole acts on the service proxy, which --direct writers bypass"),
                new Case(List.of("--mariadb-basedir", "/nonexistent"), 2, "error: --mariadb-basedir /nonexistent is not a folder"),
                new Case(List.of("--mariadb-basedir", dir.resolve("empty-basedir").toString()), 3,
                        "error: --mariadb-basedir " + dir.resolve("empty-basedir") + " holds no MariaDB server"));
        for (Case c : cases) {
            List<String> args = new ArrayList<>(List.of("lab", "--run-dir", dir.resolve("bad").toString()));
            args.addAll(c.args());
            ClientProcess p = ClientProcess.run(args, Map.of(), EXIT);
            assertThat(p.exitCode()).as(c + "\n" + p.output()).isEqualTo(c.exit());
            assertThat(p.stderr()).as(c.toString()).hasSize(1);
            assertThat(p.stderr().get(0)).startsWith(c.message());
            assertThat(p.output()).doesNotContain("Exception");
        }
        assertThat(LabProcesses.under(dir)).isEmpty();
    }
}
