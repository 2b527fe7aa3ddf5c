package dev.failoverclient.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failoverclient.history.History;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.testsupport.Browser;
import dev.failoverclient.testsupport.Runs;
import dev.failoverclient.verify.Analysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report as a person sees it, in headless Chromium on a desktop (1400 px) and on a phone (390 px):
 * a 4.5-minute run whose server warns about every durability setting. Screenshots land in
 * target/report-&lt;width&gt;.png.
 */
class HtmlReportLayoutIT {
    private static final long START = 1_765_000_000_000_000L;
    private static final long SPAN = 270_000_000L;

    @TempDir
    Path dir;
    private Path report;

    @BeforeEach
    void writeAReport() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("version", "11.4.5-MariaDB-log");
        settings.put("read_only", "OFF");
        settings.put("innodb_flush_log_at_trx_commit", "2");
        settings.put("sync_binlog", "0");
        settings.put("rpl_semi_sync_master_enabled", "ON");
        settings.put("rpl_semi_sync_master_timeout", "10000");
        settings.put("rpl_semi_sync_master_wait_point", "AFTER_COMMIT");
        settings.put("gtid_strict_mode", "OFF");
        long[] stored = new long[2_700];
        try (LedgerWriter w = new LedgerWriter(new RunFolder(dir).ledger("client-a"), "client-a", START)) {
            w.connected(START, 1, "mariadb-cluster-0", "11.4.5-MariaDB-log", settings, null, null);
            for (int i = 0; i < 2_700; i++) {
                long seq = i + 1;
                long t = START + i * 100_000L;
                boolean refused = i >= 1_200 && i < 1_260;
                w.begin(seq, t);
                w.end(seq, t + 1_500 + (i % 17) * 300, refused ? new Outcome.Failed(1290, "HY000", "read-only")
                        : new Outcome.Ok(1));
                stored[i] = refused ? 0 : seq;
            }
            w.stopped(START + SPAN);
        }
        Analysis a = Analysis.run(History.read(dir, List.of()), Runs.node("primary", Map.of("client-a",
                java.util.Arrays.stream(stored).filter(s -> s > 0).toArray())), List.of(), false);
        report = dir.resolve("report.html");
        HtmlReport.write(report, HtmlReport.render(a, "run 20261207T120000Z-client-a", Map.of("user", "failover"),
                List.of()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1400, 390})
    void readsWellOnADesktopAndOnAPhone(int width) throws Exception {
        try (Browser browser = Browser.start(dir)) {
            browser.open(report.toUri().toString(), width, 900);
            Files.write(Path.of("target", "report-" + width + ".png"), browser.screenshot());

            // Nothing but a table's own scroll box is wider than the screen.
            assertThat(browser.evaluate("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(width);
            // Every durability setting on one line of its own, none broken inside.
            JsonNode settings = browser.evaluate("[...document.querySelectorAll('#durability .setting')]"
                    + ".map(s => s.getClientRects().length)");
            assertThat(settings).hasSize(8).allSatisfy(lines -> assertThat(lines.asInt()).isEqualTo(1));
            // ... and the settings and their warnings readable without scrolling sideways.
            assertThat(browser.evaluate("(() => { const d = document.getElementById('durability');"
                    + " return d.scrollWidth <= d.clientWidth; })()").asBoolean()).isTrue();
            // Every time label of the timeline inside the picture, the last one ("+4 min 30 s") included.
            JsonNode labels = browser.evaluate("(() => { const svg = document.querySelector('svg.timeline');"
                    + " const w = svg.viewBox.baseVal.width; return [...svg.querySelectorAll('text.axis.time')]"
                    + ".map(t => { const b = t.getBBox(); return {text: t.textContent, in: b.x >= 0 && b.x + b.width <= w};"
                    + " }); })()");
            assertThat(labels.get(labels.size() - 1).get("text").asText()).isEqualTo("+4 min 30 s");
            assertThat(labels).allSatisfy(l -> assertThat(l.get("in").asBoolean()).as(l.toString()).isTrue());
            assertThat(browser.errors()).isEmpty();
        }
    }
}
