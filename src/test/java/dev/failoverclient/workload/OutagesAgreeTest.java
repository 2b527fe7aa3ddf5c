package dev.failoverclient.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.ledger.Outage;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.metrics.WriterMetrics;
import dev.failoverclient.testsupport.Runs;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis, the metrics and the statistics block fed the same attempts find the same outages:
 * they share one rule (ledger.OutageRule), and this holds them to it.
 */
class OutagesAgreeTest {
    private static final Outcome OK = new Outcome.Ok(1);
    private static final Outcome FAILED = new Outcome.Failed(1290, "HY000", "read-only");
    private static final Outcome UNKNOWN = new Outcome.Unknown(0, "08000", "Socket error");

    @TempDir
    Path dir;

    /** Irregular times and latencies: an outage at the start, three in the middle, one still open at the end. */
    private static List<Attempt> attempts() {
        String letters = "FUOOFFUOFOOOUUUUFOOF";
        List<Attempt> all = new ArrayList<>();
        long t = 1_700_000_000_000_000L;
        for (int i = 0; i < letters.length(); i++) {
            long latency = 300 + 977L * (i % 7) + (letters.charAt(i) == 'U' ? 1_000_000 : 0);
            Outcome o = switch (letters.charAt(i)) {
                case 'O' -> OK;
                case 'F' -> FAILED;
                default -> UNKNOWN;
            };
            all.add(new Attempt("c", i + 1, t, t + latency, o));
            t += latency + 10_000 + 3_331L * i;
        }
        return all;
    }

    @Test
    void theAnalysisTheMetricsAndTheStatisticsBlockFindTheSameOutages() throws Exception {
        List<Attempt> attempts = attempts();
        try (LedgerWriter w = new LedgerWriter(new RunFolder(dir).ledger("c"), "c", 0)) {
            for (Attempt a : attempts) {
                w.begin(a.sequence(), a.startMicros());
                w.end(a.sequence(), a.endMicros(), a.outcome());
            }
            w.stopped(attempts.get(attempts.size() - 1).endMicros());
        }
        List<Outage> analysed = Runs.analyse(dir, null, List.of(), false).outages();
        assertThat(analysed).hasSize(5);
        assertThat(analysed.get(4).open()).isTrue();

        WriterMetrics metrics = new WriterMetrics(1);
        WriterListener listener = metrics.listener("c");
        WriterStats stats = new WriterStats("c");
        List<Instant> openSince = new ArrayList<>();
        for (Attempt a : attempts) {
            listener.attempted(a.sequence(), a.startMicros(), a.latencyMicros() * 1_000, a.outcome());
            if (a.ok()) {
                stats.ok(a.endMicros(), a.latencyMicros());
            } else {
                stats.failed(a.startMicros(), a.endMicros(), a.outcome() instanceof Outcome.Unknown);
            }
            openSince.add(stats.snapshot().outageSince());
        }

        // The statistics block: while an attempt is in an outage, the outage began where the analysis says.
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            Outage containing = analysed.stream().filter(o -> o.startMicros() <= a.startMicros()
                    && (o.open() || o.endMicros() > a.endMicros())).findFirst().orElse(null);
            assertThat(openSince.get(i)).as("after attempt " + a.sequence())
                    .isEqualTo(a.ok() ? null : Micros.toInstant(containing.startMicros()));
        }
        // The metrics: the closed outages, counted and summed to the microsecond, and the open one.
        String text = scrape(metrics);
        List<Outage> closed = analysed.stream().filter(o -> !o.open()).toList();
        double seconds = closed.stream().mapToLong(o -> o.endMicros() - o.startMicros()).sum() / 1e6;
        assertThat(value(text, "mariadb_failover_outages_total")).isEqualTo(closed.size());
        assertThat(value(text, "mariadb_failover_outage_seconds_count")).isEqualTo(closed.size());
        assertThat(value(text, "mariadb_failover_outage_seconds_sum")).isCloseTo(seconds, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(value(text, "mariadb_failover_outage_in_progress")).isEqualTo(1);
    }

    private static String scrape(WriterMetrics m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, m.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static double value(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{client=\"c\"} (\\S+)$").matcher(text);
        assertThat(m.find()).as(name + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
