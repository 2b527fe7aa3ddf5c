import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the ledgers of a synthetic run for bench/verify.sh: CLIENTS ledgers (bench-1 …) of ROWS
 * acknowledged attempts each, one every millisecond. The script stores the matching rows itself.
 * java -cp target/mariadb-failover-client.jar bench/MakeRun.java RUN_DIR CLIENTS ROWS
 */
public class MakeRun {
    public static void main(String[] args) throws Exception {
        Path runDir = Files.createDirectories(Path.of(args[0]));
        int clients = Integer.parseInt(args[1]);
        long rows = Long.parseLong(args[2]);
        long t = System.currentTimeMillis() * 1000;
        for (int i = 1; i <= clients; i++) {
            String id = "bench-" + i;
            try (LedgerWriter w = new LedgerWriter(new RunFolder(runDir).ledger(id), id, t)) {
                for (long seq = 1; seq <= rows; seq++) {
                    w.begin(seq, t + seq * 1000);
                    w.end(seq, t + seq * 1000 + 500, new Outcome.Ok(1));
                }
                w.stopped(t + rows * 1000 + 1000);
            }
        }
    }
}
