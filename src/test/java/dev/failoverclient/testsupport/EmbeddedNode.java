package dev.failoverclient.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code mariadbd} (embedded 11.4.5 binaries) on a free 127.0.0.1 port with its own data
 * directory, which tests can kill (SIGKILL), pause (SIGSTOP), resume and restart. {@link #close()}
 * kills the process and deletes the data; a shutdown hook does the same if the JVM dies first.
 */
public final class EmbeddedNode implements AutoCloseable {
    private final Path base;
    private final Path data;
    private final int port;
    private final Thread reaper;
    private Process process;

    private EmbeddedNode(Path data, int port) {
        this.base = MariaDbBinaries.home();
        this.data = data;
        this.port = port;
        this.reaper = new Thread(this::destroy, "embedded-node-reaper-" + port);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Installs a fresh data directory under {@code dir} and starts the server. */
    public static EmbeddedNode start(Path dir) throws IOException, InterruptedException {
        EmbeddedNode node = new EmbeddedNode(dir.resolve("data"), freePort());
        node.install();
        node.startProcess();
        return node;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Runs statements as root. */
    public void root(String... statements) throws SQLException {
        try (Connection c = rootConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    public Connection rootConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?connectTimeout=2000", "root", "");
    }

    /** Creates database {@code test} and a non-SUPER user with all rights on it. */
    public void createAppUser(String user, String password) throws SQLException {
        root("CREATE DATABASE IF NOT EXISTS test",
                "CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
                "CREATE USER IF NOT EXISTS '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'",
                "GRANT ALL ON test.* TO '" + user + "'@'%'",
                "GRANT ALL ON test.* TO '" + user + "'@'localhost'");
    }

    /**
     * Makes this node a GTID replica of {@code primary} (replicating as root over 127.0.0.1). MariaDB 11.4
     * replicas require TLS by default; the nodes run with --skip-ssl, hence MASTER_SSL=0.
     */
    public void replicateFrom(EmbeddedNode primary) throws SQLException {
        root("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
                + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1, MASTER_SSL=0",
                "START SLAVE");
    }

    /** SIGKILL: the server dies without flushing anything the OS has not got. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** Starts the server again on the same port and data (crash recovery after {@link #kill()}). */
    public void restart() throws IOException, InterruptedException {
        startProcess();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws IOException {
        destroy();
        Runtime.getRuntime().removeShutdownHook(reaper);
        try (Stream<Path> files = Files.walk(data.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void destroy() {
        if (process != null && process.isAlive()) {
            try {
                signal("CONT");
            } catch (IOException | InterruptedException ignored) {
                // SIGKILL below works on a stopped process too
            }
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void install() throws IOException, InterruptedException {
        Files.createDirectories(data);
        Process p = new ProcessBuilder(base.resolve("scripts/mariadb-install-db").toString(), "--no-defaults",
                "--basedir=" + base, "--datadir=" + data, "--user=root", "--auth-root-authentication-method=normal",
                "--skip-test-db").redirectErrorStream(true)
                .redirectOutput(data.getParent().resolve("install.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("mariadb-install-db failed, see " + data.getParent().resolve("install.log"));
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        List<String> cmd = List.of(base.resolve("bin/mariadbd").toString(), "--no-defaults", "--basedir=" + base,
                "--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + data.resolve("mysqld.sock"), "--pid-file=" + data.resolve("mysqld.pid"),
                "--user=root", "--skip-ssl", "--lc-messages-dir=" + base.resolve("share"),
                "--innodb-buffer-pool-size=32M", "--server-id=" + port, "--log-bin=binlog", "--gtid-strict-mode=1");
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.getParent().resolve("server.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection ignored = rootConnection()) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    destroy();
                    throw new IOException("mariadbd did not start on port " + port + ", see "
                            + data.getParent().resolve("server.log"), e);
                }
                Thread.sleep(50);
            }
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
