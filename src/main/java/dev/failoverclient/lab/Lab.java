package dev.failoverclient.lab;

import dev.failoverclient.config.Endpoint;
import dev.failoverclient.config.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running MariaDB cluster on this machine: nodes with GTID replication from one primary, the
 * service proxy in front of the primary, and the ground-truth log. Topology changes follow
 * mariadb-operator's steps ({@link Topology}); faults are {@link Fault}s. {@link #close()}
 * leaves no process behind, and a shutdown hook does the same if the JVM is stopped first.
 */
public final class Lab implements AutoCloseable {
    public static final String APP_USER = "writer";
    public static final String APP_DATABASE = "test";
    static final String REPL_USER = "repl";
    static final String REPL_PASSWORD = "repl";

    private final List<LabNode> nodes;
    private final Replication replication;
    private ServiceProxy service;
    private final Map<LabNode, ServiceProxy> addresses = new LinkedHashMap<>();
    private final GroundTruth truth;
    private final Secret appPassword;
    private final Path template;
    private final Thread reaper;
    private LabNode primary;

    private Lab(List<LabNode> nodes, Replication replication, GroundTruth truth, Secret appPassword, Path template) {
        this.nodes = List.copyOf(nodes);
        this.replication = replication;
        this.truth = truth;
        this.appPassword = appPassword;
        this.template = template;
        this.primary = nodes.get(0);
        this.reaper = new Thread(this::killAll, "lab-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** The service and the nodes' addresses, opened once the nodes hold their ports (a proxy could take one). */
    private void openProxies() {
        service = new ServiceProxy(primary.endpoint());
        for (LabNode n : nodes) {
            addresses.put(n, new ServiceProxy(n.endpoint()));
        }
    }

    /**
     * Starts {@code count} nodes under {@code dir}: node 0 primary, the others its replicas. Events
     * go to {@code events} ({@code events.jsonl} of the run folder).
     *
     * @throws LabException when a node cannot start; nothing is left running then
     */
    public static Lab start(int count, Replication replication, MariaDbInstallation install, Path dir, Path events,
                            Clock clock, Secret appPassword, boolean tls) {
        GroundTruth truth = new GroundTruth(events, clock);
        Path template = dir.resolve("template");
        LabCertificates certificates;
        try {
            LabNode.installInto(install, template);
            certificates = tls ? LabCertificates.create(dir.resolve("tls")) : null;
        } catch (RuntimeException e) {
            truth.close();
            throw e;
        }
        List<LabNode> nodes = new ArrayList<>();
        List<Integer> ports = Ports.free(count);
        for (int i = 0; i < count; i++) {
            nodes.add(new LabNode("node-" + i, i + 1, ports.get(i), dir.resolve("node-" + i), install, certificates));
        }
        Lab lab = new Lab(nodes, replication, truth, appPassword, template);
        try {
            for (LabNode n : nodes) {
                lab.boot(n, n == lab.primary);
            }
            for (LabNode n : nodes) {
                if (n != lab.primary) {
                    Topology.replicate(n, lab.primary);
                }
            }
            lab.openProxies();
            lab.truth.record("cluster_ready", lab.primary, count + " nodes, " + replication.name().toLowerCase()
                    + " replication, primary " + lab.primary.endpoint());
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** Fresh data from the template, started in its role, with the lab's users (not replicated). */
    void boot(LabNode node, boolean asPrimary) {
        node.copyDataFrom(template);
        node.start(replication.startArgs(asPrimary));
        node.exec("SET SESSION sql_log_bin = 0",
                "CREATE USER '" + REPL_USER + "'@'%' IDENTIFIED BY '" + REPL_PASSWORD + "'",
                "GRANT REPLICATION SLAVE, REPLICATION SLAVE ADMIN, BINLOG MONITOR ON *.* TO '" + REPL_USER + "'@'%'",
                "CREATE DATABASE IF NOT EXISTS " + APP_DATABASE,
                "CREATE USER '" + APP_USER + "'@'%' IDENTIFIED BY '" + appPassword.reveal().replace("'", "''") + "'",
                "CREATE USER '" + APP_USER + "'@'localhost' IDENTIFIED BY '" + appPassword.reveal().replace("'", "''") + "'",
                "GRANT ALL ON " + APP_DATABASE + ".* TO '" + APP_USER + "'@'%'",
                "GRANT ALL ON " + APP_DATABASE + ".* TO '" + APP_USER + "'@'localhost'",
                // What a monitoring user needs for the census and the forensics; still no SUPER.
                "GRANT SLAVE MONITOR, BINLOG MONITOR ON *.* TO '" + APP_USER + "'@'%'",
                "GRANT SLAVE MONITOR, BINLOG MONITOR ON *.* TO '" + APP_USER + "'@'localhost'",
                asPrimary ? "SET GLOBAL read_only = 0" : "SET GLOBAL read_only = 1");
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

    /** The running replicas of the current primary, in node order. */
    List<LabNode> replicas() {
        return nodes.stream().filter(n -> n != primary && n.running() && !n.paused()).toList();
    }

    /**
     * Makes every stopped node readable again for verification: restarted as a standalone,
     * read-only server (a killed primary may hold transactions nobody else has).
     */
    public void restartStoppedForReading() {
        for (LabNode n : nodes) {
            if (n.paused()) {
                n.resume();
            }
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
