package dev.failoverclient.lab;

import dev.failoverclient.config.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real {@code mariadbd} process on 127.0.0.1 with its own data directory, GTID binary logs and
 * a fixed port, which the lab can stop cleanly, SIGKILL, SIGSTOP and SIGCONT. Root has no password
 * and is reachable only on loopback.
 */
public final class LabNode {
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final String name;
    private final int serverId;
    private final int port;
    private final Path dir;
    private final MariaDbInstallation install;
    /** {@code null}: plain TCP; else the node requires TLS with these certificates. */
    private final LabCertificates tls;
    /** The account mariadbd runs as when this process is root ({@code null}: root itself). */
    private final String osUser;
    private Process process;
    private boolean paused;

    /** @param tls the lab's certificates: the node then accepts only TLS connections; {@code null}: plain TCP */
    public LabNode(String name, int serverId, int port, Path dir, MariaDbInstallation install, LabCertificates tls) {
        this(name, serverId, port, dir, install, tls, null);
    }

    /**
     * @param osUser the account the server runs as when the lab runs as root: Galera's rsync state
     *               transfer fails as root (its rsync daemon drops to nobody); {@code null}: as root
     */
    LabNode(String name, int serverId, int port, Path dir, MariaDbInstallation install, LabCertificates tls,
            String osUser) {
        this.name = name;
        this.serverId = serverId;
        this.port = port;
        this.dir = dir;
        this.install = install;
        this.tls = tls;
        this.osUser = runningAsRoot() ? osUser : null;
    }

    /** The certificates the node uses, or {@code null} without TLS. */
    public LabCertificates tls() {
        return tls;
    }

    public String name() {
        return name;
    }

    public int serverId() {
        return serverId;
    }

    public Endpoint endpoint() {
        return new Endpoint("127.0.0.1", port);
    }

    Path data() {
        return dir.resolve("data");
    }

    /** Creates a fresh data directory with mariadb-install-db. */
    public static void installInto(MariaDbInstallation install, Path data) {
        installInto(install, data, null);
    }

    /** Creates a fresh data directory owned by {@code osUser} (when root; {@code null}: root). */
    static void installInto(MariaDbInstallation install, Path data, String osUser) {
        Path log = data.resolveSibling("install.log");
        try {
            Files.createDirectories(data);
            List<String> cmd = new ArrayList<>(List.of(install.installDb().toString(), "--no-defaults",
                    "--basedir=" + install.basedir(), "--datadir=" + data, "--auth-root-authentication-method=normal",
                    "--skip-test-db"));
            if (runningAsRoot()) {
                cmd.add("--user=" + (osUser == null ? "root" : osUser));
                if (osUser != null) {
                    LabFiles.chown(data.getParent(), osUser);
                }
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new LabException("mariadb-install-db failed" + LabFiles.evidence(log));
                }
            } finally {
                // The script starts mariadbd --bootstrap: kill the whole tree, not just the shell.
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new LabException("cannot run mariadb-install-db: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while installing a data directory", e);
        }
    }

    /** Copies a template data directory made by {@link #installInto}. */
    public void copyDataFrom(Path template) {
        wipe();
        try (Stream<Path> files = Files.walk(template)) {
            for (Path src : (Iterable<Path>) files::iterator) {
                Path dst = data().resolve(template.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst);
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot copy a data directory to " + data() + ": " + e.getMessage(), e);
        }
    }

    /** Starts the server and waits until it accepts connections. */
    public void start(List<String> extraArgs) {
        start(extraArgs, START_TIMEOUT_MILLIS);
    }

    /** The server's command line: its files, its port, binary logging for GTIDs, then {@code extraArgs}. */
    List<String> command(List<String> extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(install.server().toString(), "--no-defaults",
                "--basedir=" + install.basedir(), "--datadir=" + data(), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"),
                "--log-error=" + dir.resolve("error.log"), "--server-id=" + serverId,
                "--log-bin=binlog", "--log-slave-updates=ON", "--binlog-format=ROW", "--gtid-strict-mode=ON",
                "--innodb-buffer-pool-size=32M", "--skip-slave-start"));
        cmd.addAll(tls == null ? List.of("--skip-ssl") : List.of("--ssl-cert=" + tls.serverCert(),
                "--ssl-key=" + tls.serverKey(), "--ssl-ca=" + tls.ca(), "--require-secure-transport=ON"));
        cmd.addAll(install.messageArgs());
        if (runningAsRoot()) {
            cmd.add("--user=" + (osUser == null ? "root" : osUser));
        }
        cmd.addAll(extraArgs);
        return cmd;
    }

