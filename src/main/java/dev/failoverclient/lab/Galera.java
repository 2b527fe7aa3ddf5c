package dev.failoverclient.lab;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A Galera cluster's own operations on the lab's nodes, the way mariadb-operator runs them: the first
 * node bootstraps a new cluster, the others join it by state transfer (rsync SST from an empty data
 * directory, IST when they have data); after every node crashed, each node's recovered position is
 * read ({@code --wsrep-recover}), the most advanced bootstraps, the others join from their positions.
 * Every node listens on 127.0.0.1 only, with ports of its own for group traffic, IST and SST.
 */
final class Galera {
    /** A joiner (state transfer included) or a restarted node is Synced within this long, or the lab fails. */
    static final long SYNC_TIMEOUT_MILLIS = 120_000;
    /** The account the nodes run as when the lab runs as root (Debian's server package creates it). */
    static final String OS_USER = "mysql";

    private final Path provider;
    private final List<String> durability;
    /** Per node: group communication, IST and SST ports. */
    private final Map<LabNode, int[]> ports = new LinkedHashMap<>();
    private final String clusterAddress;

    /**
     * @param groupPorts three free ports per node, in node order: group traffic, IST, SST
     * @param durability the nodes' durability options (the lab's {@code --durability})
     */
    Galera(Path provider, List<LabNode> nodes, List<Integer> groupPorts, List<String> durability) {
        this.provider = provider;
        this.durability = List.copyOf(durability);
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int[] p = {groupPorts.get(3 * i), groupPorts.get(3 * i + 1), groupPorts.get(3 * i + 2)};
            ports.put(nodes.get(i), p);
            peers.add("127.0.0.1:" + p[0]);
        }
        this.clusterAddress = "gcomm://" + String.join(",", peers);
    }

    /**
     * What a Galera lab needs on this machine, checked before anything starts: the Galera library, an
     * rsync state transfer script for the server, rsync itself, and (as root) the account the nodes run
     * as. Each missing piece is one line naming the package that brings it.
     */
    static void checkMachine(MariaDbInstallation install, Path provider) {
        if (!Files.isReadable(provider)) {
            throw new LabException("no Galera library at " + provider + ": install Debian's galera-4 (apt-get install"
                    + " galera-4), or give its path with --wsrep-provider");
        }
        if (find(install, "wsrep_sst_rsync") == null) {
            throw new LabException("no wsrep_sst_rsync next to " + install.server() + " or on PATH: the nodes join by"
                    + " rsync state transfer; install Debian's mariadb-server (apt-get install mariadb-server), which"
                    + " brings it");
        }
        if (find(install, "rsync") == null) {
            throw new LabException("no rsync on PATH: the nodes join by rsync state transfer; install rsync (apt-get"
                    + " install rsync)");
        }
        if ("root".equals(System.getProperty("user.name"))) {
            try {
                install.basedir().getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            } catch (IOException e) {
                throw new LabException("no account " + OS_USER + ": as root the Galera nodes run as " + OS_USER
                        + " (rsync state transfer fails as root); install Debian's mariadb-server, which creates it", e);
            }
        }
    }

    /** An executable named {@code name} in the server's bin/ or scripts/, or on PATH; {@code null}: none. */
    private static Path find(MariaDbInstallation install, String name) {
        List<Path> dirs = new ArrayList<>(List.of(install.basedir().resolve("bin"), install.basedir().resolve("scripts")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Server options of {@code node}: the provider, its ports, rsync state transfer, and row-based, interleaved writes. */
    List<String> args(LabNode node) {
        int[] p = ports.get(node);
        List<String> args = new ArrayList<>(List.of("--wsrep-on=ON", "--wsrep-provider=" + provider,
                "--wsrep-cluster-name=lab", "--wsrep-node-name=" + node.name(), "--wsrep-node-address=127.0.0.1",
                "--wsrep-cluster-address=" + clusterAddress,
                "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + p[0] + ";ist.recv_addr=127.0.0.1:"
                        + p[1],
                "--wsrep-sst-receive-address=127.0.0.1:" + p[2], "--wsrep-sst-method=rsync",
                "--innodb-autoinc-lock-mode=2", "--default-storage-engine=InnoDB",
                // Without it 11.4 looks up the name of every peer's address, 5 s each at start.
                "--skip-name-resolve"));
        args.addAll(durability);
        return args;
    }

    /** Starts {@code node} as a new cluster of one (its data must exist), from {@code position} when known. */
    void bootstrap(LabNode node, String position) {
        List<String> args = new ArrayList<>(args(node));
        args.add("--wsrep-new-cluster");
        if (position != null) {
            args.add("--wsrep-start-position=" + position);
        }
        node.start(args, SYNC_TIMEOUT_MILLIS);
        waitSynced(node);
    }

    /** Starts {@code node} joining the cluster: by SST from an empty data directory, by IST from its own. */
    void join(LabNode node, String position) {
        join(node, position, null);
    }

    /**
     * The same, with {@code donor} preferred for the state transfer: an rsync transfer blocks its donor's
     * commits, so the lab keeps it off the node written to, as an operator's backup-based transfer
     * does not block it ({@code null}: any node).
     */
    void join(LabNode node, String position, LabNode donor) {
        List<String> args = new ArrayList<>(args(node));
        if (position != null) {
            args.add("--wsrep-start-position=" + position);
        }
        if (donor != null) {
            // The trailing comma lets another node donate when this one cannot.
            args.add("--wsrep-sst-donor=" + donor.name() + ",");
        }
        node.start(args, SYNC_TIMEOUT_MILLIS);
        waitSynced(node);
    }

    /**
     * Brings a cluster whose every node is down back as the operator does: each node's recovered
     * position, the most advanced one bootstrapped ({@code safe_to_bootstrap: 1}), the others joined.
     *
     * @param bootstrapped told the node that bootstrapped and its position, before the others join
     */
    LabNode recover(List<LabNode> nodes, BiConsumer<LabNode, String> bootstrapped) {
        Map<LabNode, String> positions = new ConcurrentHashMap<>();
        LabNode.atOnce(nodes, "recover", n -> positions.put(n, recoverPosition(n, args(n))));
        LabNode best = nodes.get(0);
        for (LabNode n : nodes) {
            if (seqno(positions.get(n)) > seqno(positions.get(best))) {
                best = n;
            }
        }
        safeToBootstrap(best);
        bootstrap(best, positions.get(best));
        bootstrapped.accept(best, positions.get(best));
        for (LabNode n : nodes) {
            if (n != best) {
                join(n, positions.get(n));
            }
        }
        return best;
    }

    /**
     * Runs {@code mariadbd --wsrep-recover} on a stopped node's data (with the options it runs with)
     * and returns the position its InnoDB recovered, {@code uuid:seqno}.
     */
    private static String recoverPosition(LabNode node, List<String> args) {
        Path log = node.dir().resolve("recover.log");
        List<String> cmd = node.command(args);
        cmd.removeIf(a -> a.startsWith("--log-error=") || a.startsWith("--port="));
        cmd.addAll(List.of("--wsrep-recover", "--skip-networking", "--log-error=" + log));
        try {
            LabFiles.delete(log);
            if (node.osUser() != null) {
                LabFiles.chown(node.dir(), node.osUser());
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dir().resolve("stdout.log").toFile())).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LabException("node " + node.name() + ": mariadbd --wsrep-recover did not end within 120 s"
                        + LabFiles.evidence(log));
            }
            for (String line : Files.readAllLines(log)) {
                int at = line.indexOf("Recovered position: ");
                if (at >= 0) {
                    return line.substring(at + "Recovered position: ".length()).strip();
                }
            }
            throw new LabException("node " + node.name() + ": mariadbd --wsrep-recover found no position"
                    + LabFiles.evidence(log));
        } catch (IOException e) {
            throw new LabException("node " + node.name() + ": cannot run mariadbd --wsrep-recover: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while recovering " + node.name(), e);
        }
    }

    /** Cuts {@code node} off from the others' group traffic (it stays reachable to clients), or lets it back. */
    static void isolate(LabNode node, boolean on) {
        node.exec("SET GLOBAL wsrep_provider_options = 'gmcast.isolate=" + (on ? 1 : 0) + "'");
    }

    /** Waits until the node is Synced and ready, in the Primary component. */
    static void waitSynced(LabNode node) {
        waitFor(node, s -> "Synced".equals(s.get("wsrep_local_state_comment")) && "ON".equals(s.get("wsrep_ready"))
                && "Primary".equals(s.get("wsrep_cluster_status")), "Synced in the Primary component");
    }

    /**
     * Waits until every node is Synced in one Primary component of all of them. A node that ran again
     * after a pause reports its old view for a moment (Primary, Synced) before it notices it was
     * evicted: only the whole cluster agreeing on its size and configuration says it is back.
     */
    static void waitWhole(List<LabNode> nodes) {
        long deadline = System.currentTimeMillis() + SYNC_TIMEOUT_MILLIS;
        List<Map<String, String>> last = List.of();
        while (System.currentTimeMillis() < deadline) {
            last = nodes.stream().map(Galera::statusOrEmpty).toList();
            Map<String, String> first = last.get(0);
            if (last.stream().allMatch(s -> "Synced".equals(s.get("wsrep_local_state_comment"))
                    && "ON".equals(s.get("wsrep_ready")) && "Primary".equals(s.get("wsrep_cluster_status"))
                    && String.valueOf(nodes.size()).equals(s.get("wsrep_cluster_size"))
                    && s.get("wsrep_cluster_conf_id").equals(first.get("wsrep_cluster_conf_id")))) {
                return;
            }
            LabNode.sleep(50);
        }
        throw new LabException("the Galera nodes were not one Synced cluster of " + nodes.size() + " within "
                + SYNC_TIMEOUT_MILLIS / 1_000 + " s (last: " + last + ")");
    }

    private static Map<String, String> statusOrEmpty(LabNode node) {
        try {
            return status(node);
        } catch (LabException e) {
            return Map.of();
        }
    }

    /** Waits until the node has left the Primary component. */
    static void waitNonPrimary(LabNode node) {
        waitFor(node, s -> !"Primary".equals(s.get("wsrep_cluster_status")), "outside the Primary component");
    }

    /** Waits until the node's component is smaller than {@code size} (another node was evicted). */
    static boolean waitSmallerThan(LabNode node, int size, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String s = status(node).get("wsrep_cluster_size");
            if (s != null && Integer.parseInt(s) < size) {
                return true;
            }
            LabNode.sleep(50);
        }
        return false;
    }

    private static void waitFor(LabNode node, Predicate<Map<String, String>> condition, String what) {
        long deadline = System.currentTimeMillis() + SYNC_TIMEOUT_MILLIS;
        Map<String, String> last = Map.of();
        while (System.currentTimeMillis() < deadline) {
            try {
                last = status(node);
                if (condition.test(last)) {
                    return;
                }
            } catch (LabException e) {
                if (!node.running()) {
                    throw e;
                }
            }
            LabNode.sleep(50);
        }
        throw new LabException(node + " was not " + what + " within " + SYNC_TIMEOUT_MILLIS / 1_000 + " s (last: "
                + last + ")" + LabFiles.evidence(node.dir().resolve("error.log")));
    }

    /** The node's {@code wsrep_%} status by lower-case name. */
    static Map<String, String> status(LabNode node) {
        Map<String, String> s = new LinkedHashMap<>();
        try (java.sql.Connection c = node.connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM"
                     + " information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('WSREP_LOCAL_STATE_COMMENT',"
                     + " 'WSREP_READY', 'WSREP_CLUSTER_STATUS', 'WSREP_CLUSTER_SIZE', 'WSREP_CLUSTER_CONF_ID')")) {
            while (rs.next()) {
                s.put(rs.getString(1), rs.getString(2));
            }
        } catch (java.sql.SQLException e) {
            throw new LabException("node " + node.name() + ": " + e.getMessage(), e);
        }
        return s;
    }

    /** Marks the node safe to bootstrap from, as an operator does for the most advanced one. */
    private static void safeToBootstrap(LabNode node) {
        Path grastate = node.data().resolve("grastate.dat");
        try {
            String text = Files.readString(grastate);
            Files.writeString(grastate, text.replaceAll("safe_to_bootstrap:\\s*0", "safe_to_bootstrap: 1"));
        } catch (IOException e) {
            throw new LabException("cannot mark " + node + " safe to bootstrap: " + e.getMessage(), e);
        }
    }

    private static long seqno(String position) {
        return Long.parseLong(position.substring(position.lastIndexOf(':') + 1));
    }
}
