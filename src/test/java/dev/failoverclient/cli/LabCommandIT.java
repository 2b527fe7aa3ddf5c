package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.failoverclient.testsupport.ClientProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code lab} command as a user runs it: on Debian's server, an interrupt, failures that keep
 * their evidence, bad options. (The default run is README's first command: {@link ReadmeIT}.)
 */
class LabCommandIT {
    private static final Duration EXIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

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

    /**
     * A MariaDB whose install script or server fails at once (shell scripts standing in for the
     * binaries): the error names a log that still exists and quotes the line that says why.
     */
    @Test
    void aFailedStartKeepsTheLogItNamesAndQuotesIt() throws Exception {
        Path basedir = Files.createDirectories(dir.resolve("broken/bin"));
        Files.createDirectories(dir.resolve("broken/scripts"));
        script(dir.resolve("broken/scripts/mariadb-install-db"), """
                cat <<'LOG'
                2026-01-01 00:00:00 0 [Warning] Can't create test file '/x/vm.lower-test'
                /usr/sbin/mariadbd: Can't change dir to '/x/' (Errcode: 2 "No such file or directory")
                2026-01-01 00:00:00 0 [ERROR] Aborting
                Installation of system tables failed!
                LOG
                exit 1""");
        script(basedir.resolve("mariadbd"), "exit 1");

        Path run = dir.resolve("relative-run");
        ClientProcess p = ClientProcess.shell(dir, "java -jar " + ClientProcess.jar() + " lab --mariadb-basedir broken"
                + " --run-dir relative-run", Map.of());
        assertThat(p.waitFor(EXIT)).as(p.output()).isEqualTo(3);
        Path installLog = run.resolve("nodes/install.log");
        assertThat(p.stderr()).containsExactly("error: mariadb-install-db failed (see " + installLog + "): "
                + "/usr/sbin/mariadbd: Can't change dir to '/x/' (Errcode: 2 \"No such file or directory\")");
        assertThat(installLog).isRegularFile();

        // The install works now; the server refuses to start and says why in its error log.
        script(dir.resolve("broken/scripts/mariadb-install-db"), "exit 0");
        script(basedir.resolve("mariadbd"), """
                for a in "$@"; do case "$a" in --log-error=*) log="${a#--log-error=}";; esac; done
                echo "2026-01-01 00:00:00 0 [ERROR] Can't start server: Bind on TCP/IP port. Got error: 98: Address already in use" >> "$log"
                echo "2026-01-01 00:00:00 0 [ERROR] Aborting" >> "$log"
                exit 1""");
        Path run2 = dir.resolve("run2");
        ClientProcess p2 = ClientProcess.run(List.of("lab", "--mariadb-basedir", basedir.getParent().toString(),
                "--run-dir", run2.toString()), Map.of(), EXIT);
        assertThat(p2.exitCode()).as(p2.output()).isEqualTo(3);
        Path errorLog = run2.resolve("nodes/node-0/error.log");
        assertThat(p2.stderr()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: node node-0 did not start on port ")
                .endsWith(" (see " + errorLog + "): [ERROR] Can't start server: Bind on TCP/IP port. Got error: 98:"
                        + " Address already in use"));
        assertThat(errorLog).isRegularFile();
        // The logs stay, the data directories go.
        assertThat(run2.resolve("nodes/template")).doesNotExist();
    }

    /** A lab failure keeps its cause: {@code --debug} prints the chain under the one line. */
    @Test
    void debugShowsTheCauseOfALabFailure() throws Exception {
        Path basedir = Files.createDirectories(dir.resolve("unrunnable/bin"));
        Files.createDirectories(dir.resolve("unrunnable/scripts"));
        // Executable, but its interpreter does not exist: exec(2) fails (ENOENT), so the JVM cannot start it.
        Path installDb = Files.writeString(dir.resolve("unrunnable/scripts/mariadb-install-db"),
                "#!/nonexistent/interpreter\n");
        Files.setPosixFilePermissions(installDb, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        script(basedir.resolve("mariadbd"), "exit 1");
        ClientProcess p = ClientProcess.run(List.of("lab", "--mariadb-basedir", basedir.getParent().toString(),
                "--run-dir", dir.resolve("unrunnable-run").toString(), "--debug"), Map.of(), EXIT);
        assertThat(p.exitCode()).as(p.output()).isEqualTo(3);
        assertThat(p.stderr().get(0)).startsWith("error: cannot run mariadb-install-db: ");
        assertThat(p.stderr()).anyMatch(l -> l.startsWith("Caused by: java.io.IOException: "));
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        assertThat(file.toFile().setExecutable(true)).isTrue();
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