    /** Starts the server and waits up to {@code timeoutMillis} until it accepts connections. */
    void start(List<String> extraArgs, long timeoutMillis) {
        List<String> cmd = command(extraArgs);
        try {
            // A Galera joiner starts from an empty data directory: the state transfer fills it.
            Files.createDirectories(data());
            if (osUser != null) {
                LabFiles.chown(dir, osUser);
            }
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
        } catch (IOException e) {
            throw new LabException("cannot start " + install.server() + ": " + e.getMessage(), e);
        }
        paused = false;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            try (Connection c = connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT @@server_id")) {
                rs.next();
                if (rs.getLong(1) != serverId || !process.isAlive()) {
                    // Another server answers on this port: ours could not bind it.
                    kill();
                    throw new LabException("node " + name + " did not start on port " + port + ": another server"
                            + " answers there" + LabFiles.evidence(dir.resolve("error.log")));
                }
                return;
            } catch (SQLException e) {
                if (!process.isAlive()) {
                    throw new LabException("node " + name + " did not start on port " + port
                            + LabFiles.evidence(dir.resolve("error.log")));
                }
                if (System.currentTimeMillis() > deadline) {
                    kill();
                    throw new LabException("node " + name + " did not accept connections within "
                            + timeoutMillis / 1_000 + " s" + LabFiles.evidence(dir.resolve("error.log")));
                }
                sleep(50);
            }
        }
    }

    /** The account the server runs as ({@code null}: this process's). */
    String osUser() {
        return osUser;
    }

    Path dir() {
        return dir;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * SIGKILL: no shutdown, no flush beyond what InnoDB already made durable. A paused node dies of it
     * too, so nothing runs between the fault's record and the signal (a {@code kill -CONT} first let
     * the primary acknowledge writes for another millisecond or two).
     */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** SIGTERM: a clean shutdown. */
    public void shutdown() {
        if (process != null && process.isAlive()) {
            signal("CONT");
            process.destroy();
            waitForExit();
        }
    }

    public void pause() {
        signal("STOP");
        paused = true;
    }

    public void resume() {
        signal("CONT");
        paused = false;
    }

    boolean paused() {
        return paused;
    }

    private void wipe() {
        LabFiles.delete(data());
    }

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "root");
        props.setProperty("password", "");
        props.setProperty("connectTimeout", "2000");
        props.setProperty("socketTimeout", "20000");
        if (tls != null) {
            props.setProperty("sslMode", "verify-full");
            props.setProperty("serverSslCert", tls.ca().toString());
        }
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", props);
    }

    /** Runs statements as root; any error is a {@link LabException} naming the node. */
    public void exec(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new LabException("node " + name + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, as text ({@code null} when none). */
    public String query(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new LabException("node " + name + ": " + e.getMessage(), e);
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void signal(String signal) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new LabException("cannot send SIG" + signal + " to node " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

/** Applies {@code action} to every node at once, a thread each; the first failure is thrown. */
    static void atOnce(List<LabNode> nodes, String what, Consumer<LabNode> action) {
        List<Thread> threads = new ArrayList<>();
        List<LabException> errors = new CopyOnWriteArrayList<>();
        for (LabNode n : nodes) {
            threads.add(new Thread(() -> {
                try {
                    action.accept(n);
                } catch (LabException e) {
                    errors.add(e);
                }
            }, "lab-" + what + "-" + n.name()));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted during " + what, e);
            }
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + endpoint() + ", server_id " + serverId + ")";
    }
}
