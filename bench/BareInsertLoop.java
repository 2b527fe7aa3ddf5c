import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;

/**
 * The baseline for bench/throughput.sh and bench/applications.sh: the same INSERT as the writer, in
 * a bare JDBC loop with no ledger, logging or classification; with ROWS > 1, transactions of ROWS
 * INSERTs committed once (the writer's --transaction-rows). Run with the client's jar on the classpath:
 * java -cp target/mariadb-failover-client.jar bench/BareInsertLoop.java URL USER PASSWORD SECONDS [ROWS]
 */
public class BareInsertLoop {
    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[3]);
        int rows = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
             PreparedStatement ps = c.prepareStatement("INSERT INTO failover_test"
                     + " (client_id, sequence, write_timestamp, hostname) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, "bare-loop");
            ps.setString(4, "bench");
            c.setAutoCommit(rows == 1);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long n = 0;
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                for (int i = 0; i < rows; i++) {
                    ps.setLong(2, ++n);
                    ps.setObject(3, LocalDateTime.now());
                    ps.executeUpdate();
                }
                if (rows > 1) {
                    c.commit();
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("bare JDBC loop: %d inserts in %.1f s = %.1f writes/s = %.1f transactions/s%n", n,
                    elapsed, n / elapsed, n / rows / elapsed);
        }
    }
}
