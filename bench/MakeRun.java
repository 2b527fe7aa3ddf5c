import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the ledgers of a synthetic run for bench/verify.sh: CLIENTS ledgers (bench-1 …) of ROWS
 * acknowledged attempts each, one every millisecond; with SEGMENTS, each client's history in that
 * many segments, as a client killed and started again SEGMENTS - 1 times writes it (a second down
 * each time). The script stores the matching rows itself.
 * java -cp target/mariadb-failover-client.jar bench/MakeRun.java RUN_DIR CLIENTS ROWS [SEGMENTS]
 */
public class MakeRun {
    public static void main(String[] args) throws Exception {
        Path runDir = Files.createDirectories(Path.of(args[0]));
        int clients = Integer.parseInt(args[1]);
        long rows = Long.parseLong(args[2]);
        int segments = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        long t = System.currentTimeMillis() * 1000;
        for (int i = 1; i <= clients; i++) {
            String id = "bench-" + i;
            long seq = 1;
            for (int s = 1; s <= segments; s++) {
                long last = rows * s / segments;
                long down = (s - 1) * 1_000_000L;
                try (LedgerWriter w = new LedgerWriter(new RunFolder(runDir).ledger(id, s), id, t + seq * 1000 + down,
                        s)) {
                    for (; seq <= last; seq++) {
                        w.begin(seq, t + seq * 1000 + down);
                        w.end(seq, t + seq * 1000 + down + 500, new Outcome.Ok(1));
                    }
                    if (s == segments) {
                        w.stopped(t + rows * 1000 + down + 1000);
                    }
                }
            }
        }
    }
}
