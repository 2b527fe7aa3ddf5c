package dev.failoverclient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    private static ClientConfig load(Map<Setting, String> flags, Map<String, String> env) {
        return ConfigLoader.load(flags, env, () -> "box");
    }

    private static Map<Setting, String> flags(Object... kv) {
        Map<Setting, String> m = new EnumMap<>(Setting.class);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((Setting) kv[i], (String) kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsAreTheSeeds() {
        ClientConfig c = load(flags(), Map.of("MARIADB_PASSWORD", "s3cret"));
        assertThat(c.endpoints()).containsExactly(new Endpoint("localhost", 3306));
        assertThat(c.user()).isEqualTo("root");
        assertThat(c.database()).isEqualTo("test");
        assertThat(c.writeInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.clientId()).isEqualTo("client-box");
        assertThat(c.clients()).isEqualTo(1);
        assertThat(c.duration()).isNull();
        assertThat(c.statsEvery()).isEqualTo(10);
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.socketTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.probeInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.lossCheckWindow()).isEqualTo(100);
        assertThat(c.runDir()).isNull();
        assertThat(c.password().reveal()).isEqualTo("s3cret");
    }

    @Test
    void flagBeatsEnvironmentWhichBeatsDefault() {
        Map<String, String> env = Map.of("MARIADB_HOST", "envhost", "MARIADB_PORT", "3307", "WRITE_INTERVAL", "0.5",
                "MARIADB_PASSWORD", "");
        ClientConfig fromEnv = load(flags(), env);
        assertThat(fromEnv.endpoints()).containsExactly(new Endpoint("envhost", 3307));
        assertThat(fromEnv.writeInterval()).isEqualTo(Duration.ofMillis(500));
        ClientConfig fromFlags = load(flags(Setting.HOST, "flaghost", Setting.WRITE_INTERVAL, "0"), env);
        assertThat(fromFlags.endpoints()).containsExactly(new Endpoint("flaghost", 3307));
        assertThat(fromFlags.writeInterval()).isZero();
    }

    @Test
    void emptyPasswordIsAcceptedWhenGivenExplicitly() {
        assertThat(load(flags(Setting.PASSWORD, ""), Map.of()).password().reveal()).isEmpty();
    }

    @Test
    void passwordFileDropsOneTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "p@ss word\n");
        ClientConfig c = load(flags(), Map.of("MARIADB_PASSWORD_FILE", file.toString()));
        assertThat(c.password().reveal()).isEqualTo("p@ss word");
        assertThat(c.password().toString()).doesNotContain("p@ss");
        assertThat(c.toString()).doesNotContain("p@ss");
    }

    @Test
    void severalHostsWithPorts() {
        ClientConfig c = load(flags(Setting.HOST, "a, b:3307,c", Setting.PASSWORD, ""), Map.of());
        assertThat(c.endpoints()).containsExactly(new Endpoint("a", 3306), new Endpoint("b", 3307),
                new Endpoint("c", 3306));
    }

    @Test
    void clientIdsGetASuffixPerWriter() {
        ClientConfig c = load(flags(Setting.CLIENT_ID, "w", Setting.CLIENTS, "3", Setting.PASSWORD, ""), Map.of());
        assertThat(c.clientIds()).containsExactly("w-1", "w-2", "w-3");
    }

    @Test
    void clientIdWithQuotesIsKeptVerbatim() {
        String id = "it's \"quoted\"";
        assertThat(load(flags(Setting.CLIENT_ID, id, Setting.PASSWORD, ""), Map.of()).clientIds()).containsExactly(id);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(flags(Setting.PORT, "abc"), "invalid --port (MARIADB_PORT) 'abc': expected a whole number 1 to 65535"),
                Arguments.of(flags(Setting.PORT, "70000"), "invalid --port (MARIADB_PORT) '70000'"),
                Arguments.of(flags(Setting.WRITE_INTERVAL, "-1"), "invalid --write-interval (WRITE_INTERVAL) '-1'"),
                Arguments.of(flags(Setting.WRITE_INTERVAL, "fast"), "invalid --write-interval (WRITE_INTERVAL) 'fast'"),
                Arguments.of(flags(Setting.SOCKET_TIMEOUT, "0"), "invalid --socket-timeout (SOCKET_TIMEOUT) '0'"),
                Arguments.of(flags(Setting.DURATION, "10x"), "invalid --duration (DURATION) '10x'"),
                Arguments.of(flags(Setting.CLIENTS, "0"), "invalid --clients (CLIENTS) '0'"),
                Arguments.of(flags(Setting.HOST, "a,,b"), "invalid --host (MARIADB_HOST) entry ''"),
                Arguments.of(flags(Setting.HOST, "a:x"), "invalid --host (MARIADB_HOST) entry 'a:x'"),
                Arguments.of(flags(Setting.CLIENT_ID, "x".repeat(256)), "invalid --client-id (CLIENT_ID): must be 1 to 255"),
                Arguments.of(flags(Setting.CLIENT_ID, "x".repeat(254), Setting.CLIENTS, "2"), "must be 1 to 255"),
                Arguments.of(flags(Setting.PASSWORD_FILE, "/nonexistent/pw"),
                        "cannot read password file /nonexistent/pw given by --password-file (MARIADB_PASSWORD_FILE): no such file"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsOneClearLine(Map<Setting, String> flags, String message) {
        Map<Setting, String> withPassword = new EnumMap<>(flags);
        if (!flags.containsKey(Setting.PASSWORD_FILE)) {
            withPassword.put(Setting.PASSWORD, "hunter2");
        }
        assertThatThrownBy(() -> load(withPassword, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("hunter2"));
    }

    @Test
    void missingPasswordNamesAllThreeWays() {
        assertThatThrownBy(() -> load(flags(), Map.of()))
                .hasMessage("missing password: set --password (MARIADB_PASSWORD) (an empty value is allowed: --password=)"
                        + " or --password-file (MARIADB_PASSWORD_FILE)");
    }

    @Test
    void passwordAndPasswordFileTogetherAreRejected() {
        assertThatThrownBy(() -> load(flags(Setting.PASSWORD, "a", Setting.PASSWORD_FILE, "/x"), Map.of()))
                .hasMessageContaining("use only one of");
        // A flag overrides both environment variables: no conflict there.
        assertThat(load(flags(Setting.PASSWORD, "a"), Map.of("MARIADB_PASSWORD_FILE", "/x")).password().reveal())
                .isEqualTo("a");
    }

    @Test
    void durationsAcceptUnitsAndSeconds() {
        assertThat(List.of("1.5", "250ms", "30s", "5m", "1h", ".5", "0").stream().map(Durations::parse))
                .containsExactly(Duration.ofMillis(1500), Duration.ofMillis(250), Duration.ofSeconds(30),
                        Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMillis(500), Duration.ZERO);
        assertThat(Durations.parse("-1")).isNull();
        assertThat(Durations.parse("1 day")).isNull();
        assertThat(Durations.format(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }
}
