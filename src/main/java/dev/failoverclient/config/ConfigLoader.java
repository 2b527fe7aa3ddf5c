package dev.failoverclient.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place settings are resolved and validated: default &lt; environment &lt; flag. Every
 * problem is a {@link ConfigException} with one line naming the setting and the fix; the password
 * never appears in a message.
 */
public final class ConfigLoader {
    /** {@code client_id} is VARCHAR(255) in the seed's schema. */
    static final int MAX_CLIENT_ID = 255;

    private final Map<Setting, String> flags;
    private final Map<String, String> env;

    private ConfigLoader(Map<Setting, String> flags, Map<String, String> env) {
        this.flags = flags;
        this.env = env;
    }

    /**
     * @param flags    values given on the command line (absent = not given)
     * @param env      the process environment
     * @param hostname this machine's host name, for the default client id
     */
    public static ClientConfig load(Map<Setting, String> flags, Map<String, String> env,
                                    Supplier<String> hostname) {
        return new ConfigLoader(flags, env).load(hostname);
    }

    /** Only the run folder (flag, then environment; {@code null} when neither), for a command that reads no server. */
    public static java.nio.file.Path runDir(Map<Setting, String> flags, Map<String, String> env) {
        String dir = new ConfigLoader(flags, env).raw(Setting.RUN_DIR);
        return dir == null ? null : Values.path(dir, Setting.RUN_DIR.label());
    }

    private ClientConfig load(Supplier<String> hostname) {
        int port = intSetting(Setting.PORT, 1, 65_535);
        List<Endpoint> endpoints = Endpoint.parseList(raw(Setting.HOST), port, Setting.HOST.label());
        String user = raw(Setting.USER);
        if (user.isEmpty()) {
            throw Values.invalid(Setting.USER.label(), user, "a user name");
        }
        String database = raw(Setting.DATABASE);
        if (database.isEmpty() || !database.matches("[^`?&/#\\s]+")) {
            throw Values.invalid(Setting.DATABASE.label(), database, "a database name without spaces and ` ? & / #");
        }
        String clientId = raw(Setting.CLIENT_ID);
        if (clientId == null) {
            clientId = "client-" + hostname.get();
        }
        int clients = intSetting(Setting.CLIENTS, 1, 1_000);
        String longestId = clients == 1 ? clientId : clientId + "-" + clients;
        if (clientId.isBlank() || longestId.length() > MAX_CLIENT_ID) {
            throw new ConfigException("invalid " + Setting.CLIENT_ID.label() + ": must be 1 to " + MAX_CLIENT_ID
                    + " characters (including the -N suffix added by --clients), got " + longestId.length());
        }
        Duration socketTimeout = duration(Setting.SOCKET_TIMEOUT, false);
        String runDir = raw(Setting.RUN_DIR);
        String json = raw(Setting.JSON);
        return new ClientConfig(
                endpoints,
                raw(Setting.NODES) == null ? List.of() : Endpoint.parseList(raw(Setting.NODES), port,
                        Setting.NODES.label()),
                user,
                password(),
                database,
                tls(),
                duration(Setting.WRITE_INTERVAL, true),
                clientId,
                clients,
                raw(Setting.DURATION) == null ? null : duration(Setting.DURATION, false),
                intSetting(Setting.STATS_EVERY, 1, Integer.MAX_VALUE),
                duration(Setting.CONNECT_TIMEOUT, false),
                socketTimeout,
                duration(Setting.STARTUP_TIMEOUT, true),
                duration(Setting.PROBE_INTERVAL, false),
                intSetting(Setting.LOSS_CHECK_WINDOW, 0, 1_000_000),
                runDir == null ? null : Values.path(runDir, Setting.RUN_DIR.label()),
                json == null ? null : Values.path(json, Setting.JSON.label()),
                raw(Setting.JUNIT) == null ? null : Values.path(raw(Setting.JUNIT), Setting.JUNIT.label()),
                raw(Setting.HTTP_PORT) == null ? null : intSetting(Setting.HTTP_PORT, 0, 65_535),
                httpBind(), false, application(clients, port));
    }

    private ClientConfig.Application application(int clients, int port) {
        String pool = raw(Setting.POOL).trim();
        if (!List.of("none", "hikari").contains(pool)) {
            throw Values.invalid(Setting.POOL.label(), pool, "none or hikari");
        }
        String evict = raw(Setting.POOL_EVICT_ON).trim();
        if (!List.of("none", "read-only").contains(evict)) {
            throw Values.invalid(Setting.POOL_EVICT_ON.label(), evict, "none or read-only");
        }
        if (!pool.equals("hikari") && (raw(Setting.POOL_SIZE) != null || !evict.equals("none"))) {
            throw new ConfigException((raw(Setting.POOL_SIZE) != null ? Setting.POOL_SIZE.label()
                    : Setting.POOL_EVICT_ON.label()) + " configures the pool: add " + Setting.POOL.label() + " hikari");
        }
        String readCheck = raw(Setting.READ_CHECK).trim();
        if (!List.of("on", "off", "true", "false").contains(readCheck)) {
            throw Values.invalid(Setting.READ_CHECK.label(), readCheck, "on or off");
        }
        boolean reads = readCheck.equals("on") || readCheck.equals("true");
        String readHost = raw(Setting.READ_HOST);
        if (readHost != null && !reads) {
            throw new ConfigException(Setting.READ_HOST.label() + " is where --read-check reads: add "
                    + Setting.READ_CHECK.label());
        }
        return new ClientConfig.Application(pool,
                raw(Setting.POOL_SIZE) == null ? clients : intSetting(Setting.POOL_SIZE, 1, 1_000),
                evict.equals("read-only"), intSetting(Setting.TRANSACTION_ROWS, 1, 1_000), reads,
                readHost == null ? List.of() : Endpoint.parseList(readHost, port, Setting.READ_HOST.label()),
                duration(Setting.READ_CHECK_TIMEOUT, false));
    }

