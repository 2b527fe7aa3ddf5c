import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDateTime;

/**
 * Writes a synthetic run for bench/verify.sh: CLIENTS ledgers of ROWS acknowledged attempts each,
 * and the same rows in the table.
 * java -cp target/mariadb-failover-client.jar bench/MakeRun.java URL USER PASSWORD RUN_DIR CLIENTS ROWS
 */
public class MakeRun {
    public static void main(String[] args) throws Exception {
        Path runDir = Files.createDirectories(Path.of(args[3]));
        int clients = Integer.parseInt(args[4]);
        int rows = Integer.parseInt(args[5]);
        try (Connection c = DriverManager.getConnection(args[0] + "?useBulkStmts=true", args[1], args[2])) {
            try (Statement s = c.createStatement()) {
                s.execute(schema());
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(dev.failoverclient.conn.FailoverTable.INSERT)) {
                for (int i = 1; i <= clients; i++) {
                    String id = "bench-" + i;
                    long t = System.currentTimeMillis() * 1000;
                    try (LedgerWriter w = new LedgerWriter(runDir.resolve("ledger-" + id + ".jsonl"), id, t)) {
                        for (long seq = 1; seq <= rows; seq++) {
                            w.begin(seq, t + seq * 1000);
                            w.end(seq, t + seq * 1000 + 500, new Outcome.Ok(1));
                            ps.setString(1, id);
                            ps.setLong(2, seq);
                            ps.setObject(3, LocalDateTime.now());
                            ps.setString(4, "bench");
                            ps.addBatch();
                            if (seq % 10_000 == 0) {
                                ps.executeBatch();
                                c.commit();
                            }
                        }
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
    }

    private static String schema() {
        return dev.failoverclient.conn.FailoverTable.CREATE;
    }
}
