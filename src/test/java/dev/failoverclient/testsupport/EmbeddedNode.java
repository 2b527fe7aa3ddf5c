package dev.failoverclient.testsupport;

import dev.failoverclient.lab.LabCertificates;
import dev.failoverclient.lab.LabFiles;
import dev.failoverclient.lab.LabNode;
import dev.failoverclient.lab.MariaDbInstallation;
import dev.failoverclient.lab.Ports;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One embedded MariaDB 11.4.5 node for tests (the lab's {@link LabNode}) on a free 127.0.0.1
 * port, which tests can kill, pause, resume and restart. {@link #close()} kills the process and
 * deletes the data; a shutdown hook kills it if the JVM ends first.
 */
public final class EmbeddedNode implements AutoCloseable {
    private final LabNode node;
    private final Path dir;
    private final Thread reaper;

    private EmbeddedNode(LabNode node, Path dir) {
        this.node = node;
        this.dir = dir;
        this.reaper = new Thread(node::kill, "embedded-node-reaper-" + node.endpoint().port());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Installs a fresh data directory under {@code dir} and starts the server. */
    public static EmbeddedNode start(Path dir) throws IOException {
        return start(dir, null);
    }

    /** A data directory made once by mariadb-install-db, to be copied into nodes (much faster). */
    public static Path template(Path dir) {
        LabNode.installInto(install(), dir);
        return dir;
    }

    /** Starts a node under {@code dir} with a copy of {@code template} (or a fresh install when null). */
    public static EmbeddedNode start(Path dir, Path template) throws IOException {
        return start(dir, template, null);
    }

    /** The same, the node requiring TLS with these certificates ({@code null}: plain TCP). */
    public static EmbeddedNode start(Path dir, Path template, LabCertificates tls) throws IOException {
        int port = Ports.free();
        LabNode node = new LabNode("test-" + port, port, port, dir, install(), tls);
        if (template == null) {
            LabNode.installInto(install(), dir.resolve("data"));
        } else {
            node.copyDataFrom(template);
        }
        EmbeddedNode n = new EmbeddedNode(node, dir);
        n.node.start(List.of());
        return n;
    }

    private static MariaDbInstallation install() {
        return MariaDbInstallation.embedded(MariaDbInstallation.defaultCache());
    }

    public int port() {
        return node.endpoint().port();
    }

    /** Runs statements as root. */
    public void root(String... statements) {
        node.exec(statements);
    }

    public Connection rootConnection() throws SQLException {
        return node.connect();
    }

    /** Creates database {@code test} and a non-SUPER user with all rights on it. */
    public void createAppUser(String user, String password) {
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
    public void replicateFrom(EmbeddedNode primary) {
        root("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
                + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1,"
                + " MASTER_SSL=0", "START SLAVE");
    }

    /** SIGKILL: the server dies without flushing anything the OS has not got. */
    public void kill() {
        node.kill();
    }

    public void pause() {
        node.pause();
    }

    public void resume() {
        node.resume();
    }

    /** Starts the server again on the same port and data (crash recovery after {@link #kill()}). */
    public void restart() {
        node.start(List.of());
    }

    @Override
    public void close() throws IOException {
        node.kill();
        Runtime.getRuntime().removeShutdownHook(reaper);
        LabFiles.delete(dir);
    }

}