    private Tls tls() {
        Path ca = file(Setting.SSL_CA);
        Path cert = file(Setting.SSL_CERT);
        Path key = file(Setting.SSL_KEY);
        String modeText = raw(Setting.SSL_MODE);
        SslMode mode = modeText == null || modeText.isBlank() ? (ca != null ? SslMode.VERIFY_FULL : SslMode.DISABLE)
                : SslMode.parse(modeText, Setting.SSL_MODE.label());
        if ((cert == null) != (key == null)) {
            throw new ConfigException(cert == null
                    ? Setting.SSL_KEY.label() + " is given without " + Setting.SSL_CERT.label() + ": give both or neither"
                    : Setting.SSL_CERT.label() + " is given without " + Setting.SSL_KEY.label()
                    + ": give both or neither");
        }
        if (!mode.encrypted() && (ca != null || cert != null)) {
            throw new ConfigException(Setting.SSL_MODE.label() + " is disable but "
                    + (ca != null ? Setting.SSL_CA.label() : Setting.SSL_CERT.label())
                    + " is given: choose --ssl-mode verify-full (or verify-ca, trust), or drop the TLS files");
        }
        if (ca != null && !mode.verifies()) {
            throw new ConfigException(Setting.SSL_MODE.label() + " is " + mode.label() + ", which does not check the"
                    + " server's certificate, but " + Setting.SSL_CA.label() + " is given: choose --ssl-mode verify-full"
                    + " (or verify-ca), or drop --ssl-ca");
        }
        if (ca != null) {
            PemFiles.certificates(ca, Setting.SSL_CA.label());
        }
        if (cert != null) {
            // Built here only to fail at startup with one line; the connections build their own from the files.
            PemFiles.clientKeyStore(cert, Setting.SSL_CERT.label(), key, Setting.SSL_KEY.label(), "check".toCharArray());
        }
        return new Tls(mode, ca, cert, key);
    }

    private Path file(Setting s) {
        String text = raw(s);
        return text == null || text.isBlank() ? null : Values.path(text.trim(), s.label());
    }

    private String httpBind() {
        String bind = raw(Setting.HTTP_BIND).trim();
        if (bind.isEmpty() || !bind.matches("[A-Za-z0-9._\\-:\\[\\]]+")) {
            throw Values.invalid(Setting.HTTP_BIND.label(), bind, "an address to listen on, e.g. 0.0.0.0 or 127.0.0.1");
        }
        return bind;
    }

    /** Flag, else environment, else default; {@code null} when none is set. */
    private String raw(Setting s) {
        if (flags.containsKey(s)) {
            return flags.get(s);
        }
        String fromEnv = env.get(s.env());
        return fromEnv != null ? fromEnv : s.defaultValue();
    }

    private int intSetting(Setting s, int min, int max) {
        return Values.integer(raw(s), s.label(), min, max);
    }

    private Duration duration(Setting s, boolean zeroAllowed) {
        return Values.duration(raw(s), s.label(), zeroAllowed);
    }

    private Secret password() {
        boolean flagGiven = flags.containsKey(Setting.PASSWORD) || flags.containsKey(Setting.PASSWORD_FILE);
        String value = flagGiven ? flags.get(Setting.PASSWORD) : env.get(Setting.PASSWORD.env());
        String file = flagGiven ? flags.get(Setting.PASSWORD_FILE) : env.get(Setting.PASSWORD_FILE.env());
        if (value != null && file != null) {
            throw new ConfigException("both a password and a password file are given: use only one of "
                    + Setting.PASSWORD.label() + " and " + Setting.PASSWORD_FILE.label());
        }
        if (value != null) {
            return new Secret(value);
        }
        if (file != null) {
            return readPasswordFile(Values.path(file, Setting.PASSWORD_FILE.label()));
        }
        throw new ConfigException("missing password: set " + Setting.PASSWORD.label() + " (an empty value is allowed: "
                + "--password=) or " + Setting.PASSWORD_FILE.label());
    }

    private static Secret readPasswordFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new ConfigException("cannot read password file " + file + " given by " + Setting.PASSWORD_FILE.label()
                    + ": it is a folder, not a file");
        }
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            // Secret mounts and `echo secret > file` end with a newline that is not part of the password.
            return new Secret(content.replaceFirst("\\r?\\n$", ""));
        } catch (IOException | SecurityException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.charset.CharacterCodingException ? "not UTF-8 text"
                    : String.valueOf(e.getMessage());
            throw new ConfigException("cannot read password file " + file + " given by "
                    + Setting.PASSWORD_FILE.label() + ": " + why, e);
        }
    }
}
