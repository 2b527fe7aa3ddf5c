package dev.failoverclient.config;

/**
 * Every option of the {@code lab} command that takes a value: flag, default and help, in the order
 * of {@code lab --help}. A {@code null} default means the option is off unless given.
 */
public enum LabSetting {
    TOPOLOGY("--topology", "replication", "replication (a primary and its replicas) or galera (every node writable,"
            + " Debian's 10.11 and galera-4 by default)"),
    NODES("--nodes", "3", "MariaDB nodes to start (1 to 9; galera: 3 to 9)"),
    REPLICATION("--replication", "semisync", "async or semisync (AFTER_SYNC, master side only on the primary)"),
    DURABILITY("--durability", "server", "the nodes' durability: server (their defaults), relaxed"
            + " (innodb_flush_log_at_trx_commit=0, sync_binlog=0: Galera's recommendation) or strict (both 1)"),
    WSREP_PROVIDER("--wsrep-provider", "/usr/lib/galera/libgalera_smm.so", "the Galera library (galera)"),
    WRITE_TO("--write-to", "one", "one (every writer through the service, as the operator's primary Service) or"
            + " all (galera: writer i on node i, every node written at once)"),
    SCENARIO("--scenario", "kill-primary", "the fault"),
    REPEAT("--repeat", "1", "cycles of the scenario, the topology healed between them"),
    SCHEDULE("--schedule", "fixed", "fixed (--scenario, --repeat times) or random (faults drawn from the catalogue,"
            + " their kind, target, timing and duration, for --duration; the same --seed, the same schedule)"),
    SEED("--seed", null, "the random schedule's seed (default: drawn, and printed): the same seed draws the same"
            + " sequence of faults"),
    DURATION("--duration", null, "with --schedule random: how long to break the cluster, on the clock (e.g. 30m;"
            + " the step under way then is the last)"),
    FAULTS("--faults", null, "with --schedule random: the faults to draw from, comma-separated (default: every one"
            + " that applies, but split-brain and semisync-timeout-kill, which model a broken failover)"),
    CLIENTS("--clients", "2", "writers"),
    WRITE_INTERVAL("--write-interval", "0.05", "seconds between writes of each writer"),
    WARMUP("--warmup", "2s", "writing time before the first fault"),
    RECOVERY("--recovery", "3s", "writing time after each fault"),
    FAULT_DURATION("--fault-duration", "2s", "how long pause-primary and blackhole last"),
    POOL("--pool", "none", "none or hikari: the writers borrow from one HikariCP pool, as applications do"),
    POOL_SIZE("--pool-size", null, "the pool's maximum size (default: the number of writers)"),
    POOL_EVICT_ON("--pool-evict-on", "none", "none or read-only: the pool also retires connections refused read-only"),
    TRANSACTION_ROWS("--transaction-rows", "1", "rows per attempt: one transaction of N sequences"),
    MARIADB_BASEDIR("--mariadb-basedir", null, "an installed MariaDB (e.g. /usr) instead of the embedded 11.4.5"),
    RUN_DIR("--run-dir", null, "run folder (default runs/<UTC timestamp>-lab)"),
    JSON("--json", null, "also write the JSON summary here"),
    JUNIT("--junit", null, "also write the verdict as JUnit XML here (a testsuite per cycle)"),
    HTTP_PORT("--http-port", null, "serve metrics, status, the live verdict and report on this port while the lab"
            + " runs (0 = any free port)"),
    HTTP_BIND("--http-bind", "127.0.0.1", "address the HTTP endpoint listens on"),
    SERVICE_PORT("--service-port", null, "lab serve: the service (the primary) on this port of 127.0.0.1 (default:"
            + " a free one), so that a client's configuration stays the same between starts"),
    READ_PORT("--read-port", null, "lab serve: the read endpoint (the replicas) on this port (default: a free one)");

    private final String flag;
    private final String defaultValue;
    private final String description;

    LabSetting(String flag, String defaultValue, String description) {
        this.flag = flag;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String flag() {
        return flag;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
