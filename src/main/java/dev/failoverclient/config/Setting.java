package dev.failoverclient.config;

/**
 * Every user-facing setting of the {@code run} command: its flag, its environment variable and its
 * default. The order of precedence is default &lt; environment &lt; flag. A {@code null} default
 * means "no default" (the setting is optional or required, see {@link ConfigLoader}).
 */
public enum Setting {
    HOST("--host", "MARIADB_HOST", "localhost",
            "Database host; a comma-separated list host[:port],... makes the client pick the writable node"),
    PORT("--port", "MARIADB_PORT", "3306",
            "Database port"),
    NODES("--nodes", "MARIADB_NODES", null,
            "Every node of the cluster, host[:port],...: run watches each (the census), verify reads each"),
    USER("--user", "MARIADB_USER", "root",
            "Database user (not SUPER: SUPER ignores read_only)"),
    PASSWORD("--password", "MARIADB_PASSWORD", null,
            "Database password (required; may be empty). Prefer the env var or --password-file: flags are visible in ps"),
    PASSWORD_FILE("--password-file", "MARIADB_PASSWORD_FILE", null,
            "Read the password from this file (a trailing newline is ignored)"),
    DATABASE("--database", "MARIADB_DATABASE", "test",
            "Database name"),
    SSL_MODE("--ssl-mode", "MARIADB_SSL_MODE", null,
            "TLS: disable, trust (encrypt, no certificate check), verify-ca or verify-full (CA and host name)"
                    + " (default: verify-full when --ssl-ca is given, else disable)"),
    SSL_CA("--ssl-ca", "MARIADB_SSL_CA", null,
            "PEM CA bundle that signs the servers' certificates (e.g. mariadb-operator's <name>-ca-bundle ca.crt)"),
    SSL_CERT("--ssl-cert", "MARIADB_SSL_CERT", null,
            "PEM client certificate, for users created with REQUIRE X509/SUBJECT/ISSUER"),
    SSL_KEY("--ssl-key", "MARIADB_SSL_KEY", null,
            "PEM private key of --ssl-cert (RSA, EC or PKCS#8, unencrypted)"),
    WRITE_INTERVAL("--write-interval", "WRITE_INTERVAL", "1.0",
            "Seconds between writes of each client (decimals allowed, 0 = as fast as possible)"),
    CLIENT_ID("--client-id", "CLIENT_ID", null,
            "Unique client id (default: client-<hostname>)"),
    CLIENTS("--clients", "CLIENTS", "1",
            "Number of writers in this process; ids <client-id>-1..N"),
    DURATION("--duration", "DURATION", null,
            "Stop after this long, e.g. 30s, 5m (default: until SIGTERM/SIGINT)"),
    STATS_EVERY("--stats-every", "STATS_EVERY", "10",
            "Print the statistics block every N writes"),
    CONNECT_TIMEOUT("--connect-timeout", "CONNECT_TIMEOUT", "2s",
            "Timeout for opening a connection"),
    SOCKET_TIMEOUT("--socket-timeout", "SOCKET_TIMEOUT", "5s",
            "Timeout for an answer to a statement (a stalled server is noticed after this long)"),
    STARTUP_TIMEOUT("--startup-timeout", "STARTUP_TIMEOUT", "60s",
            "How long to retry an unreachable server at startup before exiting with code 3"),
    PROBE_INTERVAL("--probe-interval", "PROBE_INTERVAL", "100ms",
            "Pause between reconnect probes while writes are refused"),
    LOSS_CHECK_WINDOW("--loss-check-window", "LOSS_CHECK_WINDOW", "100",
            "How many recent acknowledged writes the online loss check reads back after a reconnect"),
    RUN_DIR("--run-dir", "RUN_DIR", null,
            "Run folder for ledgers and the summary (default: runs/<UTC timestamp>-<client-id>)"),
    JSON("--json", "JSON_SUMMARY", null,
            "Also write the JSON summary to this file"),
    JUNIT("--junit", "JUNIT_XML", null,
            "Also write the verdict as JUnit XML to this file"),
    HTTP_PORT("--http-port", "HTTP_PORT", null,
            "Serve /metrics, /healthz, /status, /verdict and the live report (/) on this port; 0 = any free port"
                    + " (default: off)"),
    HTTP_BIND("--http-bind", "HTTP_BIND", "0.0.0.0",
            "Address the HTTP endpoint listens on"),
    POOL("--pool", "POOL", "none",
            "none (a connection per writer, reopened after errors) or hikari (one HikariCP pool, its own defaults)"),
    POOL_SIZE("--pool-size", "POOL_SIZE", null,
            "Maximum size of the HikariCP pool (default: the number of clients)"),
    POOL_EVICT_ON("--pool-evict-on", "POOL_EVICT_ON", "none",
            "none (HikariCP's rule: only broken connections leave the pool) or read-only (also 1290, 1836, 1047)"),
    TRANSACTION_ROWS("--transaction-rows", "TRANSACTION_ROWS", "1",
            "Rows per attempt: one transaction of N consecutive sequences, committed once"),
    READ_CHECK("--read-check", "READ_CHECK", "off",
            "on: read every acknowledged write back, on the writer's connection and on --read-host", "on"),
    READ_HOST("--read-host", "READ_HOST", null,
            "Read endpoint host[:port],... for --read-check (e.g. mariadb-operator's <name>-secondary Service)"),
    READ_CHECK_TIMEOUT("--read-check-timeout", "READ_CHECK_TIMEOUT", "2s",
            "How long an acknowledged write may take to show on the read endpoint before it is a stale read");

    private final String flag;
    private final String env;
    private final String defaultValue;
    private final String description;
    private final String valueWhenBare;

    Setting(String flag, String env, String defaultValue, String description) {
        this(flag, env, defaultValue, description, null);
    }

    /** @param valueWhenBare the value of the flag given without one ({@code --read-check}); {@code null}: a value is required */
    Setting(String flag, String env, String defaultValue, String description, String valueWhenBare) {
        this.flag = flag;
        this.env = env;
        this.defaultValue = defaultValue;
        this.description = description;
        this.valueWhenBare = valueWhenBare;
    }

    /** The value of the flag given alone, {@code null} when it needs one. */
    public String valueWhenBare() {
        return valueWhenBare;
    }

    /** One line of help text. */
    public String description() {
        return description;
    }

    public String flag() {
        return flag;
    }

    public String env() {
        return env;
    }

    /** The default as the user would type it, or {@code null} when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** How error messages name the setting, e.g. {@code --port (MARIADB_PORT)}. */
    String label() {
        return flag + " (" + env + ")";
    }
}
