package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.lab.Ports;
import dev.failoverclient.testsupport.ClientProcess;
import dev.failoverclient.testsupport.LocalServer;
import dev.failoverclient.testsupport.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad input ends in one clear line on stderr and the documented exit code, never a stack trace. */
class BadInputIT {
    private static final Duration EXIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final LocalServer server = LocalServer.extension();

    @TempDir
    static Path dir;

    /** A valid base invocation; {@code override} args are appended (the last occurrence wins). */
    private static List<String> base(String... override) {
        List<String> args = new ArrayList<>(List.of("--host", LocalServer.HOST, "--user", server.user(), "--database",
                server.database(), "--duration", "1s", "--write-interval", "0.1", "--startup-timeout", "1s",
                "--run-dir", dir.resolve("runs").resolve(Long.toString(System.nanoTime())).toString()));
        args.addAll(List.of(override));
        return args;
    }

    static Stream<Arguments> badInputs() throws IOException {
        Path passwordDir = Files.createDirectories(dir.resolve("a-directory"));
        Path reused = Files.createDirectories(dir.resolve("reused"));
        Files.writeString(reused.resolve("ledger-reuse.jsonl"), "{\"type\":\"start\",\"ts\":1,\"client\":\"reuse\"}\n");
        Path others = Files.createDirectories(dir.resolve("others"));
        Files.writeString(others.resolve("ledger-someone.jsonl"),
                "{\"type\":\"start\",\"ts\":1,\"client\":\"someone\",\"format\":1}\n");
        return Stream.of(
                Arguments.of(List.of("--port", "abc"), 2, "error: invalid --port (MARIADB_PORT) 'abc': expected a whole number 1 to 65535"),
                Arguments.of(List.of("--port", "0"), 2, "error: invalid --port (MARIADB_PORT) '0'"),
                Arguments.of(List.of("--port", "65536"), 2, "error: invalid --port (MARIADB_PORT) '65536'"),
                Arguments.of(List.of("--write-interval", "-1"), 2, "error: invalid --write-interval (WRITE_INTERVAL) '-1'"),
                Arguments.of(List.of("--write-interval", "often"), 2, "error: invalid --write-interval (WRITE_INTERVAL) 'often'"),
                Arguments.of(List.of("--bogus"), 2, "error: unknown option --bogus (see --help)"),
                // A mistyped --password: its value must not be echoed back.
                Arguments.of(List.of("--pasword", "s3cret-typo"), 2, "error: unknown option --pasword (see --help)"),
                Arguments.of(List.of("--socket-timeout", "1000h"), 2, "error: invalid --socket-timeout (SOCKET_TIMEOUT) '1000h'"),
                Arguments.of(List.of("--database", "x?socketTimeout=0"), 2,
                        "error: invalid --database (MARIADB_DATABASE) 'x?socketTimeout=0'"),
                Arguments.of(List.of("--client-id", "reuse", "--run-dir", reused.toString()), 2,
                        "error: run folder " + reused + " holds ledger-reuse.jsonl, a ledger of another format than this"
                                + " build writes: choose another --run-dir"),
                Arguments.of(List.of("--client-id", "me", "--run-dir", others.toString()), 2,
                        "error: run folder " + others + " holds a ledger of another client (someone): choose another"
                                + " --run-dir, or give the clients that wrote it"),
                Arguments.of(List.of("--password-file", "/nonexistent/pw"), 2,
                        "error: cannot read password file /nonexistent/pw given by --password-file (MARIADB_PASSWORD_FILE): no such file"),
                Arguments.of(List.of("--password-file", passwordDir.toString()), 2,
                        "error: cannot read password file " + passwordDir + " given by --password-file (MARIADB_PASSWORD_FILE): it is a folder, not a file"),
                Arguments.of(List.of("--client-id", "x".repeat(256)), 2,
                        "error: invalid --client-id (CLIENT_ID): must be 1 to 255 characters"),
                Arguments.of(List.of("--run-dir", "/proc/no-such-dir/run"), 2, "error: cannot create run folder /proc/no-such-dir/run: a parent folder cannot be created there"),
                Arguments.of(List.of("--port", Integer.toString(Ports.free())), 3, "error: cannot reach MariaDB at 127.0.0.1:"),
                Arguments.of(List.of("--host", "no-such-host.invalid"), 3, "error: cannot reach MariaDB at no-such-host.invalid:3306"),
                Arguments.of(List.of("--database", "fct_no_such_db"), 3,
                        "error: user '" + server.user() + "' may not use database 'fct_no_such_db' on MariaDB at 127.0.0.1:3306"),
                // root sees every database, so the server says 1049 unknown database rather than 1044.
                Arguments.of(List.of("--user", "root", "--password=", "--database", "fct_no_such_db"), 3,
                        "error: database 'fct_no_such_db' does not exist on MariaDB at 127.0.0.1:3306"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badInputs")
    void badInputGivesOneClearLine(List<String> override, int exitCode, String message) throws Exception {
        ClientProcess p = ClientProcess.run(base(override.toArray(String[]::new)),
                Map.of("MARIADB_PASSWORD", server.password()), EXIT);
        assertThat(p.exitCode()).as(p.output()).isEqualTo(exitCode);
        assertThat(p.stderr()).as(p.output()).hasSize(1);
        assertThat(p.stderr().get(0)).startsWith(message);
        assertNoStackTraceOrSecret(p, server.password());
        assertThat(p.output()).doesNotContain("s3cret-typo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong-password", ""})
    void wrongPasswordExitsAtOnceWithoutShowingIt(String password) throws Exception {
        ClientProcess p = ClientProcess.run(base("--startup-timeout", "60s"), Map.of("MARIADB_PASSWORD", password), EXIT);
        assertThat(p.exitCode()).as(p.output()).isEqualTo(3);
        assertThat(p.stderr()).hasSize(1);
        assertThat(p.stderr().get(0)).startsWith("error: authentication failed for user '" + server.user() + "' at 127.0.0.1:3306");
        assertNoStackTraceOrSecret(p, password.isEmpty() ? server.password() : password);
    }

    @org.junit.jupiter.api.Test
    void debugAddsTheStackTraceOfTheCauseAfterTheSameLine() throws Exception {
        ClientProcess p = ClientProcess.run(base("--password-file", "/nonexistent/pw", "--debug"), Map.of(), EXIT);
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.stderr().get(0)).isEqualTo("error: cannot read password file /nonexistent/pw given by"
                + " --password-file (MARIADB_PASSWORD_FILE): no such file");
        assertThat(p.stderr()).anyMatch(l -> l.contains("java.nio.file.NoSuchFileException: /nonexistent/pw"))
                .anyMatch(l -> l.startsWith("\tat "));
    }

    @org.junit.jupiter.api.Test
    void missingPassword() throws Exception {
        ClientProcess p = ClientProcess.run(base(), Map.of(), EXIT);
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.stderr()).containsExactly("error: missing password: set --password (MARIADB_PASSWORD)"
                + " (an empty value is allowed: --password=) or --password-file (MARIADB_PASSWORD_FILE)");
    }

    static Stream<String> clientIds() {
        return Stream.of("it's", "say \"hi\"", "back`tick", "ü-日本-🚀", "semi;colon -- comment", "x".repeat(255));
    }

    @ParameterizedTest
    @MethodSource("clientIds")
    void clientIdsWithQuotesAndUnicodeWork(String clientId) throws Exception {
        Path run = dir.resolve("id-" + Math.abs(clientId.hashCode()));
        Map<String, String> env = new HashMap<>(Map.of("MARIADB_PASSWORD", server.password(), "CLIENT_ID", clientId));
        ClientProcess p = ClientProcess.run(base("--run-dir", run.toString()), env, EXIT);
        assertThat(p.exitCode()).as(p.output()).isZero();
        long attempts = RunFiles.ledger(run, clientId).attempts().size();
        try (Connection c = server.rootConnection()) {
            assertThat(RunFiles.count(c, clientId)).isEqualTo(attempts).isPositive();
        }
    }

    private static void assertNoStackTraceOrSecret(ClientProcess p, String secret) {
        assertThat(p.output()).doesNotContain("Exception").doesNotContain("\tat ");
        if (!secret.isEmpty()) {
            assertThat(p.output()).doesNotContain(secret);
        }
    }

}
