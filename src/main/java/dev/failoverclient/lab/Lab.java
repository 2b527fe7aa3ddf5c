package dev.failoverclient.lab;

import dev.failoverclient.config.Endpoint;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.config.Secret;
import dev.failoverclient.history.LabEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running MariaDB cluster on this machine: nodes with GTID replication from one primary, or a
 * Galera cluster ({@link Galera}); the service proxy in front of the node written to (the primary,
 * or for Galera the node the operator's primary Service points at), and the ground-truth log.
 * Topology changes follow mariadb-operator's steps ({@link Topology}); faults are {@link Fault}s.
 * {@link #close()} leaves no process behind, and a shutdown hook does the same if the JVM is stopped
 * first.
 */
public final class Lab implements AutoCloseable {
    public static final String APP_USER = "writer";
    public static final String APP_DATABASE = "test";
    static final String REPL_USER = "repl";
    static final String REPL_PASSWORD = "repl";

    private final List<LabNode> nodes;
    private final Replication replication;
    /** The Galera cluster's operations; {@code null} for replication. */
    private final Galera galera;
    /** The nodes' durability options ({@code --durability}). */
    private final List<String> durability;
    private ServiceProxy service;
    /** The read endpoint (the operator's secondary Service): a node that is not the primary. */
    private ServiceProxy readService;
    private final Map<LabNode, ServiceProxy> addresses = new LinkedHashMap<>();
    private final GroundTruth truth;
    private final Secret appPassword;
    private final Path template;
    private final Thread reaper;
    private LabNode primary;

    private Lab(List<LabNode> nodes, Replication replication, Galera galera, List<String> durability, GroundTruth truth,
                Secret appPassword, Path template) {
        this.nodes = List.copyOf(nodes);
        this.replication = replication;
        this.galera = galera;
        this.durability = List.copyOf(durability);
        this.truth = truth;
        this.appPassword = appPassword;
        this.template = template;
        this.primary = nodes.get(0);
        this.reaper = new Thread(this::killAll, "lab-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * The service and the nodes' addresses, opened once the nodes hold their ports (a proxy could take
     * one); the service and the read endpoint on the ports given ({@code lab serve}), else free ones.
     */
    private void openProxies(int servicePort, int readPort) {
        service = new ServiceProxy(primary.endpoint(), servicePort, "--service-port");
        readService = new ServiceProxy(readTarget().endpoint(), readPort, "--read-port");
        for (LabNode n : nodes) {
            addresses.put(n, new ServiceProxy(n.endpoint()));
        }
    }

    /**
     * Starts {@code count} replicating nodes under {@code dir}: node 0 primary, the others its replicas,
     * with the servers' own durability settings.
     */
    public static Lab start(int count, Replication replication, MariaDbInstallation install, Path dir, Path events,
                            Clock clock, Secret appPassword, boolean tls) {
        return start(count, replication, null, List.of(), install, dir, events, clock, appPassword, tls, 0, 0);
    }

    /**
     * Starts the cluster {@code config} describes under {@code dir}: replication (node 0 primary, the
     * others its replicas) or Galera (node 0 bootstraps, the others join). Events go to {@code events}
     * ({@code events.jsonl} of the run folder).
     *
     * @throws LabException when a node cannot start; nothing is left running then
     */
    public static Lab start(LabConfig config, MariaDbInstallation install, Path dir, Path events, Clock clock,
                            Secret appPassword) {
        if (config.galera()) {
            Galera.checkMachine(install, config.wsrepProvider());
        }
        Replication replication = Replication.valueOf(config.replication().toUpperCase(java.util.Locale.ROOT));
        return start(config.nodes(), replication, config.galera() ? config.wsrepProvider() : null,
                durabilityArgs(config.durability()), install, dir, events, clock, appPassword, config.tls(),
                config.servicePort() == null ? 0 : config.servicePort(), config.readPort() == null ? 0 : config.readPort());
    }

    /** The server options of {@code --durability}. */
    public static List<String> durabilityArgs(String durability) {
        return switch (durability) {
            case "relaxed" -> List.of("--innodb-flush-log-at-trx-commit=0", "--sync-binlog=0");
            case "strict" -> List.of("--innodb-flush-log-at-trx-commit=1", "--sync-binlog=1");
            default -> List.of();
        };
    }

    private static Lab start(int count, Replication replication, Path galeraProvider, List<String> durability,
                             MariaDbInstallation install, Path dir, Path events, Clock clock, Secret appPassword,
                             boolean tls, int servicePort, int readPort) {
        GroundTruth truth = new GroundTruth(events, clock);
        Path template = dir.resolve("template");
        LabCertificates certificates;
        try {
            certificates = tls ? LabCertificates.create(dir.resolve("tls")) : null;
            if (galeraProvider == null) {
                LabNode.installInto(install, template);
            }
        } catch (RuntimeException e) {
            truth.close();
            throw e;
        }
        String osUser = galeraProvider == null ? null : Galera.OS_USER;
        List<LabNode> nodes = new ArrayList<>();
        List<Integer> ports = Ports.free(galeraProvider == null ? count : 4 * count);
        for (int i = 0; i < count; i++) {
            nodes.add(new LabNode("node-" + i, i + 1, ports.get(i), dir.resolve("node-" + i), install, certificates,
                    osUser));
        }
        Galera galera = galeraProvider == null ? null
                : new Galera(galeraProvider, nodes, ports.subList(count, 4 * count), durability);
        Lab lab = new Lab(nodes, replication, galera, durability, truth, appPassword, template);
        try {
            if (galera == null) {
                for (LabNode n : nodes) {
                    lab.boot(n, n == lab.primary);
                }
                for (LabNode n : nodes) {
                    if (n != lab.primary) {
                        Topology.replicate(n, lab.primary);
                    }
                }
            } else {
                LabNode.installInto(install, lab.primary.data(), osUser);
                galera.bootstrap(lab.primary, null);
                lab.createUsers(lab.primary, false);
                for (LabNode n : nodes) {
                    if (n != lab.primary) {
                        galera.join(n, null);
                    }
                }
            }
            lab.openProxies(servicePort, readPort);
            lab.truth.record("cluster_ready", lab.primary, count + " nodes, " + (galera == null
                    ? replication.name().toLowerCase(java.util.Locale.ROOT) + " replication, primary "
                    : "Galera, the service on ") + lab.primary.endpoint());
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** Fresh data from the template, started in its role, with the lab's users (not replicated). */
    void boot(LabNode node, boolean asPrimary) {
        node.copyDataFrom(template);
        node.start(startArgs(asPrimary));
        createUsers(node, true);
        node.exec(asPrimary ? "SET GLOBAL read_only = 0" : "SET GLOBAL read_only = 1");
    }

    /**
     * The lab's users and database on {@code node}: kept out of the binary log for replication (every
     * node gets its own), replicated by Galera to every node.
     */
    private void createUsers(LabNode node, boolean local) {
        node.exec(local ? "SET SESSION sql_log_bin = 0" : "DO 0",
                "CREATE USER '" + REPL_USER + "'@'%' IDENTIFIED BY '" + REPL_PASSWORD + "'",
                "GRANT REPLICATION SLAVE, REPLICATION SLAVE ADMIN, BINLOG MONITOR ON *.* TO '" + REPL_USER + "'@'%'",
                "CREATE DATABASE IF NOT EXISTS " + APP_DATABASE,
                "CREATE USER '" + APP_USER + "'@'%' IDENTIFIED BY '" + appPassword.reveal().replace("'", "''") + "'",
                "CREATE USER '" + APP_USER + "'@'localhost' IDENTIFIED BY '" + appPassword.reveal().replace("'", "''") + "'",
                "GRANT ALL ON " + APP_DATABASE + ".* TO '" + APP_USER + "'@'%'",
                "GRANT ALL ON " + APP_DATABASE + ".* TO '" + APP_USER + "'@'localhost'",
                // What a monitoring user needs for the census and the forensics; still no SUPER.
                "GRANT SLAVE MONITOR, BINLOG MONITOR ON *.* TO '" + APP_USER + "'@'%'",
                "GRANT SLAVE MONITOR, BINLOG MONITOR ON *.* TO '" + APP_USER + "'@'localhost'");
    }

    /** A replication node's options in its role, with the lab's durability. */
    List<String> startArgs(boolean asPrimary) {
        List<String> args = new ArrayList<>(replication.startArgs(asPrimary));
        args.addAll(durability);
        return args;
    }

    /** Whether the cluster is a Galera cluster. */
    public boolean galera() {
        return galera != null;
    }

    /** The Galera cluster's operations ({@code null} for replication). */
    Galera galeraOps() {
        return galera;
    }

    /** The operator repoints the service (for Galera, the primary Service) at {@code node}. */
    void route(LabNode node, String why) {
        primary(node);
        service.route(node.endpoint());
        truth.record(LabEvent.SWITCHED, node, "service routes new connections to " + node.endpoint() + why);
    }

    /**
     * Restarts a stopped node in its place: a replication node as a replica, a Galera node joining
     * (IST), its donor a node not written to when there is one.
     */
    void restart(LabNode node) {
        if (galera != null) {
            LabNode donor = replicas().stream().filter(n -> n != node).findFirst().orElse(null);
            galera.join(node, null, donor);
        } else {
            node.start(startArgs(node == primary));
        }
    }

    public List<LabNode> nodes() {
        return nodes;
    }

    /** The certificates every node uses, or {@code null} when the lab runs without TLS. */
    public LabCertificates certificates() {
        return primary.tls();
    }

    public LabNode primary() {
        return primary;
    }

    void primary(LabNode next) {
        primary = next;
        if (readService != null) {
            readService.route(readTarget().endpoint());
        }
    }

    /** The node reads go to: the first running node that is not the primary (the primary when there is none). */
    private LabNode readTarget() {
        return replicas().stream().findFirst().orElse(primary);
    }

    /** The read endpoint, like mariadb-operator's {@code <name>-secondary} Service. */
    public ServiceProxy readService() {
        return readService;
    }

    public ServiceProxy service() {
        return service;
    }

    public GroundTruth truth() {
        return truth;
    }

    public Replication replication() {
        return replication;
    }

    /**
     * Every node's address for writers that discover the primary themselves (a pod's address): a
     * proxy in front of each node, so the lab can cut a node off from the writers while it talks
     * to the node itself on its own port.
     */
    public List<Endpoint> endpoints() {
        return nodes.stream().map(n -> addresses.get(n).endpoint()).toList();
    }

    /** The proxy that is {@code node}'s address for direct writers. */
    ServiceProxy address(LabNode node) {
        return addresses.get(node);
    }

    /**
     * Why {@code fault} cannot be injected into the cluster as it is now ({@code lab serve} asks), or
     * {@code null}: it does not apply to this topology or replication, or it needs a node the faults
     * before it left out.
     */
    public String cannotInject(Fault fault) {
        String topology = galera() ? LabConfig.GALERA : LabConfig.REPLICATION;
        if (!fault.topologies().contains(topology)) {
            return fault.name() + " applies to --topology " + String.join(" or ", fault.topologies()) + " only";
        }
        if (fault.needsSemisync() && replication != Replication.SEMISYNC) {
            return fault.name() + " needs --replication semisync";
        }
        if (!primary.running() || primary.paused()) {
            return "the primary " + primary.name() + " is down: POST /heal first";
        }
        if (fault.promotes() && replicas().isEmpty()) {
            return "no replica left to promote: POST /heal first";
        }
        return null;
    }

    /** Whether {@code node} is stopped by SIGSTOP. */
    public boolean paused(LabNode node) {
        return node.paused();
    }

    /** The running replicas of the current primary, in node order. */
    List<LabNode> replicas() {
        return nodes.stream().filter(n -> n != primary && n.running() && !n.paused()).toList();
    }

    /**
     * Makes every stopped node readable again for verification: a replication node restarted as a
     * standalone, read-only server (a killed primary may hold transactions nobody else has); a Galera
     * node rejoined (every node of a healed cluster holds the same rows), the whole cluster recovered
     * if no node runs.
     */
    public void restartStoppedForReading() {
        for (LabNode n : nodes) {
            if (n.paused()) {
                n.resume();
            }
        }
        if (galera != null) {
            List<LabNode> stopped = nodes.stream().filter(n -> !n.running()).toList();
            if (stopped.size() == nodes.size()) {
                galera.recover(nodes, (n, position) -> route(n, ": bootstrapped from " + position));
            } else {
                for (LabNode n : stopped) {
                    restart(n);
                    truth.record("node_restarted", n, "rejoined the cluster (for verification)");
                }
            }
            Galera.waitWhole(nodes);
            return;
        }
        for (LabNode n : nodes) {
            if (!n.running()) {
                n.start(List.of("--read-only=ON"));
                truth.record("node_restarted", n, "crash recovery, read-only, not replicating (for verification)");
            }
        }
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        if (readService != null) {
            readService.close();
        }
        addresses.values().forEach(ServiceProxy::close);
        killAll();
        truth.close();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }

    private void killAll() {
        for (LabNode n : nodes) {
            n.kill();
        }
    }
}
