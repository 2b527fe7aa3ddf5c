package dev.failoverclient.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validated settings of the {@code lab} command. The scenario stays text here (the faults live in
 * the lab package); {@link #from} checks it against the names it is given.
 *
 * @param topology      {@code replication} or {@code galera}
 * @param replication   {@code async} or {@code semisync} (replication only)
 * @param durability    {@code server}, {@code relaxed} or {@code strict}
 * @param runDir        {@code null} = {@code runs/<UTC timestamp>-lab}
 * @param basedir       an installed server; {@code null} = the embedded MariaDB 11.4.5 (galera: never null)
 * @param wsrepProvider the Galera library (galera only)
 * @param writeToAll    every writer on a node of its own, all nodes written at once (galera only)
 * @param direct        writers get every node and find the primary themselves instead of using the service
 * @param tls           every node requires TLS with the lab's certificates, replication included
 * @param application   the writers' pool and transaction options as given, validated by the writers' loader
 * @param readCheck     the writers read their writes back, on their connection and on the lab's read endpoint
 * @param schedule      the fixed scenario, or faults drawn at random
 */
public record LabConfig(String topology, int nodes, String replication, String durability, String scenario, int repeat,
                        int clients, Duration writeInterval, Duration warmup, Duration recovery,
                        Duration faultDuration, Path basedir, Path wsrepProvider, boolean writeToAll, boolean keep,
                        boolean direct, boolean tls, Path runDir, Path json, Path junit, Integer httpPort,
                        String httpBind, Map<LabSetting, String> application, boolean readCheck,
                        LabSchedule schedule, Integer servicePort, Integer readPort) {
    public static final String REPLICATION = "replication";
    public static final String GALERA = "galera";
    /** Debian's server, with its state transfer scripts: the default installation of a Galera lab. */
    static final String GALERA_BASEDIR = "/usr";

    /** How the lab's writers reach the servers: quicker than run's defaults, to measure the lab's outages finely. */
    static final String WRITER_CONNECT_TIMEOUT = "1s";
    static final String WRITER_SOCKET_TIMEOUT = "2s";
    static final String WRITER_STARTUP_TIMEOUT = "10s";
    static final String WRITER_PROBE_INTERVAL = "50ms";
    static final String WRITER_STATS_EVERY = "100";
    static final String WRITER_CLIENT_ID = "lab";
    /** How often the lab's census polls every node (run's default probe interval). */
    public static final Duration CENSUS_INTERVAL = Duration.ofMillis(100);

    /**
     * What the lab's options must know of a scenario (the faults live in the lab package).
     *
     * @param promotes      needs a replica to promote (two nodes or more)
     * @param needsSemisync only meaningful with semi-synchronous replication
     * @param actsOnService acts on the service proxy, which writers given every node bypass
     * @param topologies    the topologies it applies to
     * @param unsafe        models a failover that breaks its guarantees (no fencing, semi-sync given
     *                      up): a random schedule draws it only when {@code --faults} names it
     */
    public record Scenario(String name, boolean promotes, boolean needsSemisync, boolean actsOnService,
                           List<String> topologies, boolean unsafe) {
        public Scenario(String name, boolean promotes, boolean needsSemisync, boolean actsOnService,
                        List<String> topologies) {
            this(name, promotes, needsSemisync, actsOnService, topologies, false);
        }
    }

    public boolean galera() {
        return topology.equals(GALERA);
    }

    /**
     * Every lab option, validated here and nowhere else.
     *
     * @param flags     option values given ({@code --nodes} …); absent = default
     * @param scenarios the faults this build has
     */
    public static LabConfig from(Map<LabSetting, String> flags, List<Scenario> scenarios, boolean keep, boolean direct,
                                 boolean tls) {
        return from(flags, scenarios, keep, direct, tls, false);
    }

    /** The same, with the writers reading their writes back ({@code --read-check}). */
    public static LabConfig from(Map<LabSetting, String> flags, List<Scenario> scenarios, boolean keep, boolean direct,
                                 boolean tls, boolean readCheck) {
        return from(flags, scenarios, keep, direct, tls, readCheck, false);
    }

    /**
     * The same; {@code onDemand} for {@code lab serve}, whose faults come over HTTP: no scenario is
     * checked against the nodes (a single node serves too, without the faults that promote).
     */
    public static LabConfig from(Map<LabSetting, String> flags, List<Scenario> scenarios, boolean keep, boolean direct,
                                 boolean tls, boolean readCheck, boolean onDemand) {
        Map<LabSetting, String> v = new EnumMap<>(LabSetting.class);
        for (LabSetting s : LabSetting.values()) {
            String given = flags.containsKey(s) ? flags.get(s) : s.defaultValue();
            if (given != null) {
                v.put(s, given.trim());
            }
        }
        String topology = v.get(LabSetting.TOPOLOGY);
        if (!List.of(REPLICATION, GALERA).contains(topology)) {
            throw Values.invalid(LabSetting.TOPOLOGY.flag(), topology, "replication or galera");
        }
        boolean galera = topology.equals(GALERA);
        int nodes = galera ? Values.integer(v.get(LabSetting.NODES), LabSetting.NODES.flag(), 3, 9)
                : Values.integer(v.get(LabSetting.NODES), LabSetting.NODES.flag(), 1, 9);
        String replication = v.get(LabSetting.REPLICATION);
        if (!List.of("async", "semisync").contains(replication)) {
            throw Values.invalid(LabSetting.REPLICATION.flag(), replication, "async or semisync");
        }
        if (galera && flags.containsKey(LabSetting.REPLICATION)) {
            throw new ConfigException("--replication applies to --topology replication: a Galera cluster replicates"
                    + " every commit to every node itself; leave it out");
        }
        String durability = v.get(LabSetting.DURABILITY);
        if (!List.of("server", "relaxed", "strict").contains(durability)) {
            throw Values.invalid(LabSetting.DURABILITY.flag(), durability, "server, relaxed or strict");
        }
        String writeTo = v.get(LabSetting.WRITE_TO);
        if (!List.of("one", "all").contains(writeTo)) {
            throw Values.invalid(LabSetting.WRITE_TO.flag(), writeTo, "one or all");
        }
        if (writeTo.equals("all") && !galera) {
            throw new ConfigException("--write-to all writes to every node at once, which only a Galera cluster"
                    + " accepts: add --topology galera");
        }
        if (writeTo.equals("all") && direct) {
            throw new ConfigException("--write-to all gives each writer a node of its own; --direct gives every writer"
                    + " every node: choose one");
        }
        if (!galera && flags.containsKey(LabSetting.WSREP_PROVIDER)) {
            throw new ConfigException("--wsrep-provider is the Galera library: add --topology galera");
        }
        String scenario = v.get(LabSetting.SCENARIO);
        List<Scenario> here = scenarios.stream().filter(x -> x.topologies().contains(topology)).toList();
        LabSchedule schedule = schedule(flags, v, here, scenarios, topology, nodes, replication, direct);
        if (!schedule.random() && !onDemand) {
            applicable("--scenario", scenario, here, scenarios, topology, nodes, replication, direct);
        }
        Path basedir = path(v, LabSetting.MARIADB_BASEDIR);
        if (basedir != null && !Files.isDirectory(basedir)) {
            throw new ConfigException("--mariadb-basedir " + flags.get(LabSetting.MARIADB_BASEDIR) + " is not a folder:"
                    + " give the prefix of an installed MariaDB server (e.g. /usr), or leave it out to use the embedded"
                    + " 11.4.5");
        }
        if (basedir == null && galera) {
            basedir = Path.of(GALERA_BASEDIR);
        }
        LabConfig config = new LabConfig(topology, nodes, replication, durability, scenario,
                Values.integer(v.get(LabSetting.REPEAT), LabSetting.REPEAT.flag(), 1, 100),
                Values.integer(v.get(LabSetting.CLIENTS), LabSetting.CLIENTS.flag(), 1, 50),
                duration(v, LabSetting.WRITE_INTERVAL, true), duration(v, LabSetting.WARMUP, true),
                duration(v, LabSetting.RECOVERY, false), duration(v, LabSetting.FAULT_DURATION, false),
                basedir, galera ? path(v, LabSetting.WSREP_PROVIDER) : null, writeTo.equals("all"), keep, direct, tls,
                path(v, LabSetting.RUN_DIR), path(v, LabSetting.JSON), path(v, LabSetting.JUNIT),
                v.containsKey(LabSetting.HTTP_PORT)
                        ? Values.integer(v.get(LabSetting.HTTP_PORT), LabSetting.HTTP_PORT.flag(), 0, 65_535) : null,
                v.get(LabSetting.HTTP_BIND), application(v), readCheck, schedule, port(v, LabSetting.SERVICE_PORT),
                port(v, LabSetting.READ_PORT));
        if (config.servicePort() != null && config.servicePort().equals(config.readPort())) {
            throw new ConfigException("--service-port and --read-port are both " + config.readPort()
                    + ": give each its own port");
        }
        // The writers' options go through the writers' own loader: checked here, before a node starts.
        config.writers("127.0.0.1", WRITER_CLIENT_ID, new Secret(""), "test", Path.of("."), null, "127.0.0.1");
        return config;
    }

    /** {@code --schedule} and its options: a random one's faults each checked as {@code --scenario} would be. */
    private static LabSchedule schedule(Map<LabSetting, String> flags, Map<LabSetting, String> v, List<Scenario> here,
                                        List<Scenario> all, String topology, int nodes, String replication,
                                        boolean direct) {
        String kind = v.get(LabSetting.SCHEDULE);
        if (!List.of(LabSchedule.FIXED, LabSchedule.RANDOM).contains(kind)) {
            throw Values.invalid(LabSetting.SCHEDULE.flag(), kind, "fixed or random");
        }
        if (kind.equals(LabSchedule.FIXED)) {
            for (LabSetting s : List.of(LabSetting.SEED, LabSetting.DURATION, LabSetting.FAULTS)) {
                if (flags.containsKey(s)) {
                    throw new ConfigException(s.flag() + " belongs to a random schedule: add --schedule random");
                }
            }
            return LabSchedule.fixed();
        }
        for (LabSetting s : List.of(LabSetting.SCENARIO, LabSetting.REPEAT)) {
            if (flags.containsKey(s)) {
                throw new ConfigException(s.flag() + " sets the fixed schedule; --schedule random draws the faults for"
                        + " --duration: leave " + s.flag() + " out (or choose them with --faults)");
            }
        }
        for (LabSetting s : List.of(LabSetting.FAULT_DURATION, LabSetting.RECOVERY)) {
            if (flags.containsKey(s)) {
                throw new ConfigException(s.flag() + " sets the fixed schedule's; --schedule random draws each step's"
                        + " (a fault lasts 1 to 5 s, the writing after it 1 to 6 s): leave " + s.flag() + " out");
            }
        }
        if (!v.containsKey(LabSetting.DURATION)) {
            throw new ConfigException("--schedule random needs --duration (how long to break the cluster, e.g. 30m)");
        }
        Duration duration = duration(v, LabSetting.DURATION, false);
        long seed;
        if (v.containsKey(LabSetting.SEED)) {
            try {
                seed = Long.parseLong(v.get(LabSetting.SEED));
            } catch (NumberFormatException e) {
                throw Values.invalid(LabSetting.SEED.flag(), v.get(LabSetting.SEED), "a whole number");
            }
        } else {
            seed = new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
        }
        List<String> faults = new ArrayList<>();
        if (v.containsKey(LabSetting.FAULTS)) {
            for (String f : v.get(LabSetting.FAULTS).split(",")) {
                faults.add(applicable("--faults", f.trim(), here, all, topology, nodes, replication, direct).name());
            }
        } else {
            for (Scenario s : here) {
                if (!s.unsafe() && applies(s, nodes, replication, direct)) {
                    faults.add(s.name());
                }
            }
        }
        if (faults.isEmpty()) {
            throw new ConfigException("no fault applies to this lab: give --nodes 2 or more");
        }
        return new LabSchedule(true, seed, duration, faults);
    }

    private static boolean applies(Scenario s, int nodes, String replication, boolean direct) {
        return (!s.promotes() || nodes >= 2) && (!s.needsSemisync() || replication.equals("semisync"))
                && !(direct && s.actsOnService());
    }

    /** The scenario named {@code name}, or one line saying why it does not apply to this lab. */
    private static Scenario applicable(String flag, String name, List<Scenario> here, List<Scenario> all,
                                       String topology, int nodes, String replication, boolean direct) {
        Scenario s = here.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                new ConfigException((all.stream().anyMatch(x -> x.name().equals(name))
                        ? flag + " " + name + " does not apply to --topology " + topology
                        : "unknown " + flag + " '" + name + "'") + ": expected one of "
                        + here.stream().map(Scenario::name).collect(Collectors.joining(", "))));
        if (s.promotes() && nodes < 2) {
            throw new ConfigException(flag + " " + name + " promotes a replica: it needs --nodes 2 or more");
        }
        if (s.needsSemisync() && !replication.equals("semisync")) {
            throw new ConfigException(flag + " " + name + " needs --replication semisync");
        }
        if (direct && s.actsOnService()) {
            throw new ConfigException(flag + " " + name + " acts on the service proxy, which --direct writers"
                    + " bypass: leave out --direct");
        }
        return s;
    }

    /** A listening port of 127.0.0.1 (1 to 65535), or {@code null} when not given. */
    private static Integer port(Map<LabSetting, String> v, LabSetting s) {
        return v.containsKey(s) ? Values.integer(v.get(s), s.flag(), 1, 65_535) : null;
    }

    /** The options the writers' own loader validates (pool, transactions), as given. */
    private static Map<LabSetting, String> application(Map<LabSetting, String> v) {
        Map<LabSetting, String> app = new EnumMap<>(LabSetting.class);
        for (LabSetting s : List.of(LabSetting.POOL, LabSetting.POOL_SIZE, LabSetting.POOL_EVICT_ON,
                LabSetting.TRANSACTION_ROWS)) {
            if (v.containsKey(s)) {
                app.put(s, v.get(s));
            }
        }
        return app;
    }

    /**
     * The lab writers' settings, through the same loader and validation as {@code run}'s flags.
     *
     * @param hosts     every address the writers may use, {@code host:port,...}
     * @param ca        the lab's CA: the writers verify the nodes' certificates (verify-full); {@code null}: no TLS
     * @param readHosts the lab's read endpoint for {@code --read-check}
     */
    public ClientConfig writers(String hosts, String user, Secret password, String database, Path folder, Path ca,
                                String readHosts) {
        Map<Setting, String> w = new EnumMap<>(Setting.class);
        application.forEach((s, value) -> w.put(Setting.valueOf(s.name()), value));
        if (readCheck) {
            w.put(Setting.READ_CHECK, "on");
            w.put(Setting.READ_HOST, readHosts);
        }
        w.put(Setting.HOST, hosts);
        w.put(Setting.USER, user);
        w.put(Setting.PASSWORD, password.reveal());
        w.put(Setting.DATABASE, database);
        w.put(Setting.WRITE_INTERVAL, Values.seconds(writeInterval));
        w.put(Setting.CLIENT_ID, WRITER_CLIENT_ID);
        w.put(Setting.CLIENTS, Integer.toString(clients));
        w.put(Setting.STATS_EVERY, WRITER_STATS_EVERY);
        w.put(Setting.CONNECT_TIMEOUT, WRITER_CONNECT_TIMEOUT);
        w.put(Setting.SOCKET_TIMEOUT, WRITER_SOCKET_TIMEOUT);
        w.put(Setting.STARTUP_TIMEOUT, WRITER_STARTUP_TIMEOUT);
        w.put(Setting.PROBE_INTERVAL, WRITER_PROBE_INTERVAL);
        w.put(Setting.RUN_DIR, folder.toString());
        if (httpPort != null) {
            w.put(Setting.HTTP_PORT, httpPort.toString());
        }
        w.put(Setting.HTTP_BIND, httpBind);
        if (ca != null) {
            w.put(Setting.SSL_CA, ca.toString());
        }
        return ConfigLoader.load(w, Map.of(), () -> WRITER_CLIENT_ID);
    }

    private static Duration duration(Map<LabSetting, String> v, LabSetting s, boolean zeroAllowed) {
        return Values.duration(v.get(s), s.flag(), zeroAllowed);
    }

    private static Path path(Map<LabSetting, String> v, LabSetting s) {
        return v.containsKey(s) ? Values.path(v.get(s), s.flag()) : null;
    }
}
