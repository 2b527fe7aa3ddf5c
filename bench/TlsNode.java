import dev.failoverclient.lab.LabCertificates;
import dev.failoverclient.lab.LabFiles;
import dev.failoverclient.lab.LabNode;
import dev.failoverclient.lab.MariaDbInstallation;
import dev.failoverclient.lab.Ports;
import java.nio.file.Path;
import java.util.List;

/**
 * One embedded MariaDB 11.4.5 node with the lab's certificates that accepts both TLS and plain
 * logins, for bench/tls.sh to compare the writer with and without TLS on the same server. Prints
 * "PORT <port> CA <ca.pem>", then runs until its standard input closes. User bench/bench, database
 * bench. Run with the client's jar on the classpath:
 * java -cp target/mariadb-failover-client.jar bench/TlsNode.java DIR
 */
public class TlsNode {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        MariaDbInstallation install = MariaDbInstallation.embedded(MariaDbInstallation.defaultCache());
        LabCertificates certs = LabCertificates.create(dir.resolve("tls"));
        int port = Ports.free();
        LabNode node = new LabNode("bench", 1, port, dir.resolve("node"), install, certs);
        LabNode.installInto(install, dir.resolve("node").resolve("data"));
        Runtime.getRuntime().addShutdownHook(new Thread(node::kill, "bench-node-reaper"));
        // The last option wins: this node also takes plain logins, for the rounds without TLS.
        node.start(List.of("--require-secure-transport=OFF"));
        node.exec("CREATE DATABASE bench", "CREATE USER 'bench'@'%' IDENTIFIED BY 'bench'",
                "GRANT ALL ON bench.* TO 'bench'@'%'");
        System.out.println("PORT " + port + " CA " + certs.ca());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the script closes our standard input
        }
        node.kill();
        LabFiles.delete(dir.resolve("node"));
    }
}
