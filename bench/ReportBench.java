import dev.failoverclient.history.History;
import dev.failoverclient.report.HtmlReport;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Times the HTML report of a run written by bench/MakeRun.java: the analysis (against a node that
 * holds every row, so no database is involved) and the rendering, and prints the report's size.
 * java -cp target/mariadb-failover-client.jar bench/ReportBench.java RUN_DIR
 */
public class ReportBench {
    public static void main(String[] args) throws Exception {
        Node everyRow = new Node() {
            public String name() {
                return "every row";
            }

            public long[] sequences(String clientId, long first, long last) {
                return LongStream.rangeClosed(first, last).toArray();
            }
        };
        long t0 = System.nanoTime();
        Analysis a = Analysis.run(History.read(Path.of(args[0]), List.of()), everyRow, List.of(), false);
        long t1 = System.nanoTime();
        String html = HtmlReport.render(a, "bench", Map.of("run folder", args[0]), List.of());
        long t2 = System.nanoTime();
        System.out.printf("%d attempts: analysis %.2f s, report rendered in %.3f s, %.0f KB (%s)%n", a.attempted(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, html.getBytes(StandardCharsets.UTF_8).length / 1024.0,
                a.conclusion().line());
    }
}
